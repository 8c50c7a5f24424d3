namespace Pincer.Config.Reload;

/// <summary>One prefix → kind entry; <c>*</c> in a prefix matches exactly one non-empty segment.</summary>
internal sealed record ReloadRule(string Prefix, ReloadKind Kind)
{
    private readonly string[] _segments = Prefix.Split('.');

    public int SegmentCount => _segments.Length;

    public int WildcardCount => _segments.Count(s => s == "*");

    public bool Matches(string path)
    {
        if (WildcardCount == 0)
        {
            return path == Prefix || path.StartsWith(Prefix + ".", StringComparison.Ordinal);
        }

        var parts = path.Split('.');
        for (var i = 0; i < _segments.Length; i++)
        {
            var part = i < parts.Length ? parts[i] : null;
            if (_segments[i] == "*" ? string.IsNullOrEmpty(part) : _segments[i] != part)
            {
                return false;
            }
        }

        return true;
    }
}
