using Microsoft.Data.Sqlite;

namespace SessionStore.Index;

/// <summary>One connection's prepared commands, and the transaction they join (Microsoft.Data.Sqlite wants it set on each command).</summary>
internal sealed class Statements
{
    internal Dictionary<string, SqliteCommand> Commands { get; } = new(StringComparer.Ordinal);

    internal SqliteTransaction? Current { get; private set; }

    internal Scope Begin(SqliteConnection db)
    {
        Current = db.BeginTransaction();
        return new Scope(this);
    }

    /// <summary>A transaction: committed by <see cref="Commit"/>, rolled back when disposed without it.</summary>
    internal sealed class Scope(Statements owner) : IDisposable
    {
        internal void Commit()
        {
            owner.Current!.Commit();
            owner.Current.Dispose();
            owner.Current = null;
        }

        public void Dispose()
        {
            owner.Current?.Dispose();
            owner.Current = null;
        }
    }
}
