namespace Pincer.Config.Redaction;

/// <summary>Whether text holds an unescaped <c>${VAR}</c> substitution (<c>$${VAR}</c> is a literal).</summary>
internal static class EnvReferences
{
    public static bool Contains(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '$')
            {
                continue;
            }

            if (At(value, i + 1) == '$' && At(value, i + 2) == '{' && TryName(value, i + 3, out var escapedEnd))
            {
                i = escapedEnd;
                continue;
            }

            if (At(value, i + 1) == '{' && TryName(value, i + 2, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static char At(string value, int index) => index < value.Length ? value[index] : '\0';

    private static bool TryName(string value, int start, out int end)
    {
        end = start < value.Length ? value.IndexOf('}', start) : -1;
        if (end < 0 || end == start)
        {
            return false;
        }

        var first = value[start];
        if (!(first is >= 'A' and <= 'Z' or '_'))
        {
            return false;
        }

        for (var i = start + 1; i < end; i++)
        {
            if (!(value[i] is >= 'A' and <= 'Z' or >= '0' and <= '9' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
