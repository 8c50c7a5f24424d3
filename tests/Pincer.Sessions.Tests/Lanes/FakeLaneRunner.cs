using System.Collections.Concurrent;
using System.Threading.Channels;
using Pincer.Sessions.Lanes;

namespace Pincer.Sessions.Tests.Lanes;

/// <summary>A runner whose turns last until the test completes them (or, with <c>autoComplete</c>, return at once).</summary>
internal sealed class FakeLaneRunner(bool autoComplete = false, bool ignoreCancellation = false) : ILaneRunner
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);
    private readonly Channel<RunCall> _started = Channel.CreateUnbounded<RunCall>();

    public ConcurrentQueue<RunCall> Calls { get; } = new();

    public ConcurrentQueue<(string SessionKey, LaneMessage Message, LaneDiscardReason Reason)> Discarded { get; } = new();

    public ConcurrentQueue<Exception> Faults { get; } = new();

    public async Task RunAsync(LaneTurn turn, ActiveRun run, CancellationToken cancellationToken)
    {
        var call = new RunCall(turn, run, cancellationToken);
        Calls.Enqueue(call);
        _started.Writer.TryWrite(call);
        try
        {
            if (autoComplete)
            {
                return;
            }
            await (ignoreCancellation ? call.Released.Task : call.Released.Task.WaitAsync(cancellationToken));
        }
        finally
        {
            call.Ended.TrySetResult();
        }
    }

    public void OnDiscarded(string sessionKey, LaneMessage message, LaneDiscardReason reason) =>
        Discarded.Enqueue((sessionKey, message, reason));

    public void OnRunFaulted(string sessionKey, LaneTurn turn, Exception error) => Faults.Enqueue(error);

    /// <summary>The next turn handed to the runner (waits for it; the guard only stops a broken test from hanging).</summary>
    public async Task<RunCall> NextAsync() => await _started.Reader.ReadAsync().AsTask().WaitAsync(HangGuard);

    /// <summary>True when no turn has started since the last <see cref="NextAsync"/>.</summary>
    public bool NothingStarted => !_started.Reader.TryPeek(out _);

    internal sealed class RunCall(LaneTurn turn, ActiveRun run, CancellationToken token)
    {
        public LaneTurn Turn { get; } = turn;

        public ActiveRun Run { get; } = run;

        public CancellationToken Token { get; } = token;

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Text => Turn.Prompt;

        public void Complete() => Released.TrySetResult();

        public void Fail(Exception error) => Released.TrySetException(error);

        /// <summary>Completes the turn and waits until the lane has it back.</summary>
        public async Task CompleteAsync()
        {
            Complete();
            await Ended.Task.WaitAsync(HangGuard);
        }

        public Task WhenCancelledAsync()
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Token.Register(() => tcs.TrySetResult());
            return tcs.Task.WaitAsync(HangGuard);
        }
    }
}
