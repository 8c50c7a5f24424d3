namespace Pincer.Gateway.Hosting;

/// <summary>Entry point of the gateway process: <c>openclaw gateway run</c> calls <see cref="RunAsync"/>.</summary>
public static class GatewayHost
{
    /// <summary>Runs until <paramref name="stopping"/> fires or the host stops; returns the exit code.</summary>
    public static Task<int> RunAsync(GatewayRunOptions options, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = stopping;
        throw new InvalidOperationException("gateway host not wired yet");
    }
}
