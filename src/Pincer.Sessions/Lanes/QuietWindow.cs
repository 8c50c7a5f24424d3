namespace Pincer.Sessions.Lanes;

/// <summary>
/// The worker's wait for a quiet queue: a one-shot timer on the lane's <see cref="TimeProvider"/> that an abort can
/// cut short. The timer exists as soon as <see cref="WaitAsync"/> returns, so a test that observes the wait
/// (<see cref="WhenWaitingAsync"/>) can advance a fake clock without racing its creation.
/// </summary>
internal sealed class QuietWindow(TimeProvider time)
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;
    private TaskCompletionSource? _waitingSignal;

    /// <summary>Waits <paramref name="duration"/>, or less if <see cref="Wake"/> is called.</summary>
    public Task WaitAsync(TimeSpan duration)
    {
        var cts = new CancellationTokenSource();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = time.CreateTimer(_ => End(cts, done), null, duration, Timeout.InfiniteTimeSpan);
        var registration = cts.Token.Register(() => End(cts, done));
        lock (_lock)
        {
            // Only now, with the timer armed, is the wait observable.
            if (!done.Task.IsCompleted)
            {
                _current = cts;
                _waitingSignal?.TrySetResult();
                _waitingSignal = null;
            }
        }
        return AwaitAsync(done.Task, timer, registration, cts);
    }

    /// <summary>Ends the current wait early (abort, shutdown, withdrawn messages).</summary>
    public void Wake()
    {
        CancellationTokenSource? current;
        lock (_lock) current = _current;
        try
        {
            current?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait already ended.
        }
    }

    /// <summary>Completes when a wait is in progress (now or next).</summary>
    public Task WhenWaitingAsync()
    {
        lock (_lock)
        {
            if (_current is not null) return Task.CompletedTask;
            _waitingSignal ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waitingSignal.Task;
        }
    }

    private static async Task AwaitAsync(Task done, ITimer timer, CancellationTokenRegistration registration, CancellationTokenSource cts)
    {
        await done.ConfigureAwait(false);
        await registration.DisposeAsync().ConfigureAwait(false);
        await timer.DisposeAsync().ConfigureAwait(false);
        cts.Dispose();
    }

    private void End(CancellationTokenSource cts, TaskCompletionSource done)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_current, cts)) _current = null;
            done.TrySetResult();
        }
    }
}
