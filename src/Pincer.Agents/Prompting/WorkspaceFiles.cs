namespace Pincer.Agents.Prompting;

/// <summary>
/// The user's workspace files the prompt carries verbatim (the reference's bootstrap files), in its order, each
/// capped at <see cref="DefaultMaxChars"/> and all together at <see cref="DefaultTotalMaxChars"/>. A file over its
/// cap keeps its head and tail around a marker.
/// </summary>
public static class WorkspaceFiles
{
    public const int DefaultMaxChars = 20_000;
    public const int DefaultTotalMaxChars = 60_000;

    /// <summary>The files, in injection order.</summary>
    public static readonly IReadOnlyList<string> Names = ["AGENTS.md", "SOUL.md", "TOOLS.md", "IDENTITY.md", "USER.md", "HEARTBEAT.md", "BOOTSTRAP.md", "MEMORY.md"];

    public static IReadOnlyList<WorkspaceFile> Load(string workspaceDir, int maxChars = DefaultMaxChars, int totalMaxChars = DefaultTotalMaxChars)
    {
        var files = new List<WorkspaceFile>();
        var budget = totalMaxChars;
        foreach (var name in Names)
        {
            var path = Path.Combine(workspaceDir, name);
            if (!File.Exists(path) || budget <= 0)
            {
                continue;
            }

            var text = File.ReadAllText(path);
            var cap = Math.Min(maxChars, budget);
            var truncated = text.Length > cap;
            var content = truncated ? Cut(text, cap) : text;
            budget -= content.Length;
            files.Add(new WorkspaceFile(name, content, truncated));
        }

        return files;
    }

    /// <summary>Keeps 70% head and 20% tail of the cap around a marker that says how much was left out.</summary>
    public static string Cut(string text, int cap)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = (int)(cap * 0.7);
        var tail = (int)(cap * 0.2);
        var omitted = text.Length - head - tail;
        return text[..head] + $"\n\n[... {omitted} characters omitted from this file ...]\n\n" + text[^tail..];
    }
}
