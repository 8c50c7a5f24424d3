namespace Pincer.Config;

/// <summary>
/// One problem found in a config file. <paramref name="Path"/> is a dotted config path
/// (e.g. <c>gateway.port</c>) or empty when the problem concerns the whole file.
/// </summary>
public sealed record ConfigIssue(string Path, string Message);
