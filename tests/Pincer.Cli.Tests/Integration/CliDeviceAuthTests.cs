using Pincer.Cli.Targets;

namespace Pincer.Cli.Tests.Integration;

/// <summary>The identity/token selection rules of <see cref="CliDeviceAuth"/> that need no gateway.</summary>
public sealed class CliDeviceAuthTests
{
    [Theory]
    [InlineData("ws://127.0.0.1:28801", "cli --url", "ws://127.0.0.1:28801")]
    [InlineData("ws://127.0.0.1:28801/", "env OPENCLAW_GATEWAY_URL", "ws://127.0.0.1:28801")]
    [InlineData("wss://gw.example:443/base/", "config gateway.remote.url", "wss://gw.example/base")]
    [InlineData("ws://127.0.0.1:18789", "local loopback", null)]
    public void Origin_scope_binds_tokens_to_explicitly_named_targets(string url, string source, string? expected)
    {
        var target = new GatewayTarget(url, new Uri(url), source, null, null, "/tmp/openclaw.json", null);
        Assert.Equal(expected, CliDeviceAuth.OriginScope(target));
    }

    [Theory]
    [InlineData("ws://127.0.0.1:1", "token", "t", null, "cli", "cli", true)]
    [InlineData("ws://localhost:1", "token", "t", null, "gateway-client", "backend", true)]
    [InlineData("ws://[::1]:1", "password", null, "p", "cli", "cli", true)]
    [InlineData("ws://127.0.0.1:1", "token", null, "p", "cli", "cli", false)]
    [InlineData("ws://127.0.0.1:1", "token", "t", null, "cli", "probe", false)]
    [InlineData("ws://10.0.0.5:1", "token", "t", null, "cli", "cli", false)]
    public void Identity_is_omitted_only_for_a_shared_secret_to_loopback(string url, string mode, string? token, string? password,
        string clientId, string clientMode, bool omitted)
    {
        var target = new GatewayTarget(url, new Uri(url), "cli --url", token, password, "/tmp/openclaw.json", null) { AuthMode = mode };
        Assert.Equal(omitted, CliDeviceAuth.OmitsIdentity(target, new GatewayCallIdentity(clientId, clientMode, null, "dev", 4)));
    }
}
