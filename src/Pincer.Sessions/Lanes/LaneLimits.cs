using System.Text.Json.Nodes;

namespace Pincer.Sessions.Lanes;

/// <summary>
/// Process-wide run concurrency: how many session runs may execute at once on the <c>main</c> lane
/// (<c>agents.defaults.maxConcurrent</c>) and on the <c>subagent</c> lane
/// (<c>agents.defaults.subagents.maxConcurrent</c>).
/// </summary>
/// <param name="Main">Limit for ordinary inbound and control-plane runs.</param>
/// <param name="Subagent">Limit for spawned subagent runs.</param>
public sealed record LaneLimits(int Main, int Subagent)
{
    /// <summary>Floor of the main-lane default.</summary>
    public const int MinDefaultMain = 8;

    /// <summary>Main-lane runs allowed per processor when unconfigured.</summary>
    public const int DefaultMainRunsPerProcessor = 4;

    /// <summary>Subagent-lane default.</summary>
    public const int DefaultSubagent = 8;

    /// <summary>
    /// Reads both limits: a finite number is floored and clamped to at least 1; otherwise main defaults to
    /// max(8, 4 × processors) and subagent to 8.
    /// </summary>
    /// <param name="config">The whole config document, or null.</param>
    /// <param name="processorCount">Available parallelism; <see cref="Environment.ProcessorCount"/> when null.</param>
    public static LaneLimits Resolve(JsonNode? config, int? processorCount = null)
    {
        var defaults = config?["agents"]?["defaults"];
        var main = Read(defaults?["maxConcurrent"])
            ?? Math.Max(MinDefaultMain, (processorCount ?? Environment.ProcessorCount) * DefaultMainRunsPerProcessor);
        var subagent = Read(defaults?["subagents"]?["maxConcurrent"]) ?? DefaultSubagent;
        return new LaneLimits(main, subagent);
    }

    /// <summary>The limit of one global lane.</summary>
    public int For(GlobalLane lane) => lane == GlobalLane.Subagent ? Subagent : Main;

    private static int? Read(JsonNode? node) =>
        node is not null && QueueSettingsResolver.TryGetNumber(node, out var n) && double.IsFinite(n)
            ? (int)Math.Clamp(Math.Floor(n), 1, int.MaxValue)
            : null;
}
