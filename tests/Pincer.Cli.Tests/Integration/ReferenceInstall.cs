namespace Pincer.Cli.Tests.Integration;

/// <summary>Where the TypeScript reference lives on this machine, and whether it is there at all.</summary>
internal static class ReferenceInstall
{
    public static string Root { get; } = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/root", ".cache", "openclaw-reference");

    public static string Cli => Path.Combine(Root, "bin", "openclaw");

    public static string RunGatewayScript => "/work/shared/reference/run-gateway.sh";

    public static bool Available => File.Exists(Cli) && File.Exists(RunGatewayScript);

    public const string MissingReason = "reference openclaw not installed at ~/.cache/openclaw-reference/bin/openclaw (or run-gateway.sh missing)";
}
