using System.Text.Json.Nodes;
using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

/// <summary>
/// Differential checks against the reference's own modules: the same inputs go through its settings resolver,
/// limit resolver and followup queue, and through ours, and the outputs must be equal.
/// </summary>
public sealed class ReferenceQueueParityTests
{
    private static readonly string[] Configs =
    [
        "{}",
        """{"messages":{"queue":{"mode":"followup"}}}""",
        """{"messages":{"queue":{"mode":"collect","byChannel":{"discord":"interrupt","telegram":"steer"},"debounceMsByChannel":{"discord":1200,"telegram":-4}}}}""",
        """{"messages":{"queue":{"cap":3.7,"drop":"oldest"}}}""",
        """{"messages":{"queue":{"cap":0,"drop":"newest","mode":"coalesce"}}}""",
        """{"messages":{"queue":{"cap":-2,"drop":"bogus","mode":"bogus"}}}""",
        """{"messages":{"queue":{"debounceMsByChannel":{"discord":"9"}}}}""",
    ];

    private static readonly string?[] Channels = [null, "discord", " Telegram ", "slack"];

    private static readonly JsonObject?[] Sessions =
    [
        null,
        new() { ["queueMode"] = "steer-backlog" },
        new() { ["queueMode"] = "queue", ["queueDebounceMs"] = 250, ["queueCap"] = 7, ["queueDrop"] = "old" },
        new() { ["queueMode"] = "interrupt", ["queueCap"] = 0.5 },
    ];

    private static readonly (string? Mode, JsonObject? Options)[] Inlines =
    [
        (null, null),
        ("collect", new JsonObject { ["debounceMs"] = 2000, ["cap"] = 4, ["dropPolicy"] = "new" }),
        ("abort", null),
    ];

