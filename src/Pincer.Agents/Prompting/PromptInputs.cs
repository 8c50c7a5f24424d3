namespace Pincer.Agents.Prompting;

/// <summary>The facts a turn's prompt is built from; the gateway gathers them from config, session and host.</summary>
public sealed record PromptInputs
{
    public required string AgentId { get; init; }

    public required string SessionKey { get; init; }

    public required string SessionId { get; init; }

    public required string WorkspaceDir { get; init; }

    /// <summary>The root of the git repository holding the workspace, when it is in one (the runtime line's <c>repo=</c>).</summary>
    public string? RepoRoot { get; init; }

    /// <summary>The model of this turn and the configured default, as <c>provider/model</c>.</summary>
    public required string ModelRef { get; init; }

    public required string DefaultModelRef { get; init; }

    /// <summary>The wire API: decides where the runtime line goes.</summary>
    public required string Api { get; init; }

    public required DateTimeOffset Now { get; init; }

    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    public string ThinkingLevel { get; init; } = "off";

    public string HostName { get; init; } = Environment.MachineName;

    public string OperatingSystem { get; init; } = "";

    public string Runtime { get; init; } = "";

    public string Shell { get; init; } = "bash";

    public string Channel { get; init; } = "webchat";

    public string ChatType { get; init; } = "direct";

    /// <summary>Tools offered this turn: name and a one-line summary.</summary>
    public IReadOnlyList<(string Name, string Summary)> Tools { get; init; } = [];

    public int BootstrapMaxChars { get; init; } = WorkspaceFiles.DefaultMaxChars;

    public int BootstrapTotalMaxChars { get; init; } = WorkspaceFiles.DefaultTotalMaxChars;
}
