namespace Pincer.Config.Reload;

/// <summary>One changed path and what applying it needs.</summary>
public readonly record struct ReloadDecision(string Path, ReloadKind Kind);
