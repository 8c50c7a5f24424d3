namespace Pincer.Bench;

/// <summary>One gateway implementation under test: a name and the executable that takes the
/// reference's <c>gateway run</c> command line.</summary>
internal sealed record GatewayTarget(string Name, string Executable);
