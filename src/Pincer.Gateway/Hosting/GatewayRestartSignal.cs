namespace Pincer.Gateway.Hosting;

/// <summary>
/// Raised when an applied config change touches restart-only paths (port, bind, auth secrets…):
/// the host drains and starts again in-process with the new config, as the reference's hybrid
/// reload does. One signal per host generation.
/// </summary>
internal sealed class GatewayRestartSignal
{
    private readonly TaskCompletionSource<string> _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Requested => _requested.Task;

    public void Request(string reason) => _requested.TrySetResult(reason);
}
