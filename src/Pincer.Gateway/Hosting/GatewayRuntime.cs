using Pincer.Gateway.Auth;

namespace Pincer.Gateway.Hosting;

/// <summary>Process-wide facts the handshake, snapshots and status report (one per gateway process).</summary>
internal sealed class GatewayRuntime(TimeProvider time)
{
    /// <summary>The reference release whose wire and state Pincer keeps; clients gate features on it.</summary>
    public const string CompatibleVersion = Config.OpenClawRelease.Version;

    public const string PincerVersion = "0.1.0";

    public string BootId { get; } = Guid.NewGuid().ToString();

    public string InstanceId { get; } = Guid.NewGuid().ToString();

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public required string StateDir { get; init; }

    public required string ConfigPath { get; init; }

    public required int Port { get; init; }

    public required string Bind { get; init; }

    public required GatewayAuthSettings Auth { get; set; }

    /// <summary>Bumped when shared auth changes; sockets from an older generation are closed with 4001.</summary>
    public long SharedAuthGeneration { get; set; }

    /// <summary>Where the reference keeps an agent's sessions and transcripts.</summary>
    public string AgentDatabasePath(string agentId) => Path.Combine(StateDir, "agents", agentId, "agent", "openclaw-agent.sqlite");

    public long UptimeMs => (long)(time.GetUtcNow() - StartedAt).TotalMilliseconds;
}
