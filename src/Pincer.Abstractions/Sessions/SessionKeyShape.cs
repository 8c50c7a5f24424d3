namespace Pincer.Abstractions.Sessions;

/// <summary>The reference's <c>classifySessionKeyShape</c> outcomes (wire names via <see cref="SessionKeys.ToWireName"/>).</summary>
public enum SessionKeyShape
{
    /// <summary><c>missing</c>: blank.</summary>
    Missing,

    /// <summary><c>agent</c>: a well-formed <c>agent:&lt;id&gt;:&lt;rest&gt;</c>.</summary>
    Agent,

    /// <summary><c>malformed_agent</c>: starts with <c>agent:</c> but has no usable id or rest.</summary>
    MalformedAgent,

    /// <summary><c>legacy_or_alias</c>: a bare request key such as <c>main</c> or <c>incident-42</c>.</summary>
    LegacyOrAlias,
}
