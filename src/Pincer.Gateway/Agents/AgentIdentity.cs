using System.Text.Json.Nodes;

namespace Pincer.Gateway.Agents;

/// <summary>
/// <c>agent.identity.get</c>: who an agent presents as. The agent's own config entry (<c>agents.list[].identity</c>)
/// wins field by field over its workspace's <c>IDENTITY.md</c> (<c>- **Name:** …</c> lines; template placeholders
/// ignored); with neither the agent is "Assistant". The avatar is the emoji (else "A") unless the identity names
/// an image: an http(s) URL or data URI is passed on, a workspace file is inlined as a data URI.
/// </summary>
internal static class AgentIdentity
{
    private const long MaxInlineAvatarBytes = 2 * 1024 * 1024;

    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal)
    {
        "pick something you like",
        "ai? robot? familiar? ghost in the machine? something weirder?",
        "how do you come across? sharp? warm? chaotic? calm?",
        "your signature - pick one that feels right",
        "workspace-relative path, http(s) url, or data uri",
    };

    public static async Task<JsonObject> DescribeAsync(string agentId, JsonObject? configured, string workspaceDir, CancellationToken cancellationToken)
    {
        var file = await ReadIdentityFileAsync(workspaceDir, cancellationToken).ConfigureAwait(false);
        string? Field(string name) =>
            configured?[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s.Trim() : file.GetValueOrDefault(name);
        var configuredName = configured?["name"] is JsonValue n && n.TryGetValue<string>(out var cn) && cn.Trim().Length > 0;
        var name = Field("name");
        var emoji = Field("emoji");
        var avatarRef = Field("avatar");
        var answer = new JsonObject
        {
            ["agentId"] = agentId,
            ["name"] = name ?? "Assistant",
            ["nameSource"] = name is null ? "default" : configuredName ? "agent" : "workspace",
        };
        var fallbackAvatar = emoji ?? "A";
        if (avatarRef is null)
        {
            answer["avatar"] = fallbackAvatar;
            if (emoji is not null)
            {
                answer["emoji"] = emoji;
            }

            return answer;
        }

        var (avatar, status, reason) = await ResolveAvatarAsync(avatarRef, workspaceDir, cancellationToken).ConfigureAwait(false);
        answer["avatar"] = avatar ?? fallbackAvatar;
        if (emoji is not null)
        {
            answer["emoji"] = emoji;
        }

        answer["avatarSource"] = avatarRef;
        answer["avatarStatus"] = status;
        if (reason is not null)
        {
            answer["avatarReason"] = reason;
        }

        return answer;
    }

    private static async Task<(string? Avatar, string Status, string? Reason)> ResolveAvatarAsync(string reference, string workspaceDir, CancellationToken cancellationToken)
    {
        if (reference.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || reference.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return (reference, "remote", null);
        }

        if (reference.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return (reference, "data", null);
        }

        var root = Path.GetFullPath(workspaceDir);
        var path = Path.GetFullPath(Path.Combine(root, reference));
        if (!path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(path) || MimeType(path) is not { } mime)
        {
            return (null, "none", "missing");
        }

        var info = new FileInfo(path);
        if (info.Length > MaxInlineAvatarBytes)
        {
            return (null, "none", "too_large");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return ($"data:{mime};base64,{Convert.ToBase64String(bytes)}", "local", null);
    }

    private static string? MimeType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".svg" => "image/svg+xml",
        _ => null,
    };

    /// <summary>The <c>label: value</c> lines of IDENTITY.md (bullets and emphasis stripped; later lines win).</summary>
    private static async Task<Dictionary<string, string>> ReadIdentityFileAsync(string workspaceDir, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(workspaceDir, "IDENTITY.md");
        if (!File.Exists(path))
        {
            return fields;
        }

        foreach (var raw in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var line = raw.Trim().TrimStart('-').Trim();
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var label = string.Join('_', line[..colon].Replace("*", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Trim().ToLowerInvariant()
                .Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            var value = line[(colon + 1)..].Trim(' ', '\t', '*', '_');
            if (value.Length == 0 || Placeholders.Contains(value.Trim('(', ')').ToLowerInvariant()))
            {
                continue;
            }

            fields[label] = value;
        }

        return fields;
    }
}
