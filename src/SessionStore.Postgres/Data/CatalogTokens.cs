using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SessionStore.Postgres.Data;

/// <summary>
/// Keyset page tokens of the catalog: a query's token holds its order and the last session's key and id, a search's
/// the last hit's rank and id, so the next page starts right after it (<c>WHERE (key, id) &gt; (last)</c>) whatever was
/// written meanwhile. A token is opaque to callers: base64url of <c>kind \n key \n id</c>.
/// </summary>
internal static class CatalogTokens
{
    private const string SearchKind = "search";

    internal static string Query(SessionQueryOrder order, string key, string id) => Encode("q" + ((int)order).ToString(CultureInfo.InvariantCulture), key, id);

    internal static string Search(double rank, string id) => Encode(SearchKind, rank.ToString("R", CultureInfo.InvariantCulture), id);

    /// <summary>The last key and id of a query's token, or null for the first page.</summary>
    /// <exception cref="ArgumentException">The token is not one of a query in this order.</exception>
    internal static (string Key, string Id)? ReadQuery(SessionQueryOrder order, string? token) =>
        token is null ? null : Decode(token, "q" + ((int)order).ToString(CultureInfo.InvariantCulture));

    /// <summary>The last rank and id of a search's token, or null for the first page.</summary>
    /// <exception cref="ArgumentException">The token is not one of a search.</exception>
    internal static (double Rank, string Id)? ReadSearch(string? token)
    {
        if (Decode(token, SearchKind) is not var (key, id))
        {
            return null;
        }

        return double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out double rank)
            ? (rank, id)
            : throw NotAToken();
    }

    /// <summary>A timestamp as a token's key: its ticks, exactly.</summary>
    internal static string Key(DateTime utc) => utc.Ticks.ToString(CultureInfo.InvariantCulture);

    /// <summary>A token's key as the timestamp it holds.</summary>
    /// <exception cref="ArgumentException">The key is not a timestamp.</exception>
    internal static DateTime Time(string key) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : throw NotAToken();

    private static string Encode(string kind, string key, string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(kind + "\n" + key + "\n" + id));

    private static (string Key, string Id)? Decode(string? token, string kind)
    {
        if (token is null)
        {
            return null;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw NotAToken();
        }

        string[] parts = text.Split('\n');
        return parts.Length == 3 && parts[0] == kind && parts[2].Length > 0 ? (parts[1], parts[2]) : throw NotAToken();
    }

    private static ArgumentException NotAToken() =>
        new("The page token is not one of this catalog's for this order: pass the NextPageToken of the previous page of the same query.", "query");
}
