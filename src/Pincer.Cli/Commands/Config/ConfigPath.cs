namespace Pincer.Cli.Commands.Config;

/// <summary>
/// A concrete config path split into segments. <see cref="BracketIndexes"/> marks segments written
/// as <c>[3]</c> (always array positions); <see cref="QuotedNumeric"/> marks <c>["3"]</c> (always
/// object keys). Plain dotted digits (<c>bindings.0</c>) are decided by the schema when creating.
/// </summary>
internal sealed record ConfigPath(IReadOnlyList<string> Segments, IReadOnlySet<int> BracketIndexes, IReadOnlySet<int> QuotedNumeric)
{
    public string Dotted => string.Join('.', Segments);

    public bool StartsWith(params string[] prefix) =>
        prefix.Length <= Segments.Count && prefix.Select((p, i) => Segments[i] == p).All(x => x);

    public static ConfigPath Of(params string[] segments) => new(segments, new HashSet<int>(), new HashSet<int>());
}
