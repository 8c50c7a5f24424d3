using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Config.Redaction;

/// <summary>
/// Schema UI hints plus the set of every path that is, or leads to, a hint marked sensitive. While a
/// walk stays on that set the schema decides; once it leaves it, the name heuristics take over.
/// </summary>
internal sealed class RedactionContext
{
    private RedactionContext(JsonObject? hints, HashSet<string>? lookup)
    {
        Hints = hints;
        Lookup = lookup;
    }

    public JsonObject? Hints { get; }

    /// <summary><c>null</c> when no hint is sensitive (or after the walk left the hinted tree).</summary>
    public HashSet<string>? Lookup { get; }

    public static RedactionContext Create(JsonObject? hints)
    {
        var lookup = hints is null ? null : BuildLookup(hints);
        return new RedactionContext(hints, lookup is { Count: > 0 } ? lookup : null);
    }

    public RedactionContext WithoutLookup() => Lookup is null ? this : new RedactionContext(Hints, null);

    public string? Candidate(string path, string wildcardPath)
    {
        if (Lookup is null)
        {
            return null;
        }

        if (Lookup.Contains(path))
        {
            return path;
        }

        return Lookup.Contains(wildcardPath) ? wildcardPath : null;
    }

    public bool HintSensitiveIsTrue(string path) => HintSensitive(path) is true;

    public bool IsExplicitlyNonSensitive(string path) => HintSensitive(path) is false;

    public bool IsExplicitlyNonSensitive(string path, string wildcardPath) =>
        IsExplicitlyNonSensitive(path) || IsExplicitlyNonSensitive(wildcardPath);

    /// <summary>A <c>url-secret</c> tag marks URL fields whose credentials (not the whole URL) are secret.</summary>
    public bool HasUrlSecretTag(string path, string wildcardPath) => HasUrlSecretTag(path) || HasUrlSecretTag(wildcardPath);

    private bool HasUrlSecretTag(string path)
    {
        if (Hints?[path] is not JsonObject hint || hint["tags"] is not JsonArray tags)
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (SecretRefs.AsString(tag) is { } text && text.Trim().Equals("url-secret", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private bool? HintSensitive(string path)
    {
        if (Hints?[path] is not JsonObject hint || hint["sensitive"] is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
    }

    private static HashSet<string> BuildLookup(JsonObject hints)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, hint) in hints)
        {
            if (hint is not JsonObject h || h["sensitive"] is not JsonValue s || s.GetValueKind() != JsonValueKind.True)
            {
                continue;
            }

            // Every prefix goes in, and array segments also without their "[]", so a walk from
            // the root can tell at each step whether a hinted field lies below.
            var parts = path.Split('.');
            var joined = parts[0];
            result.Add(joined);
            if (joined.EndsWith("[]", StringComparison.Ordinal))
            {
                result.Add(joined[..^2]);
            }

            foreach (var part in parts.AsSpan(1))
            {
                if (part.EndsWith("[]", StringComparison.Ordinal))
                {
                    result.Add($"{joined}.{part[..^2]}");
                }

                joined = $"{joined}.{part}";
                result.Add(joined);
            }
        }

        if (result.Count > 0)
        {
            result.Add(string.Empty);
        }

        return result;
    }
}