    [ReferenceLaneFact]
    public async Task Settings_resolution_matches_the_reference()
    {
        var cases = new List<(string Config, string? Channel, JsonObject? Session, (string? Mode, JsonObject? Options) Inline, double? Plugin)>();
        foreach (var config in Configs)
        foreach (var channel in Channels)
        foreach (var session in Sessions)
        foreach (var inline in Inlines)
        foreach (var plugin in new double?[] { null, 750 })
        {
            cases.Add((config, channel, session, inline, plugin));
        }
        var input = Input();
        foreach (var c in cases)
        {
            ((JsonArray)input["resolve"]!).Add(new JsonObject
            {
                ["cfg"] = JsonNode.Parse(c.Config),
                ["channel"] = c.Channel,
                ["session"] = c.Session?.DeepClone(),
                ["inlineMode"] = c.Inline.Mode,
                ["inline"] = c.Inline.Options?.DeepClone(),
                ["plugin"] = c.Plugin,
            });
        }

        var reference = (JsonArray)(await ReferenceQueueProbe.RunAsync(input))["resolve"]!;

        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            var session = c.Session is null ? null : new QueueOverrides(
                (string?)c.Session["queueMode"], Num(c.Session["queueDebounceMs"]), Num(c.Session["queueCap"]), (string?)c.Session["queueDrop"]);
            var inline = new QueueOverrides(
                c.Inline.Mode, Num(c.Inline.Options?["debounceMs"]), Num(c.Inline.Options?["cap"]), (string?)c.Inline.Options?["dropPolicy"]);
            var ours = QueueSettingsResolver.Resolve(JsonNode.Parse(c.Config), c.Channel, session, inline, c.Plugin);
            var theirs = reference[i]!;
            var label = $"case {i}: {c.Config} channel={c.Channel} session={c.Session?.ToJsonString()} inline={c.Inline.Mode}";
            Assert.True((string?)theirs["mode"] == QueueSettingsResolver.ToWire(ours.Mode), label);
            Assert.True((double?)theirs["debounceMs"] == ours.DebounceMs, label);
            // An unusable cap is left unset by the reference, and its queue then uses the built-in 20.
            Assert.True(((int?)theirs["cap"] ?? QueueSettings.DefaultCap) == ours.Cap, label);
            Assert.True((string?)theirs["dropPolicy"] == QueueSettingsResolver.ToWire(ours.Drop), label);
        }
    }

    [ReferenceLaneFact]
    public async Task Lane_limits_match_the_reference()
    {
        string[] configs =
        [
            "{}",
            """{"agents":{"defaults":{"maxConcurrent":3}}}""",
            """{"agents":{"defaults":{"maxConcurrent":2.9,"subagents":{"maxConcurrent":0}}}}""",
            """{"agents":{"defaults":{"maxConcurrent":"5","subagents":{"maxConcurrent":12.2}}}}""",
            """{"agents":{"defaults":{"maxConcurrent":-7}}}""",
        ];
        var input = Input();
        foreach (var c in configs) ((JsonArray)input["limits"]!).Add(JsonNode.Parse(c));

        var output = await ReferenceQueueProbe.RunAsync(input);
        var processors = (int)output["processors"]!;

        for (var i = 0; i < configs.Length; i++)
        {
            var ours = LaneLimits.Resolve(JsonNode.Parse(configs[i]), processors);
            var theirs = output["limits"]![i]!;
            Assert.Equal(((int)theirs["main"]!, (int)theirs["subagent"]!), (ours.Main, ours.Subagent));
        }
    }

    [ReferenceLaneFact]
    public async Task Enqueue_while_busy_then_drain_matches_the_reference()
    {
        var random = new Random(4);
        string[] texts =
        [
            "short",
            "  padded \n\n with\tlots   of   space  ",
            new string('a', 170),
            new string('b', 158) + "😀 after the pair",
            new string('c', 158) + "      gap",
            "line one\nline two\n",
        ];
        var scenarios = new List<(QueueSettings Settings, List<LaneMessage> Items)>();
        foreach (var mode in new[] { QueueMode.Followup, QueueMode.Collect, QueueMode.Steer })
        foreach (var drop in new[] { QueueDropPolicy.Summarize, QueueDropPolicy.Old, QueueDropPolicy.New })
        foreach (var cap in new[] { 1, 2, 3, 20 })
        foreach (var mixedRoutes in new[] { false, true })
        {
            var count = random.Next(1, 26);
            var items = Enumerable.Range(0, count).Select(i => new LaneMessage(texts[random.Next(texts.Length)] + $" #{i}")
            {
                MessageId = $"m{i}",
                RouteKey = mixedRoutes && random.Next(2) == 0 ? "discord:9" : "telegram:1",
                SenderLabel = random.Next(2) == 0 ? null : "Ann",
                Sequence = i + 1,
            }).ToList();
            scenarios.Add((new QueueSettings(mode, 0, cap, drop), items));
        }

        var input = Input();
        foreach (var (settings, items) in scenarios)
        {
            ((JsonArray)input["drains"]!).Add(new JsonObject
            {
                ["settings"] = new JsonObject
                {
                    ["mode"] = QueueSettingsResolver.ToWire(settings.Mode),
                    ["debounceMs"] = 0,
                    ["cap"] = settings.Cap,
                    ["dropPolicy"] = QueueSettingsResolver.ToWire(settings.Drop),
                },
                ["items"] = new JsonArray([.. items.Select(m => (JsonNode)new JsonObject { ["text"] = m.Text, ["route"] = m.RouteKey, ["sender"] = m.SenderLabel })]),
            });
        }

        var reference = (JsonArray)(await ReferenceQueueProbe.RunAsync(input))["drains"]!;

        for (var i = 0; i < scenarios.Count; i++)
        {
            var (settings, items) = scenarios[i];
            var (ours, _, _) = LaneQueueTests.Run(settings, items);
            var theirs = reference[i]!.AsArray().Select(n => (string)n!).ToList();
            Assert.True(theirs.SequenceEqual(ours), $"scenario {i} ({settings}, {items.Count} items):\nreference:\n{string.Join("\n----\n", theirs)}\nours:\n{string.Join("\n----\n", ours)}");
        }
    }

    [ReferenceLaneFact]
    public async Task Queue_directive_arguments_parse_like_the_reference()
    {
        string[] args =
        [
            "", " collect", ": followup debounce:2s cap:25 drop:summarize", " collect debounce:0.5s cap:25 drop:summarize rest of text",
            " reset", " default collect", " bogus collect", " collect bogus", " debounce=1m30s", " debounce:0", " debounce:0.0001s",
            " debounce:abc", " debounce:1h30", " debounce:1.5", " DEBOUNCE:2S Cap=0", " cap:+5", " cap:-5", " cap:5x", " cap:007",
            " drop:oldest", " drop:nope", " interrupts steering", " followups: ok", "\tcoalesce\nnext line", " queue", " steer-backlog",
            " debounce:1:30", " cap", " debounce", ":", " : ", " clear collect",
        ];
        var input = Input();
        input["directives"] = new JsonArray([.. args.Select(a => (JsonNode)JsonValue.Create(a))]);

        var reference = (JsonArray)(await ReferenceQueueProbe.RunAsync(input))["directives"]!;

        for (var i = 0; i < args.Length; i++)
        {
            var raw = (string)input["directives"]![i]!;
            var ours = QueueDirective.Parse(raw);
            var theirs = reference[i]!;
            var label = $"args {i}: '{raw}'";
            Assert.True((int)theirs["consumed"]! == ours.Consumed, label + " consumed");
            Assert.True((string?)theirs["queueMode"] == (ours.Mode is { } m ? QueueSettingsResolver.ToWire(m) : null), label + " mode");
            Assert.True((bool)theirs["queueReset"]! == ours.Reset, label + " reset");
            Assert.True((string?)theirs["rawMode"] == ours.RawMode, label + " rawMode");
            Assert.True(Num(theirs["debounceMs"]) == ours.DebounceMs, label + " debounce");
            Assert.True((int?)theirs["cap"] == ours.Cap, label + " cap");
            Assert.True((string?)theirs["dropPolicy"] == (ours.Drop is { } d ? QueueSettingsResolver.ToWire(d) : null), label + " drop");
            Assert.True((string?)theirs["rawDebounce"] == ours.RawDebounce, label + " rawDebounce");
            Assert.True((string?)theirs["rawCap"] == ours.RawCap, label + " rawCap");
            Assert.True((string?)theirs["rawDrop"] == ours.RawDrop, label + " rawDrop");
            Assert.True((bool)theirs["hasOptions"]! == ours.HasOptions, label + " hasOptions");
        }
    }

    private static double? Num(JsonNode? node) =>
        node is null ? null : double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Input() => new() { ["resolve"] = new JsonArray(), ["limits"] = new JsonArray(), ["drains"] = new JsonArray() };
}
