using System.Text.Json.Nodes;

namespace Pincer.Config.Writing;

/// <summary>
/// What every config write records under <c>meta</c>, as the reference does: the writer's release
/// and the start-up migrations that release applies (its writers only produce the current format).
/// </summary>
public static class ConfigWriteStamp
{
    private static readonly string[] AppliedMigrations = ["modelPolicyAllowlist", "utilityModelSeparation"];

    public static void Apply(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config["meta"] is not JsonObject meta)
        {
            meta = [];
            config["meta"] = meta;
        }

        if (meta["migrations"] is not JsonObject migrations)
        {
            migrations = [];
            meta["migrations"] = migrations;
        }

        foreach (var migration in AppliedMigrations)
        {
            migrations[migration] = true;
        }

        meta["lastTouchedVersion"] = OpenClawRelease.Version;
    }
}
