using System.Collections.Concurrent;

namespace Pincer.Gateway.Control;

/// <summary>Control-plane writes: at most 30 per 60 s per (method, device or IP) — spec §8.</summary>
internal sealed class WriteRateLimiter(TimeProvider time)
{
    public const int Limit = 30;
    public const int WindowMs = 60_000;
    private readonly ConcurrentDictionary<string, Queue<long>> _windows = new(StringComparer.Ordinal);

    /// <summary>Null when admitted; otherwise how long until a slot frees up.</summary>
    public long? TryAcquire(string method, string subject)
    {
        var window = _windows.GetOrAdd(method + "\n" + subject, static _ => new Queue<long>());
        lock (window)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            while (window.Count > 0 && now - window.Peek() >= WindowMs)
            {
                window.Dequeue();
            }

            if (window.Count >= Limit)
            {
                return Math.Max(1, WindowMs - (now - window.Peek()));
            }

            window.Enqueue(now);
            return null;
        }
    }
}
