namespace Pincer.Gateway.Hosting;

/// <summary>
/// What <c>openclaw gateway run</c> hands the host: CLI flags already parsed, env already read.
/// Null means "not given on the command line" so config and defaults can fill it in with the
/// reference's precedence (flag &gt; env &gt; config &gt; default).
/// </summary>
public sealed record GatewayRunOptions
{
    public int? Port { get; init; }

    /// <summary>loopback | lan | auto | custom | tailnet.</summary>
    public string? Bind { get; init; }

    /// <summary>token | password | none | trusted-proxy.</summary>
    public string? AuthMode { get; init; }

    public string? Token { get; init; }

    public string? Password { get; init; }

    public bool AllowUnconfigured { get; init; }

    public bool Verbose { get; init; }

    /// <summary>Resolved state directory (OPENCLAW_STATE_DIR, profile, --dev already applied).</summary>
    public required string StateDir { get; init; }

    /// <summary>Resolved config file path (OPENCLAW_CONFIG_PATH or &lt;stateDir&gt;/openclaw.json).</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Environment snapshot the gateway resolves ${VAR}, tokens and SecretRefs against.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
