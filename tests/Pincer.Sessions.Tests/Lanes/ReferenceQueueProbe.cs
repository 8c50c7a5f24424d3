using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Pincer.Sessions.Tests.Lanes;

/// <summary>
/// Runs the reference's own queue modules (openclaw@2026.9.6 dist) under its bundled node: settings resolution,
/// lane limits, and enqueue-while-busy followed by a drain, returning what its runner was handed.
/// </summary>
internal static class ReferenceQueueProbe
{
    private static readonly string ReferenceDir = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "openclaw-reference");

    private static string Dist => Path.Combine(ReferenceDir, "node_modules", "openclaw", "dist");

    private static string Node => Path.Combine(ReferenceDir, "bin", "node");

    // Module exports are minified, but exported functions keep their names, so they are looked up by name.
    private const string Script = """
        import { readFileSync } from "node:fs";
        import os from "node:os";
        const input = JSON.parse(readFileSync(0, "utf8"));
        const load = async (p) => Object.values(await import(p));
        const [settingsMod, queueMod, drainMod, stateMod, limitsMod] = await Promise.all(
          [input.modules.settings, input.modules.queue, input.modules.drain, input.modules.state, input.modules.limits].map(load));
        const fn = (mod, name) => mod.find((v) => typeof v === "function" && v.name === name);
        const resolveCore = fn(settingsMod, "resolveQueueSettingsCore");
        const normalizeMode = fn(settingsMod, "normalizeQueueMode");
        const enqueue = fn(queueMod, "enqueueFollowupRun");
        const schedule = fn(drainMod, "scheduleFollowupDrain");
        const queues = stateMod.find((v) => v instanceof Map);
        const agentMax = fn(limitsMod, "resolveAgentMaxConcurrent");
        const subagentMax = fn(limitsMod, "resolveSubagentMaxConcurrent");
        const out = { processors: os.availableParallelism(), resolve: [], limits: [], drains: [] };
        for (const c of input.resolve) {
          out.resolve.push(resolveCore({
            cfg: c.cfg, channel: c.channel ?? undefined,
            sessionEntry: c.session ?? undefined,
            inlineMode: normalizeMode(c.inlineMode ?? undefined),
            inlineOptions: c.inline ?? undefined,
            pluginDebounceMs: c.plugin ?? undefined,
          }));
        }
        for (const cfg of input.limits) out.limits.push({ main: agentMax(cfg), subagent: subagentMax(cfg) });
        let n = 0;
        for (const d of input.drains) {
          const key = "probe-" + (n++);
          const seen = [];
          const runFollowup = async (item) => { seen.push(item.prompt); };
          for (const [i, m] of d.items.entries()) {
            const [channel, to] = m.route ? m.route.split(":") : [undefined, undefined];
            enqueue(key, {
              prompt: m.text, messageId: "m" + i, enqueuedAt: Date.now(),
              originatingChannel: channel, originatingTo: to,
              run: { agentId: "main", sessionId: "s", sessionKey: "agent:main:main", provider: "p", model: "m", config: {}, senderName: m.sender ?? undefined },
            }, d.settings, "message-id", runFollowup, false);
          }
          schedule(key, runFollowup);
          while (queues.has(key)) await new Promise((r) => setTimeout(r, 2));
          out.drains.push(seen);
        }
        if (input.directives.length > 0) {
          // The /queue argument parser is not exported; evaluate its own source region with its real helpers.
          const source = readFileSync(new URL(input.modules.directive), "utf8");
          const region = (name) => {
            const start = source.indexOf("//#region " + name);
            return source.slice(start, source.indexOf("//#endregion", start));
          };
          const [durationMod, numberMod, stringMod] = await Promise.all(
            [input.modules.duration, input.modules.number, input.modules.strings].map(load));
          const helpers = {
            parseDurationMs: fn(durationMod, "parseDurationMs"),
            parseStrictPositiveInteger: fn(numberMod, "parseStrictPositiveInteger"),
            normalizeOptionalLowercaseString: fn(stringMod, "normalizeOptionalLowercaseString"),
            normalizeQueueMode: normalizeMode,
            normalizeQueueDropPolicy: fn(settingsMod, "normalizeQueueDropPolicy"),
          };
          const parse = new Function(...Object.keys(helpers),
            region("src/auto-reply/reply/directive-parsing.ts") + region("src/auto-reply/reply/queue/directive.ts") + "return parseQueueDirectiveArgs;")(
            ...Object.values(helpers));
          out.directives = input.directives.map((d) => parse(d));
        }
        process.stdout.write(JSON.stringify(out));
        process.exit(0);
        """;

    public static string? MissingReason()
    {
        if (!File.Exists(Node)) return $"reference node not found at {Node}";
        return Directory.Exists(Dist) ? null : $"reference dist not found at {Dist}";
    }

    public static async Task<JsonNode> RunAsync(JsonObject input)
    {
        input["modules"] = new JsonObject
        {
            ["settings"] = Find("settings-", "function resolveQueueSettingsCore("),
            ["queue"] = Find("queue-", "function enqueueFollowupRun("),
            ["drain"] = Find("drain-", "function scheduleFollowupDrain("),
            ["state"] = Find("state-", "const FOLLOWUP_QUEUES"),
            ["limits"] = Find("validation-core-", "function resolveAgentMaxConcurrent("),
            ["directive"] = Find("get-reply-", "function parseQueueDirectiveArgs("),
            ["duration"] = Find("parse-duration-", "function parseDurationMs("),
            ["number"] = Find("number-coercion-", "function parseStrictPositiveInteger("),
            ["strings"] = Find("string-coerce-", "function normalizeOptionalLowercaseString("),
        };
        input["directives"] ??= new JsonArray();
        var dir = Directory.CreateTempSubdirectory("pincer-lanes-probe-");
        try
        {
            var script = Path.Combine(dir.FullName, "probe.mjs");
            await File.WriteAllTextAsync(script, Script);
            var start = new ProcessStartInfo(Node, [script])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = dir.FullName,
            };
            start.Environment["OPENCLAW_STATE_DIR"] = dir.FullName;
            using var process = Process.Start(start)!;
            await process.StandardInput.WriteAsync(input.ToJsonString());
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(process.ExitCode == 0, await stderr);
            return JsonNode.Parse(await stdout)!;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Find(string prefix, string marker)
    {
        foreach (var file in Directory.EnumerateFiles(Dist, prefix + "*.mjs"))
        {
            if (File.ReadAllText(file).Contains(marker, StringComparison.Ordinal))
            {
                return new Uri(file).AbsoluteUri;
            }
        }
        throw new FileNotFoundException($"no {prefix}*.mjs in the reference dist defines {marker}");
    }
}
