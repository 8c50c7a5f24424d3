using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

/// <summary>Lanes across sessions: ordering under contention, the global limits, retirement and shutdown.</summary>
public sealed class LaneRegistryTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();

    private static LaneMessage Msg(string text) => new(text) { RunId = text };

    [Fact]
    public async Task Messages_from_many_threads_run_one_at_a_time_in_each_senders_order()
    {
        const int threads = 8;
        const int perThread = 60;
        var runner = new RecordingRunner(threads * perThread);
        await using var registry = new LaneRegistry(runner, new LaneLimits(4, 4), _time);
        var settings = new QueueSettings(QueueMode.Followup, 0, 100_000, QueueDropPolicy.Summarize);
        var accepted = new ConcurrentQueue<(long Order, string Text)>();
        using var go = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            go.Wait();
            for (var i = 0; i < perThread; i++)
            {
                var result = registry.Enqueue("agent:main:shared", Msg($"{t}:{i}"), settings);
                Assert.True(result is LaneEnqueueResult.Started or LaneEnqueueResult.Queued, result.ToString());
            }
        })).ToArray();
        go.Set();
        await Task.WhenAll(workers).WaitAsync(HangGuard);
        await runner.AllDone.Task.WaitAsync(HangGuard);

        var ran = runner.Texts.ToList();
        Assert.Equal(threads * perThread, ran.Count);
        Assert.Equal(ran.Count, ran.Distinct().Count());
        foreach (var perSender in ran.Select(r => r.Split(':')).GroupBy(p => p[0]))
        {
            var indexes = perSender.Select(p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, perThread), indexes);
        }
        Assert.Equal(1, runner.MaxConcurrentPerSession);
    }

    [Fact]
    public async Task The_main_limit_holds_runs_of_other_sessions_until_a_slot_frees()
    {
        var runner = new FakeLaneRunner();
        await using var registry = new LaneRegistry(runner, new LaneLimits(1, 8), _time);

        Assert.Equal(LaneEnqueueResult.Started, registry.Enqueue("s1", Msg("A"), QueueSettings.Default));
        var a = await runner.NextAsync();
        Assert.Equal(LaneEnqueueResult.Started, registry.Enqueue("s2", Msg("B"), QueueSettings.Default));
        await registry.GateFor(GlobalLane.Main).WhenWaiting(1).WaitAsync(HangGuard);

        Assert.True(runner.NothingStarted);
        Assert.Equal(new GlobalLaneSnapshot(GlobalLane.Main, 1, 1, 1), registry.Snapshot(GlobalLane.Main));
        Assert.Equal(["s1", "s2"], registry.Snapshots().Select(l => l.SessionKey).Order());
        var waiting = registry.Snapshot("s2")!;
        Assert.True(waiting.IsActive);
        Assert.False(waiting.IsRunning);

        await a.CompleteAsync();
        var b = await runner.NextAsync();
        Assert.Equal("B", b.Text);
        b.Complete();
    }

    [Fact]
    public async Task Waiting_sessions_get_slots_first_come_first_served()
    {
        var runner = new FakeLaneRunner();
        await using var registry = new LaneRegistry(runner, new LaneLimits(2, 8), _time);
        var gate = registry.GateFor(GlobalLane.Main);

        registry.Enqueue("s1", Msg("A"), QueueSettings.Default);
        registry.Enqueue("s2", Msg("B"), QueueSettings.Default);
        var first = await runner.NextAsync();
        var second = await runner.NextAsync();
        registry.Enqueue("s3", Msg("C"), QueueSettings.Default);
        await gate.WhenWaiting(1).WaitAsync(HangGuard);
        registry.Enqueue("s4", Msg("D"), QueueSettings.Default);
        await gate.WhenWaiting(2).WaitAsync(HangGuard);
        Assert.Equal(2, gate.Active);

        await first.CompleteAsync();
        Assert.Equal("C", (await runner.NextAsync()).Text);
        await second.CompleteAsync();
        Assert.Equal("D", (await runner.NextAsync()).Text);
        Assert.Equal(2, gate.Active);
        foreach (var call in runner.Calls) call.Complete();
    }

    [Fact]
    public async Task Subagent_sessions_use_their_own_budget()
    {
        var runner = new FakeLaneRunner();
        await using var registry = new LaneRegistry(runner, new LaneLimits(1, 1), _time);

        registry.Enqueue("agent:main:main", Msg("A"), QueueSettings.Default);
        await runner.NextAsync();
        registry.Enqueue("agent:main:subagent:1", Msg("S"), QueueSettings.Default, GlobalLane.Subagent);

        Assert.Equal("S", (await runner.NextAsync()).Text);
        foreach (var call in runner.Calls) call.Complete();
    }

    [Fact]
    public async Task Raising_the_limit_admits_waiting_runs()
    {
        var runner = new FakeLaneRunner();
        await using var registry = new LaneRegistry(runner, new LaneLimits(1, 8), _time);
        registry.Enqueue("s1", Msg("A"), QueueSettings.Default);
        await runner.NextAsync();
        registry.Enqueue("s2", Msg("B"), QueueSettings.Default);
        await registry.GateFor(GlobalLane.Main).WhenWaiting(1).WaitAsync(HangGuard);

        registry.UpdateLimits(new LaneLimits(2, 8));

        Assert.Equal("B", (await runner.NextAsync()).Text);
        foreach (var call in runner.Calls) call.Complete();
    }

    [Fact]
    public async Task Idle_lanes_retire_and_a_later_message_gets_a_fresh_one()
    {
        var runner = new FakeLaneRunner();
        await using var registry = new LaneRegistry(runner, new LaneLimits(8, 8), _time);

        for (var i = 0; i < 50; i++)
        {
            var key = $"agent:main:peer-{i}";
            Assert.Equal(LaneEnqueueResult.Started, registry.Enqueue(key, Msg("hi"), QueueSettings.Default));
            var lane = registry.LaneFor(key)!;
            await (await runner.NextAsync()).CompleteAsync();
            await lane.Completion.WaitAsync(HangGuard);
            Assert.True(lane.IsRetired);
        }

        Assert.Equal(0, registry.LaneCount);
        Assert.Equal(0, registry.GateFor(GlobalLane.Main).Active);
        Assert.Equal(LaneEnqueueResult.Started, registry.Enqueue("agent:main:peer-0", Msg("again"), QueueSettings.Default));
        Assert.Equal("again", (await runner.NextAsync()).Text);
        foreach (var call in runner.Calls) call.Complete();
    }

    [Fact]
    public async Task Shutdown_aborts_runs_reports_queued_messages_and_waits_for_workers()
    {
        var runner = new FakeLaneRunner();
        var registry = new LaneRegistry(runner, new LaneLimits(1, 8), _time);
        registry.Enqueue("s1", Msg("A"), QueueSettings.Default);
        var a = await runner.NextAsync();
        registry.Enqueue("s1", Msg("B"), new QueueSettings(QueueMode.Followup, 500, 20, QueueDropPolicy.Summarize));
        registry.Enqueue("s2", Msg("C"), QueueSettings.Default);
        await registry.GateFor(GlobalLane.Main).WhenWaiting(1).WaitAsync(HangGuard);

        await registry.DisposeAsync().AsTask().WaitAsync(HangGuard);

        Assert.True(a.Token.IsCancellationRequested);
        Assert.True(a.Ended.Task.IsCompleted);
        Assert.Equal(
            [("B", LaneDiscardReason.Shutdown), ("C", LaneDiscardReason.Shutdown)],
            runner.Discarded.Select(d => (d.Message.Text, d.Reason)).OrderBy(d => d.Text));
        Assert.Equal(0, registry.LaneCount);
        Assert.Equal(LaneEnqueueResult.Closed, registry.Enqueue("s1", Msg("late"), QueueSettings.Default));
        Assert.Single(runner.Calls);
    }

    private sealed class RecordingRunner(int expected) : ILaneRunner
    {
        private readonly ConcurrentDictionary<string, int> _active = new();
        private int _count;
        private int _max;

        public ConcurrentQueue<string> Texts { get; } = new();

        public TaskCompletionSource AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int MaxConcurrentPerSession => Volatile.Read(ref _max);

        public async Task RunAsync(LaneTurn turn, ActiveRun run, CancellationToken cancellationToken)
        {
            var now = _active.AddOrUpdate(run.SessionKey, 1, (_, n) => n + 1);
            InterlockedMax(ref _max, now);
            await Task.Yield();
            Texts.Enqueue(turn.Prompt);
            _active.AddOrUpdate(run.SessionKey, 0, (_, n) => n - 1);
            if (Interlocked.Increment(ref _count) == expected) AllDone.TrySetResult();
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
