namespace Pincer.Gateway.Events;

/// <summary>
/// One frame waiting in a connection's outbox. Broadcast events share <see cref="Prefix"/> across
/// recipients; <see cref="Suffix"/> carries the recipient's own seq.
/// </summary>
internal sealed record OutboundFrame(byte[] Prefix, byte[]? Suffix)
{
    public int Length => Prefix.Length + (Suffix?.Length ?? 0);

    public static OutboundFrame Whole(byte[] bytes) => new(bytes, null);
}
