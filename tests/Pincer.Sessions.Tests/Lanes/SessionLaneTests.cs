using Microsoft.Extensions.Time.Testing;
using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

/// <summary>Queue-mode behaviour of one session lane, driven by a fake clock and a runner the test releases.</summary>
public sealed class SessionLaneTests : IAsyncLifetime
{
    private const string Key = "agent:main:main";
    private readonly FakeTimeProvider _time = new();
    private FakeLaneRunner _runner = new();
    private LaneRegistry? _registry;

    private LaneRegistry Registry => _registry ??= new LaneRegistry(_runner, new LaneLimits(8, 8), _time);

    private SessionLane Lane => Registry.LaneFor(Key) ?? throw new InvalidOperationException("no lane");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Release turns a failed test left open, so shutdown cannot wait on a runner that ignores cancellation.
        foreach (var call in _runner.Calls) call.Complete();
        if (_registry is not null) await _registry.DisposeAsync();
    }

    private static QueueSettings Mode(QueueMode mode, int cap = 20, QueueDropPolicy drop = QueueDropPolicy.Summarize) => new(mode, 500, cap, drop);

    private LaneEnqueueResult Send(string text, QueueMode mode, string? runId = null, int cap = 20, QueueDropPolicy drop = QueueDropPolicy.Summarize) =>
        Registry.Enqueue(Key, new LaneMessage(text) { RunId = runId ?? text, MessageId = text, RouteKey = "telegram:1" }, Mode(mode, cap, drop));

    private async Task<FakeLaneRunner.RunCall> StartBusyAsync(string text = "A")
    {
        Assert.Equal(LaneEnqueueResult.Started, Send(text, QueueMode.Steer));
        var call = await _runner.NextAsync();
        Assert.Equal(LaneTurnKind.Direct, call.Turn.Kind);
        Assert.Equal(text, call.Text);
        return call;
    }

    private async Task PassQuietWindowAsync(TimeSpan? by = null)
    {
        await Lane.WhenWaitingAsync();
        _time.Advance(by ?? TimeSpan.FromMilliseconds(500));
    }

    private async Task WhenRetiredAsync()
    {
        if (Registry.LaneFor(Key) is { } lane) await lane.Completion;
        Assert.Null(Registry.Snapshot(Key));
    }

    [Fact]
    public async Task Idle_session_runs_at_once_without_waiting_for_the_quiet_window()
    {
        var a = await StartBusyAsync();
        await a.CompleteAsync();
        await WhenRetiredAsync();
        Assert.Equal(0, Registry.LaneCount);
    }

    [Fact]
    public async Task Steer_hands_the_message_to_a_run_that_accepts_steering()
    {
        var a = await StartBusyAsync();
        a.Run.OpenSteering();

        Assert.Equal(LaneEnqueueResult.Steered, Send("B", QueueMode.Steer));
        Assert.True(a.Run.HasPendingSteering);
        Assert.Equal(["B"], a.Run.TakeSteering().Select(m => m.Text));

        await a.CompleteAsync();
        await WhenRetiredAsync();
        Assert.Single(_runner.Calls);
    }

    [Fact]
    public async Task Steering_can_be_taken_one_message_per_boundary()
    {
        var a = await StartBusyAsync();
        a.Run.OpenSteering();
        Send("B", QueueMode.Steer);
        Send("C", QueueMode.Steer);

        Assert.Equal(["B"], a.Run.TakeSteering(1).Select(m => m.Text));
        Assert.Equal(["C"], a.Run.TakeSteering().Select(m => m.Text));
        Assert.Empty(a.Run.TakeSteering());
    }

    [Fact]
    public async Task Steer_waits_for_the_run_to_end_when_it_cannot_take_steering()
    {
        var a = await StartBusyAsync();

        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Steer));
        await a.CompleteAsync();
        await PassQuietWindowAsync();

        var b = await _runner.NextAsync();
        Assert.Equal(LaneTurnKind.Followup, b.Turn.Kind);
        Assert.Equal("B", b.Text);
    }

    [Fact]
    public async Task Steering_the_run_never_took_comes_back_as_a_followup()
    {
        var a = await StartBusyAsync();
        a.Run.OpenSteering();
        Assert.Equal(LaneEnqueueResult.Steered, Send("B", QueueMode.Steer));

        await a.CompleteAsync();
        await PassQuietWindowAsync();

        var b = await _runner.NextAsync();
        Assert.Equal(("B", LaneTurnKind.Followup), (b.Text, b.Turn.Kind));
    }

    [Fact]
    public async Task Steer_queues_behind_messages_already_waiting()
    {
        var a = await StartBusyAsync();
        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));
        a.Run.OpenSteering();

        Assert.Equal(LaneEnqueueResult.Queued, Send("C", QueueMode.Steer));
        Assert.False(a.Run.HasPendingSteering);
    }

    [Fact]
    public async Task Followup_runs_each_message_as_its_own_turn_once_the_session_is_quiet()
    {
        var a = await StartBusyAsync();
        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));
        Assert.Equal(LaneEnqueueResult.Queued, Send("C", QueueMode.Followup));

        await a.CompleteAsync();
        await PassQuietWindowAsync(TimeSpan.FromMilliseconds(499));
        Assert.True(_runner.NothingStarted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var b = await _runner.NextAsync();
        Assert.Equal(("B", LaneTurnKind.Followup), (b.Text, b.Turn.Kind));
        await b.CompleteAsync();
        var c = await _runner.NextAsync();
        Assert.Equal(("C", LaneTurnKind.Followup), (c.Text, c.Turn.Kind));
        await c.CompleteAsync();
        await WhenRetiredAsync();
    }

    [Fact]
    public async Task Collect_coalesces_everything_that_arrives_before_the_session_goes_quiet()
    {
        var a = await StartBusyAsync();
        Registry.Enqueue(Key, new LaneMessage("B") { SenderLabel = "Ann", RouteKey = "r" }, Mode(QueueMode.Collect));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Registry.Enqueue(Key, new LaneMessage("C") { SenderLabel = "Bob", RouteKey = "r" }, Mode(QueueMode.Collect));

        await a.CompleteAsync();
        await PassQuietWindowAsync(TimeSpan.FromMilliseconds(400));
        Assert.True(_runner.NothingStarted);

        // A late message restarts the quiet window and joins the batch.
        Registry.Enqueue(Key, new LaneMessage("D") { RouteKey = "r" }, Mode(QueueMode.Collect));
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(_runner.NothingStarted);
        await PassQuietWindowAsync(TimeSpan.FromMilliseconds(400));

        var batch = await _runner.NextAsync();
        Assert.Equal(LaneTurnKind.Collected, batch.Turn.Kind);
        Assert.Equal(
            "[Queued messages while agent was busy]\n\n---\nQueued #1 (from Ann)\nB\n\n---\nQueued #2 (from Bob)\nC\n\n---\nQueued #3\nD",
            batch.Text);
        Assert.Equal(["B", "C", "D"], batch.Turn.Sources.Select(s => s.Text));
        await batch.CompleteAsync();
        await WhenRetiredAsync();
    }

    [Fact]
    public async Task Interrupt_cancels_the_active_run_token_and_runs_the_newest_message()
    {
        var a = await StartBusyAsync();

        Assert.Equal(LaneEnqueueResult.Interrupting, Send("B", QueueMode.Interrupt));
        await a.WhenCancelledAsync();
        Assert.True(a.Run.Cancellation.IsCancellationRequested);

        var b = await _runner.NextAsync();
        Assert.Equal(("B", LaneTurnKind.Direct), (b.Text, b.Turn.Kind));
        Assert.False(b.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Cancellation_callbacks_run_outside_the_lane_lock()
    {
        var a = await StartBusyAsync();
        var otherThreadGotIn = false;
        // Blocking on another thread that needs the lane would deadlock if the token fired under the lane's lock.
        a.Token.Register(() => otherThreadGotIn = Task.Run(() => Registry.Snapshot(Key)).Wait(TimeSpan.FromSeconds(30)));

        Assert.Equal(LaneEnqueueResult.Interrupting, Send("B", QueueMode.Interrupt));

        Assert.True(otherThreadGotIn);
    }

    [Fact]
    public async Task A_second_interrupt_replaces_the_first_before_it_starts()
    {
        _runner = new FakeLaneRunner(ignoreCancellation: true);
        var a = await StartBusyAsync();

        Assert.Equal(LaneEnqueueResult.Interrupting, Send("B", QueueMode.Interrupt));
        Assert.Equal(LaneEnqueueResult.Interrupting, Send("C", QueueMode.Interrupt));
        Assert.Equal([("B", LaneDiscardReason.Interrupted)], _runner.Discarded.Select(d => (d.Message.Text, d.Reason)));

        await a.CompleteAsync();
        var c = await _runner.NextAsync();
        Assert.Equal("C", c.Text);
    }

    [Fact]
    public async Task Interrupt_leaves_queued_followups_for_after_the_newest_message()
    {
        var a = await StartBusyAsync();
        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));

        // Something already waits, so even an interrupt-mode message keeps its place in line.
        Assert.Equal(LaneEnqueueResult.Queued, Send("C", QueueMode.Interrupt));
        Assert.False(a.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Summarize_at_the_cap_delivers_an_overflow_turn_before_the_survivors()
    {
        var a = await StartBusyAsync();
        foreach (var t in new[] { "m1", "m2", "m3", "m4", "m5" })
        {
            Assert.Equal(LaneEnqueueResult.Queued, Send(t, QueueMode.Followup, cap: 2));
        }
        await a.CompleteAsync();
        await PassQuietWindowAsync();

        var summary = await _runner.NextAsync();
        Assert.Equal(LaneTurnKind.OverflowSummary, summary.Turn.Kind);
        Assert.Equal("[Queue overflow] Dropped 3 messages due to cap.\nSummary:\n- m2\n- m3", summary.Text);
        Assert.Equal(["m1", "m2", "m3"], summary.Turn.Sources.Select(s => s.Text));
        await summary.CompleteAsync();
        var m4 = await _runner.NextAsync();
        await m4.CompleteAsync();
        var m5 = await _runner.NextAsync();
        Assert.Equal(["m4", "m5"], new[] { m4.Text, m5.Text });
        Assert.Empty(_runner.Discarded);
    }

    [Fact]
    public async Task Old_and_new_policies_at_the_cap()
    {
        var a = await StartBusyAsync();
        Assert.Equal(LaneEnqueueResult.Queued, Send("m1", QueueMode.Followup, cap: 1, drop: QueueDropPolicy.New));
        Assert.Equal(LaneEnqueueResult.QueueFull, Send("m2", QueueMode.Followup, cap: 1, drop: QueueDropPolicy.New));
        Assert.Equal(LaneEnqueueResult.Queued, Send("m3", QueueMode.Followup, cap: 1, drop: QueueDropPolicy.Old));
        Assert.Equal([("m1", LaneDiscardReason.QueueCap)], _runner.Discarded.Select(d => (d.Message.Text, d.Reason)));

        await a.CompleteAsync();
        await PassQuietWindowAsync();
        Assert.Equal("m3", (await _runner.NextAsync()).Text);
    }

    [Fact]
    public async Task Duplicate_message_ids_are_refused_while_queued()
    {
        var a = await StartBusyAsync();
        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));
        Assert.Equal(LaneEnqueueResult.Duplicate, Send("B", QueueMode.Followup));
        Assert.Equal(LaneEnqueueResult.Duplicate, Send("B", QueueMode.Steer));
        GC.KeepAlive(a);
    }

    [Fact]
    public async Task A_redelivered_message_that_already_queued_is_refused_for_five_minutes()
    {
        var a = await StartBusyAsync();
        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));
        await a.CompleteAsync();
        await PassQuietWindowAsync();
        var b = await _runner.NextAsync();

        // Busy with B's own turn: the same message id again is a redelivery.
        Assert.Equal(LaneEnqueueResult.Duplicate, Send("B", QueueMode.Followup));
        Assert.Equal(LaneEnqueueResult.Duplicate, Send("B", QueueMode.Steer));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));
        GC.KeepAlive(b);
    }

    [Fact]
    public async Task A_message_that_left_without_running_can_queue_again()
    {
        var a = await StartBusyAsync();
        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));
        Assert.True(Registry.TryCancel(Key, "B"));

        Assert.Equal(LaneEnqueueResult.Queued, Send("B", QueueMode.Followup));
        GC.KeepAlive(a);
    }

    [Fact]
    public async Task Cancel_by_run_id_withdraws_a_queued_message_or_stops_its_run()
    {
        var a = await StartBusyAsync();
        Send("B", QueueMode.Followup, runId: "run-b");

        Assert.True(Registry.TryCancel(Key, "run-b"));
        Assert.Equal([("B", LaneDiscardReason.Cancelled)], _runner.Discarded.Select(d => (d.Message.Text, d.Reason)));
        Assert.False(Registry.TryCancel(Key, "run-b"));

        Assert.True(Registry.TryCancel(Key, "A"));
        await a.WhenCancelledAsync();
        await WhenRetiredAsync();
        Assert.Single(_runner.Calls);
    }

    [Fact]
    public async Task Cancel_withdraws_a_pending_steer()
    {
        var a = await StartBusyAsync();
        a.Run.OpenSteering();
        Send("B", QueueMode.Steer, runId: "run-b");

        Assert.True(Registry.TryCancel(Key, "run-b"));
        Assert.Empty(a.Run.TakeSteering());
        Assert.False(a.Token.IsCancellationRequested);
    }

    [Fact]
    public async Task Abort_withdraws_queued_work_then_stops_the_active_run()
    {
        var a = await StartBusyAsync();
        Send("B", QueueMode.Followup);
        Send("C", QueueMode.Followup);

        Assert.Equal(2, Registry.Abort(Key));
        await a.WhenCancelledAsync();
        await WhenRetiredAsync();

        Assert.Equal([("B", LaneDiscardReason.SessionAborted), ("C", LaneDiscardReason.SessionAborted)], _runner.Discarded.Select(d => (d.Message.Text, d.Reason)));
        Assert.Single(_runner.Calls);
    }

    [Fact]
    public async Task Abort_during_the_quiet_window_retires_the_lane()
    {
        var a = await StartBusyAsync();
        Send("B", QueueMode.Followup);
        await a.CompleteAsync();
        await Lane.WhenWaitingAsync();

        Assert.Equal(1, Registry.Abort(Key));
        await WhenRetiredAsync();
        Assert.Single(_runner.Calls);
    }

    [Fact]
    public async Task A_failing_turn_is_reported_and_the_lane_carries_on()
    {
        var a = await StartBusyAsync();
        Send("B", QueueMode.Followup);
        a.Fail(new InvalidOperationException("boom"));
        await a.Ended.Task;
        await PassQuietWindowAsync();

        Assert.Equal("B", (await _runner.NextAsync()).Text);
        Assert.IsType<InvalidOperationException>(Assert.Single(_runner.Faults));
    }

    [Fact]
    public async Task Snapshot_reports_activity_depth_and_settings()
    {
        var a = await StartBusyAsync();
        Send("B", QueueMode.Collect, cap: 1);
        Send("C", QueueMode.Collect, cap: 1);

        var snapshot = Registry.Snapshot(Key)!;
        Assert.True(snapshot.IsActive);
        Assert.True(snapshot.IsRunning);
        Assert.Equal((1, 1, QueueMode.Collect), (snapshot.QueueDepth, snapshot.DroppedCount, snapshot.Settings.Mode));
        GC.KeepAlive(a);
    }
}
