using Pincer.Gateway.Configuration;

namespace Pincer.Gateway.Health;

/// <summary>The default agent's heartbeat cadence as configured, with the reference's default of 30 minutes.</summary>
internal sealed record HeartbeatSchedule(string Every, long EveryMs)
{
    private const string DefaultEvery = "30m";
    private const long DefaultEveryMs = 1_800_000;

    public static HeartbeatSchedule From(ConfigSnapshot config)
    {
        var every = config.String("agents.defaults.heartbeat.every") ?? DefaultEvery;
        return new HeartbeatSchedule(every, Config.Durations.ConfigDuration.ToMilliseconds(every) ?? DefaultEveryMs);
    }
}
