using System.Text;

namespace Pincer.Gateway.Connections;

/// <summary>WebSocket close reasons must fit 123 UTF-8 bytes; the reference truncates to fit.</summary>
internal static class CloseReason
{
    public const int MaxBytes = 123;

    public static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxBytes)
        {
            return reason;
        }

        var end = reason.Length;
        while (end > 0 && Encoding.UTF8.GetByteCount(reason.AsSpan(0, end)) > MaxBytes)
        {
            end--;
        }

        if (end > 0 && char.IsHighSurrogate(reason[end - 1]))
        {
            end--;
        }

        return reason[..end];
    }
}
