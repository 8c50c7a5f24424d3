using System.Text.Json.Nodes;

namespace Pincer.Config.Schema;

/// <summary>
/// Picks the UI hint for a concrete path: same segment count, <c>*</c> matches any segment,
/// and among matches the one with the fewest wildcards wins (first in document order on ties).
/// </summary>
internal sealed class UiHintMatcher
{
    private readonly List<(string Path, string[] Parts, JsonObject Hint)> _hints = [];

    public UiHintMatcher(JsonObject uiHints)
    {
        foreach (var (path, hint) in uiHints)
        {
            if (hint is JsonObject obj)
            {
                _hints.Add((path, LookupPath.Split(path), obj));
            }
        }
    }

    public (string Path, JsonObject Hint)? Match(string[] target)
    {
        (string Path, JsonObject Hint, int Wildcards)? best = null;
        foreach (var (path, parts, hint) in _hints)
        {
            if (parts.Length != target.Length)
            {
                continue;
            }

            var wildcards = 0;
            var matches = true;
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i] == target[i])
                {
                    continue;
                }

                if (parts[i] == "*")
                {
                    wildcards++;
                    continue;
                }

                matches = false;
                break;
            }

            if (matches && (best is null || wildcards < best.Value.Wildcards))
            {
                best = (path, hint, wildcards);
            }
        }

        return best is { } b ? (b.Path, b.Hint) : null;
    }
}
