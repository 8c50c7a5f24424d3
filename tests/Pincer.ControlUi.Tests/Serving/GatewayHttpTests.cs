using System.Net;
using Pincer.Gateway.Tests.Support;

namespace Pincer.ControlUi.Tests.Serving;

/// <summary>The UI on the real gateway port, next to the routes that were there before it.</summary>
public sealed class GatewayHttpTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    [Fact]
    public async Task The_port_serves_the_ui_at_root_and_keeps_its_probes()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.Port}") };
        using var index = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("frame-ancestors 'none'", index.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        foreach (var probe in new[] { "/healthz", "/readyz", "/health", "/ready", "/startupz" })
        {
            using var response = await http.GetAsync(new Uri(probe, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        using var missing = await http.GetAsync(new Uri("/definitely-not-here", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

/// <summary>A gateway whose config turns the UI off.</summary>
public sealed class DisabledUiGatewayFixture() : GatewayFixture("token")
{
    protected override Task<string> ConfigJsonAsync() => Task.FromResult(
        """{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } }, "gateway": { "controlUi": { "enabled": false } } }""");
}

public sealed class DisabledUiTests(DisabledUiGatewayFixture gateway) : IClassFixture<DisabledUiGatewayFixture>
{
    [Fact]
    public async Task Disabled_in_config_means_404_while_probes_still_answer()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.Port}") };
        using var index = await http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, index.StatusCode);
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
