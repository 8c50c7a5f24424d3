using System.Text.Json.Nodes;

namespace Pincer.Gateway.Usage;

/// <summary>
/// Reply latencies kept as at most 64 weighted centroids (the closest pair merges first), so a p95 can be read
/// without keeping every value; below 64 values it is exact.
/// </summary>
internal sealed class LatencyDigest
{
    private const int MaxCentroids = 64;
    private readonly List<(double Value, long Count)> _centroids = [];
    private double? _min;

    public long Count { get; private set; }

    public double Sum { get; private set; }

    public double Max { get; private set; }

    public void Add(double value)
    {
        _min = Count == 0 ? value : Math.Min(_min ?? value, value);
        Count++;
        Sum += value;
        Max = Math.Max(Max, value);
        _centroids.Add((value, 1));
        Compress();
    }

    public void Merge(LatencyDigest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        var otherMin = other._min ?? other.Max;
        _min = Count == 0 ? otherMin : Math.Min(_min ?? Max, otherMin);
        Count += other.Count;
        Sum += other.Sum;
        Max = Math.Max(Max, other.Max);
        _centroids.AddRange(other._centroids);
        Compress();
    }

    /// <summary>The digest's statistics, or null when it holds no value.</summary>
    public LatencyStats? Stats()
    {
        if (Count == 0)
        {
            return null;
        }

        var target = (long)Math.Ceiling(Count * 0.95);
        long seen = 0;
        var p95 = Max;
        foreach (var (value, count) in _centroids.OrderBy(c => c.Value))
        {
            seen += count;
            if (seen >= target)
            {
                p95 = value;
                break;
            }
        }

        return new LatencyStats(Count, Sum / Count, p95, _min ?? Max, Max);
    }

    private void Compress()
    {
        while (_centroids.Count > MaxCentroids)
        {
            _centroids.Sort((a, b) => a.Value.CompareTo(b.Value));
            var at = 0;
            var gap = double.PositiveInfinity;
            for (var i = 1; i < _centroids.Count; i++)
            {
                if (_centroids[i].Value - _centroids[i - 1].Value < gap)
                {
                    gap = _centroids[i].Value - _centroids[i - 1].Value;
                    at = i - 1;
                }
            }

            var (lv, lc) = _centroids[at];
            var (rv, rc) = _centroids[at + 1];
            _centroids.RemoveRange(at, 2);
            _centroids.Insert(at, (((lv * lc) + (rv * rc)) / (lc + rc), lc + rc));
        }
    }
}

/// <summary>Latency statistics in ms.</summary>
internal sealed record LatencyStats(long Count, double AvgMs, double P95Ms, double MinMs, double MaxMs)
{
    /// <summary>A session summary's order: count, avg, p95, min, max.</summary>
    public JsonObject WriteTo(JsonObject target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target["count"] = Count;
        target["avgMs"] = AvgMs;
        target["p95Ms"] = P95Ms;
        target["minMs"] = MinMs;
        target["maxMs"] = MaxMs;
        return target;
    }

    /// <summary>The aggregates' order: count, avg, min, max, p95.</summary>
    public JsonObject WriteSummaryTo(JsonObject target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target["count"] = Count;
        target["avgMs"] = AvgMs;
        target["minMs"] = MinMs;
        target["maxMs"] = MaxMs;
        target["p95Ms"] = P95Ms;
        return target;
    }
}
