using Pincer.Client.Identity;
using Pincer.Protocol;

namespace Pincer.Client.Connection;

/// <summary>
/// Everything a <see cref="GatewayClient"/> puts into its <c>connect</c> request. The defaults are
/// what the reference CLI sends for <c>openclaw gateway call</c>: <c>cli/cli</c>, role operator,
/// protocol 4..4, no caps.
/// </summary>
public sealed record GatewayClientOptions
{
    public required Uri Url { get; init; }

    /// <summary>connect.params.client.id (a closed enum on the server: cli, gateway-client, …).</summary>
    public string ClientId { get; init; } = GatewayClientNames.Cli;

    /// <summary>connect.params.client.mode (cli, backend, probe, …).</summary>
    public string ClientMode { get; init; } = GatewayClientModes.Cli;

    public string ClientVersion { get; init; } = "dev";

    /// <summary>Only sent when set; the reference sets it for backend callers (<c>gateway:&lt;method&gt;</c>).</summary>
    public string? DisplayName { get; init; }

    public string Platform { get; init; } = GatewayClientPlatform.Current;

    public string? DeviceFamily { get; init; } = GatewayClientPlatform.CurrentFamily;

    /// <summary>A fresh UUID per process in the reference; callers may pin it.</summary>
    public string InstanceId { get; init; } = Guid.NewGuid().ToString();

    public string Role { get; init; } = "operator";

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyList<string> Caps { get; init; } = [];

    public int MinProtocol { get; init; } = ProtocolConstants.ProtocolVersion;

    public int MaxProtocol { get; init; } = ProtocolConstants.ProtocolVersion;

    public string? Token { get; init; }

    public string? Password { get; init; }

    public string? DeviceToken { get; init; }

    /// <summary>When set, the connect carries a signed <c>device</c> block (v3 payload over the challenge nonce).</summary>
    public DeviceIdentity? Device { get; init; }

    /// <summary>Time allowed from socket open to hello-ok.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default per-request timeout; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bounded buffer for events nobody has read yet; the oldest are dropped beyond it.</summary>
    public int EventBufferCapacity { get; init; } = 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
