namespace Pincer.Gateway.Models;

/// <summary>The reference's thinking-level sets for models whose provider declares no richer policy.</summary>
internal static class ThinkingLevelSets
{
    /// <summary>A reasoning model's levels.</summary>
    public static readonly IReadOnlyList<string> Generic = ["off", "minimal", "low", "medium", "high"];

    /// <summary>A model that does not reason.</summary>
    public static readonly IReadOnlyList<string> Off = ["off"];
}
