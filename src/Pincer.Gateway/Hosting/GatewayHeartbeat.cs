using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Pincer.Gateway.Events;
using Pincer.Gateway.Health;
using Pincer.Protocol;

namespace Pincer.Gateway.Hosting;

/// <summary>
/// The gateway's clock: a <c>tick</c> to every authenticated socket every 30 s and a health
/// refresh + <c>health</c> broadcast every 60 s. One owned loop, stopped with the host.
/// </summary>
internal sealed class GatewayHeartbeat(EventBroadcaster events, HealthService health, EventLoopMonitor monitor, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        monitor.Start();
        health.Refresh();
        var tickEvery = TimeSpan.FromMilliseconds(ProtocolConstants.TickIntervalMs);
        var healthEvery = TimeSpan.FromMilliseconds(ProtocolConstants.HealthRefreshIntervalMs);
        var nextTick = time.GetUtcNow() + tickEvery;
        var nextHealth = time.GetUtcNow() + healthEvery;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var wake = nextTick < nextHealth ? nextTick : nextHealth;
                if (wake > now)
                {
                    await Task.Delay(wake - now, time, stoppingToken).ConfigureAwait(false);
                }

                now = time.GetUtcNow();
                if (now >= nextTick)
                {
                    events.Broadcast("tick", new JsonObject { ["ts"] = now.ToUnixTimeMilliseconds() }, [], dropIfSlow: true);
                    nextTick += tickEvery;
                }

                if (now >= nextHealth)
                {
                    events.Broadcast("health", health.Refresh(), [], dropIfSlow: false, withStateVersion: true);
                    nextHealth += healthEvery;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Host stopping; the container owns and disposes the monitor.
        }
    }
}
