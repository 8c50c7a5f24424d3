using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Config.Json5;

/// <summary>
/// Turns lexed JSON5 numerals into <see cref="JsonValue"/>s.
/// JSON5 numbers are JavaScript doubles, so a value that is a whole number (<c>18789</c>,
/// <c>1.0</c>, <c>1e3</c>, <c>0x10</c>) becomes an integer-looking JSON number and reads back
/// with <c>GetValue&lt;int&gt;()</c>; other finite values use the shortest round-trip text.
/// Finite values are backed by a <see cref="JsonElement"/> so any numeric <c>GetValue&lt;T&gt;</c>
/// works and re-serialisation is plain JSON. <c>Infinity</c>, <c>-Infinity</c> and <c>NaN</c>
/// cannot be expressed in JSON: they become <see cref="double"/>-backed values holding the
/// non-finite double, so <c>GetValue&lt;double&gt;()</c> still sees them, while serialising them
/// (like JavaScript's <c>JSON.stringify</c>) needs an explicit policy from the writer.
/// </summary>
internal static class Json5NumberFactory
{
    private const double MaxExactLong = 9.2e18;

    public static JsonValue NonFinite(double value) => JsonValue.Create(value);

    public static JsonValue FromDecimal(bool negative, string integerDigits, string fractionDigits, string exponent)
    {
        var text = string.Concat(
            integerDigits.Length == 0 ? "0" : integerDigits,
            fractionDigits.Length == 0 ? "" : "." + fractionDigits,
            exponent.Length == 0 ? "" : "e" + exponent);
        var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return FromDouble(negative ? -value : value);
    }

    public static JsonValue FromHex(bool negative, string hexDigits)
    {
        var magnitude = BigInteger.Parse("0" + hexDigits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        // BigInteger's double cast truncates; going through decimal text rounds to nearest like JS.
        var value = double.Parse(magnitude.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        return FromDouble(negative ? -value : value);
    }

    public static JsonValue FromDouble(double value)
    {
        if (!double.IsFinite(value))
            return NonFinite(value);
        var text = Math.Floor(value) == value && Math.Abs(value) < MaxExactLong
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        return JsonValue.Create(JsonElement.ParseValue(ref reader))
            ?? throw new InvalidOperationException("a number literal produced a JSON null");
    }
}
