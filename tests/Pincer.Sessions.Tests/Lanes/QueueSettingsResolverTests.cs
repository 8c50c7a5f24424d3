using System.Text.Json.Nodes;
using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

public sealed class QueueSettingsResolverTests
{
    private static JsonNode Config(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Unconfigured_sessions_get_steer_500ms_cap20_summarize()
    {
        Assert.Equal(new QueueSettings(QueueMode.Steer, 500, 20, QueueDropPolicy.Summarize), QueueSettingsResolver.Resolve(null));
        Assert.Equal(QueueSettings.Default, QueueSettingsResolver.Resolve(Config("{}"), "telegram"));
    }

    [Theory]
    // inline, session, byChannel, global → expected
    [InlineData("collect", "followup", "interrupt", "steer", "collect")]
    [InlineData(null, "followup", "interrupt", "steer", "followup")]
    [InlineData(null, null, "interrupt", "collect", "interrupt")]
    [InlineData(null, null, null, "collect", "collect")]
    [InlineData(null, null, null, null, "steer")]
    [InlineData(null, "queue", "collect", null, "steer")]
    [InlineData(null, "steer-backlog", "collect", null, "followup")]
    [InlineData(null, "bogus", "coalesce", null, "collect")]
    [InlineData("steer-backlog", null, null, "abort", "interrupt")]
    public void Mode_precedence_is_inline_session_channel_global(string? inline, string? session, string? byChannel, string? global, string expected)
    {
        var queue = new JsonObject();
        if (global is not null) queue["mode"] = global;
        if (byChannel is not null) queue["byChannel"] = new JsonObject { ["discord"] = byChannel };
        var config = new JsonObject { ["messages"] = new JsonObject { ["queue"] = queue } };

        var settings = QueueSettingsResolver.Resolve(config, " Discord ", new QueueOverrides(Mode: session), new QueueOverrides(Mode: inline));

        Assert.Equal(expected, QueueSettingsResolver.ToWire(settings.Mode));
    }

    [Fact]
    public void By_channel_applies_only_to_its_channel()
    {
        var config = Config("""{"messages":{"queue":{"mode":"followup","byChannel":{"discord":"collect"}}}}""");
        Assert.Equal(QueueMode.Collect, QueueSettingsResolver.Resolve(config, "discord").Mode);
        Assert.Equal(QueueMode.Followup, QueueSettingsResolver.Resolve(config, "telegram").Mode);
        Assert.Equal(QueueMode.Followup, QueueSettingsResolver.Resolve(config, null).Mode);
    }

    [Theory]
    [InlineData(null, null, null, null, 500)]
    [InlineData(null, null, null, 800.0, 800)]
    [InlineData(null, null, 1000.0, 800.0, 1000)]
    [InlineData(null, 250.0, 1000.0, 800.0, 250)]
    [InlineData(2000.0, 250.0, 1000.0, 800.0, 2000)]
    [InlineData(null, null, -5.0, null, 0)]
    [InlineData(null, -5.0, null, null, 0)]
    public void Debounce_precedence_is_inline_session_channel_plugin_builtin(double? inline, double? session, double? byChannel, double? plugin, double expected)
    {
        var queue = new JsonObject();
        if (byChannel is not null) queue["debounceMsByChannel"] = new JsonObject { ["discord"] = byChannel };
        var config = new JsonObject { ["messages"] = new JsonObject { ["queue"] = queue } };

        var settings = QueueSettingsResolver.Resolve(config, "discord", new QueueOverrides(DebounceMs: session), new QueueOverrides(DebounceMs: inline), plugin);

        Assert.Equal(expected, settings.DebounceMs);
    }

    [Fact]
    public void Non_numeric_channel_debounce_is_ignored()
    {
        var config = Config("""{"messages":{"queue":{"debounceMsByChannel":{"discord":"1s"}}}}""");
        Assert.Equal(500, QueueSettingsResolver.Resolve(config, "discord").DebounceMs);
    }

    [Theory]
    [InlineData("""{"messages":{"queue":{"cap":5}}}""", null, null, 5)]
    [InlineData("""{"messages":{"queue":{"cap":5.9}}}""", null, null, 5)]
    [InlineData("""{"messages":{"queue":{"cap":0}}}""", null, null, 1)]
    [InlineData("""{"messages":{"queue":{"cap":-3}}}""", null, null, 1)]
    [InlineData("""{"messages":{"queue":{"cap":"7"}}}""", null, null, 20)]
    [InlineData("""{"messages":{"queue":{"cap":5}}}""", 25.0, null, 25)]
    [InlineData("""{"messages":{"queue":{"cap":5}}}""", 25.0, 3.0, 3)]
    [InlineData("{}", null, null, 20)]
    public void Cap_is_floored_and_at_least_one(string json, double? session, double? inline, int expected)
    {
        var settings = QueueSettingsResolver.Resolve(Config(json), "discord", new QueueOverrides(Cap: session), new QueueOverrides(Cap: inline));
        Assert.Equal(expected, settings.Cap);
    }

    [Theory]
    [InlineData(null, null, null, QueueDropPolicy.Summarize)]
    [InlineData(null, null, "oldest", QueueDropPolicy.Old)]
    [InlineData(null, "newest", "old", QueueDropPolicy.New)]
    [InlineData("summary", "new", "old", QueueDropPolicy.Summarize)]
    [InlineData(null, null, "whatever", QueueDropPolicy.Summarize)]
    public void Drop_precedence_is_inline_session_global(string? inline, string? session, string? global, QueueDropPolicy expected)
    {
        var queue = new JsonObject();
        if (global is not null) queue["drop"] = global;
        var config = new JsonObject { ["messages"] = new JsonObject { ["queue"] = queue } };
        var settings = QueueSettingsResolver.Resolve(config, null, new QueueOverrides(Drop: session), new QueueOverrides(Drop: inline));
        Assert.Equal(expected, settings.Drop);
    }

    [Theory]
    [InlineData("interrupts", QueueMode.Interrupt)]
    [InlineData("ABORT", QueueMode.Interrupt)]
    [InlineData(" steering ", QueueMode.Steer)]
    [InlineData("follow-ups", QueueMode.Followup)]
    [InlineData("followups", QueueMode.Followup)]
    [InlineData("coalesce", QueueMode.Collect)]
    [InlineData("queue", null)]
    [InlineData("steer-backlog", null)]
    [InlineData("", null)]
    public void Mode_aliases(string raw, QueueMode? expected) => Assert.Equal(expected, QueueSettingsResolver.NormalizeMode(raw));

    [Theory]
    [InlineData("queued", QueueMode.Steer)]
    [InlineData("steer+backlog", QueueMode.Followup)]
    [InlineData("steer_backlog", QueueMode.Followup)]
    [InlineData("collect", QueueMode.Collect)]
    public void Persisted_mode_aliases(string raw, QueueMode expected) => Assert.Equal(expected, QueueSettingsResolver.NormalizePersistedMode(raw));
}
