namespace Pincer.Gateway.Tests.CrashSafety;

/// <summary>A fact that needs the gateway as a separate process (to kill it), skipped when it is not built.</summary>
public sealed class GatewayExecutableFactAttribute : FactAttribute
{
    public GatewayExecutableFactAttribute()
    {
        if (KillNineTests.GatewayExecutable() is null)
        {
            Skip = "the gateway executable is not built (set PINCER_BIN or build src/Pincer.Cli in Release)";
        }
    }
}
