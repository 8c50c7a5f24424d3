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
    /// <summary><c>core</c>: spawn, idle RSS, health/config.get. <c>sessions</c>: sessions.list over seeded stores.
    /// <c>turns</c>: chat.send against a zero-delay fake model.</summary>
    public string Suite { get; private set; } = "core";
    public IReadOnlyList<int> SessionCounts { get; private set; } = [1000, 10_000];
    public int SessionListCalls { get; private set; } = 300;
    /// <summary>Turn suite: sequential turns per phase (fresh session per turn, then agent:main:main).</summary>
    public int Turns { get; private set; } = 300;
    public int TurnWarmup { get; private set; } = 20;
    public int ConcurrentSessions { get; private set; } = 100;
    public int ConcurrentTurnsPerSession { get; private set; } = 10;
    /// <summary>Cumulative turns on Pincer by the end of its RSS phase.</summary>
    public int RssTurns { get; private set; } = 10_000;
    /// <summary>Cumulative turns on the reference by the end of its RSS phase (it runs ~2.5 turns/s here).</summary>
    public int ReferenceRssTurns { get; private set; } = 900;
    /// <summary>The reference's sequential turns per phase (it takes 0.3–0.6 s a turn; 300 would blow the time budget).</summary>
    public int ReferenceTurns { get; private set; } = 100;
    public int ReferenceConcurrentTurnsPerSession { get; private set; } = 2;
    /// <summary>Which gateways also run the maxConcurrent variants (the reference's restart costs ~15 s + the phase).</summary>
    public string MaxConcurrentVariantTargets { get; private set; } = "pincer";
    public int RssWarmup { get; private set; } = 500;
    /// <summary>RSS phase: turns per session key before the worker moves to a fresh key, so the history a turn
    /// carries (and its cost) stays bounded; 0 keeps one key per worker for the whole phase.</summary>
    public int RssTurnsPerSession { get; private set; }
    /// <summary>Extra gateway runs of the concurrent phase with agents.defaults.maxConcurrent set (empty: none).</summary>
    public IReadOnlyList<int> MaxConcurrentVariants { get; private set; } = [100];
    public IReadOnlyList<string> TurnPhases { get; private set; } = ["sequential", "concurrent", "rss"];

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
                case "--turns": o.Turns = int.Parse(Next()); break;
                case "--turn-warmup": o.TurnWarmup = int.Parse(Next()); break;
                case "--concurrent-sessions": o.ConcurrentSessions = int.Parse(Next()); break;
                case "--concurrent-turns": o.ConcurrentTurnsPerSession = int.Parse(Next()); break;
                case "--rss-turns": o.RssTurns = int.Parse(Next()); break;
                case "--ref-rss-turns": o.ReferenceRssTurns = int.Parse(Next()); break;
                case "--ref-turns": o.ReferenceTurns = int.Parse(Next()); break;
                case "--ref-concurrent-turns": o.ReferenceConcurrentTurnsPerSession = int.Parse(Next()); break;
                case "--max-concurrent-variant-targets": o.MaxConcurrentVariantTargets = Next(); break;
                case "--rss-warmup": o.RssWarmup = int.Parse(Next()); break;
                case "--rss-turns-per-session": o.RssTurnsPerSession = int.Parse(Next()); break;
                case "--max-concurrent-variants":
                    var v = Next();
                    o.MaxConcurrentVariants = v is "" or "none" ? [] : [.. v.Split(',').Select(int.Parse)];
                    break;
                case "--turn-phases": o.TurnPhases = [.. Next().Split(',')]; break;
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
