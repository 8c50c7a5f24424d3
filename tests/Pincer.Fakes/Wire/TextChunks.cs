namespace Pincer.Fakes.Wire;

/// <summary>Splits text into N near-equal pieces without cutting a surrogate pair.</summary>
internal static class TextChunks
{
    public static IReadOnlyList<string> Split(string text, int count)
    {
        if (text.Length == 0)
        {
            return [];
        }

        count = Math.Clamp(count, 1, text.Length);
        var pieces = new List<string>(count);
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            var end = i == count ? text.Length : (int)((long)text.Length * i / count);
            if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1]))
            {
                end++;
            }

            if (end > start)
            {
                pieces.Add(text[start..end]);
                start = end;
            }
        }

        return pieces;
    }
}
