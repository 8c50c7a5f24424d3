namespace Pincer.Sessions.Lanes;

/// <summary>
/// A first-come, first-served slot counter shared by every session lane of one global lane, so no more
/// than the configured number of runs execute at once and a waiting session is not overtaken.
/// </summary>
internal sealed class ConcurrencyGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _watchers = [];
    private int _limit;
    private int _active;

    public ConcurrencyGate(int limit) => _limit = Math.Max(1, limit);

    public int Active
    {
        get { lock (_lock) return _active; }
    }

    public int Waiting
    {
        get { lock (_lock) return _waiters.Count; }
    }

    public int Limit
    {
        get { lock (_lock) return _limit; }
    }

    public ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        LinkedListNode<TaskCompletionSource> node;
        lock (_lock)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_active < _limit && _waiters.Count == 0)
            {
                _active++;
                return ValueTask.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
            NotifyWatchers();
        }
        return new ValueTask(WaitQueuedAsync(waiter, node, cancellationToken));
    }

    public void Release()
    {
        lock (_lock)
        {
            // Hand the slot straight to the oldest waiter, so the active count never dips and lets a newcomer cut in.
            if (_active <= _limit)
            {
                while (_waiters.First is { } first)
                {
                    _waiters.RemoveFirst();
                    if (first.Value.TrySetResult())
                    {
                        return;
                    }
                }
            }
            _active--;
        }
    }

    /// <summary>Applies a new limit (config reload); a raise lets waiters in at once.</summary>
    public void SetLimit(int limit)
    {
        lock (_lock)
        {
            _limit = Math.Max(1, limit);
            while (_active < _limit && _waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                if (first.Value.TrySetResult())
                {
                    _active++;
                }
            }
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> callers are queued (a synchronization point for tests).</summary>
    internal Task WhenWaiting(int count)
    {
        lock (_lock)
        {
            if (_waiters.Count >= count) return Task.CompletedTask;
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watchers.Add((count, signal));
            return signal.Task;
        }
    }

    private async Task WaitQueuedAsync(TaskCompletionSource waiter, LinkedListNode<TaskCompletionSource> node, CancellationToken cancellationToken)
    {
        using var registration = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                    waiter.TrySetCanceled(cancellationToken);
                }
            }
        });
        await waiter.Task.ConfigureAwait(false);
    }

    private void NotifyWatchers()
    {
        for (var i = _watchers.Count - 1; i >= 0; i--)
        {
            if (_waiters.Count >= _watchers[i].Count)
            {
                _watchers[i].Signal.TrySetResult();
                _watchers.RemoveAt(i);
            }
        }
    }
}
