using Pincer.Gateway.Agents;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>The ended-run cache: answerable for the retention window, bounded in count, oldest evicted first.</summary>
public sealed class ChatRunsTests
{
    [Fact]
    public async Task An_ended_run_stays_findable_within_the_retention_and_is_dropped_after()
    {
        var clock = new SteppedClock();
        var runs = new ChatRuns(clock);
        var run = Run("r1", clock);
        runs.Register(run);
        run.End(new ChatRunResult("ok", 1, clock.GetUtcNow().ToUnixTimeMilliseconds(), "stop", null));
        await WaitTrackedAsync(runs, 1);

        clock.Advance(ChatRuns.Retention - TimeSpan.FromSeconds(1));
        runs.Register(Run("r2", clock));
        Assert.Same(run, runs.Find("r1"));

        clock.Advance(TimeSpan.FromSeconds(2));
        runs.Register(Run("r3", clock));
        Assert.Null(runs.Find("r1"));
        Assert.NotNull(runs.Find("r2"));
    }

    [Fact]
    public async Task Ended_runs_are_capped_oldest_first_and_live_runs_are_kept()
    {
        var clock = new SteppedClock();
        var runs = new ChatRuns(clock);
        var live = Run("live", clock);
        runs.Register(live);
        for (var i = 0; i < ChatRuns.MaxEnded + 10; i++)
        {
            var run = Run($"e{i}", clock);
            runs.Register(run);
            run.End(new ChatRunResult("ok", 1, clock.GetUtcNow().ToUnixTimeMilliseconds(), "stop", null));
        }

        await WaitTrackedAsync(runs, ChatRuns.MaxEnded + 10);
        Assert.Null(runs.Find("e0"));
        Assert.Null(runs.Find("e9"));
        Assert.NotNull(runs.Find("e10"));
        Assert.NotNull(runs.Find($"e{ChatRuns.MaxEnded + 9}"));
        Assert.Same(live, runs.Find("live"));
        Assert.Equal(ChatRuns.MaxEnded + 1, runs.Count);
    }

    [Fact]
    public async Task A_re_registered_id_survives_the_eviction_of_its_ended_predecessor()
    {
        var clock = new SteppedClock();
        var runs = new ChatRuns(clock);
        var first = Run("same", clock);
        runs.Register(first);
        first.End(new ChatRunResult("ok", 1, clock.GetUtcNow().ToUnixTimeMilliseconds(), "stop", null));
        await WaitTrackedAsync(runs, 1);
        var second = Run("same", clock);
        Assert.True(runs.Register(second).Added);

        clock.Advance(ChatRuns.Retention + TimeSpan.FromSeconds(1));
        runs.Register(Run("other", clock));
        Assert.Same(second, runs.Find("same"));
    }

    private static ChatRun Run(string id, TimeProvider clock) =>
        new() { RunId = id, SessionKey = "agent:main:main", AgentId = "main", AcceptedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds() };

    /// <summary>The end bookkeeping runs as a continuation on the pool: wait until it has seen <paramref name="ended"/> ends.</summary>
    private static async Task WaitTrackedAsync(ChatRuns runs, long ended)
    {
        for (var i = 0; i < 500 && runs.EndedSeen < ended; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(ended, runs.EndedSeen);
    }

    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
