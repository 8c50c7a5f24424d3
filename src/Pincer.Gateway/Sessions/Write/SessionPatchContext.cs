using Pincer.Gateway.Sessions.Rows;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>What a patch is applied against besides the patch itself.</summary>
internal sealed record SessionPatchContext
{
    /// <summary>The canonical store key (<c>agent:&lt;id&gt;:…</c>).</summary>
    public required string StoreKey { get; init; }

    /// <summary>The stored entry, or null when the session does not exist yet.</summary>
    public required SessionEntry? Existing { get; init; }

    public required long NowMs { get; init; }

    /// <summary>The agent's default model facts (before the entry's own override).</summary>
    public required SessionModelDefaults Models { get; init; }

    /// <summary>True when another session of the agent already carries this label.</summary>
    public required Func<string, bool> IsLabelInUse { get; init; }

    /// <summary>Set by <c>sessions.create</c>: the root a new session works in.</summary>
    public string? PreparedSessionRoot { get; init; }

    /// <summary>Stamp <c>createdVia</c>/<c>createdAt</c> on an entry the patch creates.</summary>
    public bool StampCreation { get; init; } = true;
}
