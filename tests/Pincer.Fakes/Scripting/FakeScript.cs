namespace Pincer.Fakes.Scripting;

/// <summary>
/// What the fake answers: a queue of replies per API, a shared queue any API may take from, and a
/// fallback for when both are empty (so probes and retries never hit an unscripted hole).
/// </summary>
public sealed class FakeScript
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FakeApi, Queue<FakeReply>> _byApi = [];
    private readonly Queue<FakeReply> _any = new();

    /// <summary>Model ids the listing endpoints (/v1/models, /api/tags, …) report.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["fake-model"];

    /// <summary>Answer when no scripted reply is left; null answers 500 with "script exhausted".</summary>
    public FakeReply? Fallback { get; init; } = FakeReply.Say("Fake reply.");

    /// <summary>Queues a reply for any API.</summary>
    public FakeScript Then(FakeReply reply)
    {
        lock (_gate)
        {
            _any.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Queues a reply only <paramref name="api"/> requests take.</summary>
    public FakeScript Then(FakeApi api, FakeReply reply)
    {
        lock (_gate)
        {
            if (!_byApi.TryGetValue(api, out var queue))
            {
                _byApi[api] = queue = new Queue<FakeReply>();
            }

            queue.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Replies still waiting, over all queues.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _any.Count + _byApi.Values.Sum(q => q.Count);
            }
        }
    }

    internal FakeReply? Next(FakeApi api)
    {
        lock (_gate)
        {
            if (_byApi.TryGetValue(api, out var queue) && queue.TryDequeue(out var own))
            {
                return own;
            }

            return _any.TryDequeue(out var shared) ? shared : Fallback;
        }
    }
}
