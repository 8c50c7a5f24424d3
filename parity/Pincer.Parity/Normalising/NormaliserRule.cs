using System.Text.Json.Nodes;

namespace Pincer.Parity.Normalising;

/// <summary>
/// One named rule. <see cref="Rewrite"/> gets the node's JSON path, its property name (null inside
/// arrays) and the node, and returns a replacement or null to leave it alone.
/// </summary>
public sealed record NormaliserRule(string Name, string Why, Func<string, string?, JsonNode, NormaliseContext, JsonNode?> Rewrite)
{
    public override string ToString() => Name;
}
