using System.Text.Json.Nodes;
using Pincer.Parity.Diffing;
using Pincer.Parity.Normalising;
using Pincer.Parity.Reporting;
using Pincer.Parity.Running;
using Pincer.Parity.Scenarios;

namespace Pincer.Parity.Suite;

/// <summary>
/// Runs scenarios: expected side from the live reference (or the goldens), actual side from
/// Pincer; normalises, projects, diffs, applies EXPLAINED.md and feeds the scoreboard.
/// </summary>
public sealed class ParitySuite : IDisposable
{
    private readonly GatewayPool _pool = new();

    public ParitySuite(ParityMode mode, string? modeNote = null)
    {
        Mode = mode;
        ModeNote = modeNote;
        Explanations = Explanations.Load(Path.Combine(ParityPaths.ParityDir, "EXPLAINED.md"));
        Scoreboard = new Scoreboard(mode, modeNote);
    }

    public ParityMode Mode { get; }

    internal GatewayPool Pool => _pool;

    public string? ModeNote { get; }

    public Explanations Explanations { get; }

    public Scoreboard Scoreboard { get; }

    /// <summary>Live when the reference is installed (recording with PARITY_RECORD=1), golden otherwise or with PARITY_MODE=golden.</summary>
    public static ParitySuite FromEnvironment()
    {
        var requested = Environment.GetEnvironmentVariable("PARITY_MODE");
        var record = Environment.GetEnvironmentVariable("PARITY_RECORD") == "1";
        var refInstalled = ParityPaths.ReferenceCli is not null;
        if (string.Equals(requested, "golden", StringComparison.OrdinalIgnoreCase))
        {
            return new ParitySuite(ParityMode.Golden, "PARITY_MODE=golden");
        }

        if (!refInstalled)
        {
            return new ParitySuite(ParityMode.Golden, "reference not installed (no OPENCLAW_REF_DIR, no ~/.cache/openclaw-reference/bin/openclaw): replaying parity/golden/");
        }

        return new ParitySuite(record ? ParityMode.Record : ParityMode.Live);
    }

    public static NormaliseContext ContextOf(GatewayProcess gw, params int[] extraPorts) =>
        new([gw.RunDir, Path.GetFullPath(gw.RunDir)], [gw.Port, .. extraPorts]);

    public async Task<ScenarioOutcome> RunAsync(Scenario scenario, CancellationToken ct)
    {
        var pincerTask = _pool.GetAsync(GatewayKind.Pincer, scenario.Gateway, ct);
        JsonObject? expected;
        RunTranscript? referenceRun = null;
        if (Mode == ParityMode.Golden)
        {
            expected = GoldenStore.Load(scenario);
        }
        else
        {
            var reference = await _pool.GetAsync(GatewayKind.Reference, scenario.Gateway, ct);
            var pincerGw = await pincerTask;
            var refRun = StepRunner.RunAsync(scenario, reference, ct);
            var pinRun = StepRunner.RunAsync(scenario, pincerGw, ct);
            await Task.WhenAll(refRun, pinRun);
            referenceRun = await refRun;
            expected = (JsonObject)Normaliser.Normalise(referenceRun.Result, ContextOf(reference))!;
            if (Mode == ParityMode.Record)
            {
                GoldenStore.Save(scenario, expected);
            }

            var outcome = Judge(scenario, expected, await pinRun, pincerGw);
            WriteArtifacts(scenario, referenceRun, expected, await pinRun, outcome);
            await RetireIfMutatedAsync(scenario);
            return outcome;
        }

        var pincer = await pincerTask;
        var run = await StepRunner.RunAsync(scenario, pincer, ct);
        var result = expected is null
            ? new ScenarioOutcome(scenario, Mode, [], [], [$"no golden recorded at {GoldenStore.PathOf(scenario)}; record with PARITY_RECORD=1"])
            : Judge(scenario, expected, run, pincer);
        WriteArtifacts(scenario, null, expected, run, result);
        await RetireIfMutatedAsync(scenario);
        return result;
    }

    private async Task RetireIfMutatedAsync(Scenario scenario)
    {
        if (scenario.Gateway.Instance.Length > 0)
        {
            await _pool.RetireAsync(GatewayKind.Reference, scenario.Gateway);
            await _pool.RetireAsync(GatewayKind.Pincer, scenario.Gateway);
        }
    }

    private ScenarioOutcome Judge(Scenario scenario, JsonObject expected, RunTranscript pincerRun, GatewayProcess pincer)
    {
        var actual = (JsonObject)Normaliser.Normalise(pincerRun.Result, ContextOf(pincer))!;
        var outcome = Compare(scenario, expected, actual, Explanations, Mode);
        Scoreboard.Add(outcome, pincerRun.AdvertisedMethods, pincerRun.AdvertisedEvents);
        return outcome;
    }

    /// <summary>Diffs two normalised results of one scenario; public so the harness can test itself.</summary>
    public static ScenarioOutcome Compare(Scenario scenario, JsonObject expected, JsonObject actual, Explanations explanations, ParityMode mode)
    {
        var problems = new List<string>();
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            if (scenario.Steps[i]?["compare"] is not null && explanations.NarrowingReason(scenario.Id, i) is null)
            {
                problems.Add($"step {i} narrows its comparison (compare: …) but parity/EXPLAINED.md has no 'Narrowed comparisons' row for {scenario.Id} step {i}");
            }
        }

        var diffs = JsonDiff.Compare(Comparison.Project(expected, scenario.Steps), Comparison.Project(actual, scenario.Steps));
        var unexplained = new List<Difference>();
        var explained = new List<Difference>();
        foreach (var d in diffs)
        {
            if (explanations.Explain(scenario.Id, d.Path) is { } why)
            {
                explained.Add(d with { Explanation = why });
            }
            else
            {
                unexplained.Add(d);
            }
        }

        return new ScenarioOutcome(scenario, mode, unexplained, explained, problems);
    }

    private static void WriteArtifacts(Scenario s, RunTranscript? reference, JsonObject? expected, RunTranscript pincer, ScenarioOutcome outcome)
    {
        try
        {
            var dir = Path.Combine(ParityPaths.ArtifactsDir, Path.GetDirectoryName(s.Id) ?? "");
            Directory.CreateDirectory(dir);
            var name = Path.GetFileName(s.Id);
            if (expected is not null)
            {
                File.WriteAllText(Path.Combine(dir, name + ".reference.json"), GoldenStore.ToText(expected));
            }

            if (reference is not null)
            {
                File.WriteAllText(Path.Combine(dir, name + ".reference.frames.json"), GoldenStore.ToText(reference.Logs));
            }

            File.WriteAllText(Path.Combine(dir, name + ".pincer.json"), GoldenStore.ToText(pincer.Result));
            File.WriteAllText(Path.Combine(dir, name + ".pincer.frames.json"), GoldenStore.ToText(pincer.Logs));
            File.WriteAllText(Path.Combine(dir, name + ".diff.txt"), outcome.Report(int.MaxValue));
        }
        catch (IOException)
        {
            // Artifacts are a convenience; the verdict stands without them.
        }
    }

    /// <summary>Writes the scoreboard and stops every gateway this suite started.</summary>
    public void Dispose()
    {
        try
        {
            Scoreboard.Write(ParityPaths.ParityDir);
        }
        finally
        {
            _pool.Dispose();
        }
    }
}
