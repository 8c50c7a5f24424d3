using System.Net;
using System.Net.Sockets;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>
/// A link that names another gateway (query, hash, or both) must not move the socket: the UI connects only to the
/// origin that served it, and a listener on the named port sees not even a TCP connection.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileLinkTests(UiFixture ui)
{
    private static string[] Links(int port) =>
    [
        $"/?gatewayUrl=ws://127.0.0.1:{port}",
        $"/?gatewayUrl=ws%3A%2F%2F127.0.0.1%3A{port}%2F&token=stolen",
        $"/#gatewayUrl=ws://127.0.0.1:{port}",
        $"/#/chat?gatewayUrl=ws://127.0.0.1:{port}&token=x",
        $"/?url=ws://127.0.0.1:{port}&gateway=ws://127.0.0.1:{port}&wsUrl=ws://127.0.0.1:{port}#/overview",
        $"/index.html?gatewayUrl=//127.0.0.1:{port}#gatewayUrl=ws://127.0.0.1:{port}",
    ];

    [Fact]
    public async Task No_link_parameter_sends_anything_to_another_port()
    {
        using var trap = new TcpListener(IPAddress.Loopback, 0);
        trap.Start();
        var port = ((IPEndPoint)trap.LocalEndpoint).Port;
        var accepted = 0;
        using var stop = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var socket = await trap.AcceptSocketAsync(stop.Token);
                    Interlocked.Increment(ref accepted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        await using var page = await ui.OpenAsync();
        var first = true;
        foreach (var link in Links(port))
        {
            await page.GotoAsync(link);
            if (first)
            {
                // A fresh browser types the secret while the hostile link is open...
                await page.LoginAsync();
                first = false;
            }
            else
            {
                // ...and a browser that already has it stored reconnects by itself.
                await page.WaitConnectedAsync();
            }

            var socketUrl = await page.Page.EvaluateAsync<string>("() => performance.getEntriesByType('resource').map(e => e.name).join(' ')");
            Assert.DoesNotContain($":{port}", socketUrl, StringComparison.Ordinal);
        }

        await Task.Delay(1500);
        await stop.CancelAsync();
        await watch;
        Assert.Equal(0, Volatile.Read(ref accepted));
    }
}
