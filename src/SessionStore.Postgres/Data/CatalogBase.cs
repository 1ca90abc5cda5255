namespace SessionStore.Postgres.Data;

/// <summary>What an append reads of a row's catalog columns, to add to them in O(delta).</summary>
/// <param name="ItemCount">The items the catalog counted.</param>
/// <param name="DerivedTitle">The title derived so far.</param>
/// <param name="Fresh">Whether the columns were derived from the row's current revision (else the append derives them again whole).</param>
internal readonly record struct CatalogBase(int ItemCount, string DerivedTitle, bool Fresh);
