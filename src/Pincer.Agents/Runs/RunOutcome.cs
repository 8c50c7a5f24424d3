using Pincer.Providers;

namespace Pincer.Agents.Runs;

/// <summary>How a run ended: what it said, what it cost, which model answered, and why it stopped.</summary>
public sealed record RunOutcome
{
    public required string StopReason { get; init; }

    public bool Aborted { get; init; }

    /// <summary>The text of the last assistant reply (empty when there was none).</summary>
    public string FinalText { get; init; } = "";

    /// <summary>The provider/model that produced the last reply (after any fallback).</summary>
    public required string Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>The model id the provider reported, when it reported one.</summary>
    public string? ResponseModel { get; init; }

    /// <summary>Usage summed over every model call of the run.</summary>
    public RunUsage Usage { get; init; } = RunUsage.None;

    /// <summary>Usage of the last model call: its input side is the context the session now holds.</summary>
    public RunUsage LastCallUsage { get; init; } = RunUsage.None;

    public double CostUsd { get; init; }

    /// <summary>The failure that ended the run, if one did.</summary>
    public ProviderException? Error { get; init; }

    public IReadOnlyList<string> SuccessfulToolNames { get; init; } = [];

    /// <summary>The id of the last transcript entry the run wrote (the session's new leaf).</summary>
    public string? LeafEntryId { get; init; }
}
