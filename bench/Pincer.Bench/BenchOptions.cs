namespace Pincer.Bench;

/// <summary>Command-line options of the harness (all have defaults matching the brief).</summary>
internal sealed class BenchOptions
{
    public string PincerExe { get; private set; } = "";
    public string ReferenceExe { get; private set; } = "";
    public string WorkDir { get; private set; } = "bench/out/runs";
    public string ResultsDir { get; private set; } = "bench/results";
    public int PincerSpawnRuns { get; private set; } = 10;
    public int ReferenceSpawnRuns { get; private set; } = 4;
    public int IdleSeconds { get; private set; } = 60;
    public int Calls { get; private set; } = 10_000;
    public int Warmup { get; private set; } = 200;
    /// <summary>Upper bound per method and gateway for the sequential-call phase (bounded run time).</summary>
    public int CallBudgetSeconds { get; private set; } = 150;
    public string Token { get; private set; } = "bench-token-0123456789";
    public string Only { get; private set; } = "all";
    /// <summary><c>core</c>: spawn, idle RSS, health/config.get. <c>sessions</c>: sessions.list over seeded stores.</summary>
    public string Suite { get; private set; } = "core";
    public IReadOnlyList<int> SessionCounts { get; private set; } = [1000, 10_000];
    public int SessionListCalls { get; private set; } = 300;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"missing value for {args[i]}");
            switch (args[i])
            {
                case "--pincer": o.PincerExe = Path.GetFullPath(Next()); break;
                case "--reference": o.ReferenceExe = Path.GetFullPath(Next()); break;
                case "--work": o.WorkDir = Path.GetFullPath(Next()); break;
                case "--results": o.ResultsDir = Path.GetFullPath(Next()); break;
                case "--pincer-runs": o.PincerSpawnRuns = int.Parse(Next()); break;
                case "--ref-runs": o.ReferenceSpawnRuns = int.Parse(Next()); break;
                case "--idle-seconds": o.IdleSeconds = int.Parse(Next()); break;
                case "--calls": o.Calls = int.Parse(Next()); break;
                case "--warmup": o.Warmup = int.Parse(Next()); break;
                case "--call-budget-seconds": o.CallBudgetSeconds = int.Parse(Next()); break;
                case "--only": o.Only = Next(); break;
                case "--suite": o.Suite = Next(); break;
                case "--session-counts": o.SessionCounts = [.. Next().Split(',').Select(int.Parse)]; break;
                case "--session-list-calls": o.SessionListCalls = int.Parse(Next()); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (o.PincerExe.Length == 0 && o.Only != "reference")
        {
            throw new ArgumentException("--pincer PATH is required");
        }
        if (o.ReferenceExe.Length == 0 && o.Only != "pincer")
        {
            throw new ArgumentException("--reference PATH is required");
        }
        o.WorkDir = Path.GetFullPath(o.WorkDir);
        o.ResultsDir = Path.GetFullPath(o.ResultsDir);
        return o;
    }
}
