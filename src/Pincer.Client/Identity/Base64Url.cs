namespace Pincer.Client.Identity;

/// <summary>Unpadded base64url, the encoding the protocol uses for keys, signatures and tokens.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>
    /// Decodes base64url or standard base64, padded or not (the reference normalises both forms).
    /// Returns null when the text is neither.
    /// </summary>
    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var normalized = text.Trim().Replace('+', '-').Replace('/', '_').TrimEnd('=');
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(normalized);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
