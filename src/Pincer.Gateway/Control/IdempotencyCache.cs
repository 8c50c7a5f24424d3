using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Control;

/// <summary>
/// Results keyed by method and <c>idempotencyKey</c> for 5 minutes (max 1000): a duplicate in
/// flight awaits the first, a completed duplicate gets the same answer (spec §8).
/// </summary>
internal sealed class IdempotencyCache(TimeProvider time)
{
    public const int MaxEntries = 1000;
    public static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Lazy<Task<JsonNode?>> Result)> _entries = new(StringComparer.Ordinal);

    public async ValueTask<JsonNode?> RunAsync(string method, string key, Func<ValueTask<JsonNode?>> run)
    {
        Prune();
        var entry = _entries.GetOrAdd($"{method}:{key}", _ => (time.GetUtcNow(), new Lazy<Task<JsonNode?>>(() => run().AsTask())));
        var result = await entry.Result.Value.ConfigureAwait(false);
        return result?.DeepClone();
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, value) in _entries)
        {
            if (now - value.At > Ttl || (value.Result.IsValueCreated && value.Result.Value.IsFaulted && value.Result.Value.Exception?.InnerException is not RpcException))
            {
                _entries.TryRemove(key, out _);
            }
        }

        if (_entries.Count > MaxEntries)
        {
            foreach (var (key, _) in _entries.OrderBy(e => e.Value.At).Take(_entries.Count - MaxEntries))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }
}
