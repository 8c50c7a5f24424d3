using System.Text.Json.Nodes;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>What a row projection needs besides the key and entry.</summary>
internal sealed record SessionRowOptions
{
    /// <summary>The resolved config (root object) the row is presented under.</summary>
    public required JsonNode? Config { get; init; }

    /// <summary>The row's <c>snapshotAt</c> (Unix ms).</summary>
    public required long NowMs { get; init; }

    /// <summary>Model facts; <see cref="SessionModelDefaults.FromConfig"/> of <see cref="Config"/> when null.</summary>
    public SessionModelDefaults? Models { get; init; }

    /// <summary>Set only when the caller asked for derived titles and one was found.</summary>
    public string? DerivedTitle { get; init; }

    /// <summary>Set only when the caller asked for the last message and one was found.</summary>
    public string? LastMessagePreview { get; init; }

    /// <summary>
    /// The reader's sharing role (<c>owner</c> for an operator); the reference adds it, after the run
    /// facts, only when a client is reading (not for rows it builds for its own events).
    /// </summary>
    public string? SharingRole { get; init; } = "owner";

    /// <summary>Whether the row carries the live-run facts (<c>hasActiveRun</c>, <c>activeRunIds</c>).</summary>
    public bool IncludeRunState { get; init; } = true;

    /// <summary>Whether the row carries <c>activitySummary</c> (describe and history do; the list only on request).</summary>
    public bool IncludeActivitySummary { get; init; }

    /// <summary>Keys of the sessions this one spawned or parents (see <see cref="SessionChildLinks"/>); null for none.</summary>
    public IReadOnlyList<string>? ChildSessions { get; init; }

    /// <summary>Identities that prompted the session (the store's participant rows), in order; null for none.</summary>
    public IReadOnlyList<JsonObject>? Participants { get; init; }

    /// <summary>Run ids currently active for the session (none until the agent loop exists).</summary>
    public IReadOnlyList<string> ActiveRunIds { get; init; } = [];
}
