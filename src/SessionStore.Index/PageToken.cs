using System.Globalization;
using System.Text;

namespace SessionStore.Index;

/// <summary>A keyset page token: the order it belongs to and the last row's sort key and id, opaque to callers.</summary>
internal readonly record struct PageToken(char Order, string Key, string Id)
{
    internal const char SearchOrder = 'S';

    internal static char OrderCode(SessionQueryOrder order) => order switch
    {
        SessionQueryOrder.Recent => 'R',
        SessionQueryOrder.Created => 'C',
        SessionQueryOrder.Id => 'I',
        _ => 'T',
    };

    internal string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"1\u001f{Order}\u001f{Key}\u001f{Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <exception cref="ArgumentException">The token is not one of <paramref name="order"/>.</exception>
    internal static PageToken Decode(string token, char order)
    {
        string? text = null;
        try
        {
            string base64 = token.Replace('-', '+').Replace('_', '/');
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
        }

        string[] parts = text?.Split('\u001f') ?? [];
        if (parts.Length != 4 || parts[0] != "1" || parts[1].Length != 1 || !SessionIdRules.IsValid(parts[3]))
        {
            throw new ArgumentException("the page token is not one this catalog gave", nameof(token));
        }

        if (parts[1][0] != order)
        {
            throw new ArgumentException("the page token belongs to a query of another order", nameof(token));
        }

        return new PageToken(order, parts[2], parts[3]);
    }

    internal long KeyAsInt64() =>
        long.TryParse(Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) ? value : throw new ArgumentException("the page token is not one this catalog gave");

    internal double KeyAsDouble() =>
        double.TryParse(Key, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : throw new ArgumentException("the page token is not one this catalog gave");
}
