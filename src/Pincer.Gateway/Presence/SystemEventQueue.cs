using System.Collections.Concurrent;

namespace Pincer.Gateway.Presence;

/// <summary>
/// System events waiting to be folded into the main session's next turn (reported by
/// <c>status.queuedSystemEvents</c>). Bounded: the oldest fall off first.
/// </summary>
internal sealed class SystemEventQueue
{
    private const int Capacity = 20;
    private readonly ConcurrentQueue<string> _queue = new();

    public void Enqueue(string text)
    {
        _queue.Enqueue(text);
        while (_queue.Count > Capacity && _queue.TryDequeue(out _))
        {
        }
    }

    public IReadOnlyList<string> Pending() => [.. _queue];
}
