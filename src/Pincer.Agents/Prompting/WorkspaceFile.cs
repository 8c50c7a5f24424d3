namespace Pincer.Agents.Prompting;

/// <summary>A workspace bootstrap file as injected: its name, its (possibly truncated) content, whether it was cut.</summary>
public sealed record WorkspaceFile(string Name, string Content, bool Truncated);
