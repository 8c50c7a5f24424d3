using System.Collections.Concurrent;

namespace Pincer.Gateway.Auth;

/// <summary>
/// Failed shared-secret attempts per client IP: N failures inside the window lock the IP out
/// (defaults 10 / 60 s / 5 min, loopback exempt — spec §4.1).
/// </summary>
internal sealed class AuthRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Returns the remaining lockout in ms, or null when the IP may try.</summary>
    public long? LockedFor(string ip, GatewayAuthSettings settings, bool isLoopback)
    {
        if (isLoopback && settings.RateLimitExemptLoopback)
        {
            return null;
        }

        if (!_entries.TryGetValue(ip, out var entry))
        {
            return null;
        }

        lock (entry)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            return entry.LockedUntil > now ? entry.LockedUntil - now : null;
        }
    }

    public void RecordFailure(string ip, GatewayAuthSettings settings, bool isLoopback)
    {
        if (isLoopback && settings.RateLimitExemptLoopback)
        {
            return;
        }

        var entry = _entries.GetOrAdd(ip, static _ => new Entry());
        lock (entry)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            entry.Failures.Enqueue(now);
            while (entry.Failures.Count > 0 && now - entry.Failures.Peek() > settings.RateLimitWindowMs)
            {
                entry.Failures.Dequeue();
            }

            if (entry.Failures.Count >= settings.RateLimitMaxAttempts)
            {
                entry.LockedUntil = now + settings.RateLimitLockoutMs;
                entry.Failures.Clear();
            }
        }
    }

    public void RecordSuccess(string ip) => _entries.TryRemove(ip, out _);

    private sealed class Entry
    {
        public Queue<long> Failures { get; } = new();

        public long LockedUntil { get; set; }
    }
}
