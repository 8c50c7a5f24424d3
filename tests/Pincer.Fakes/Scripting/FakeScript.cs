namespace Pincer.Fakes.Scripting;

/// <summary>
/// What the fake answers: a queue of replies per model id, one per API, a shared queue any request may take
/// from, and a fallback for when all are empty (so probes and retries never hit an unscripted hole). A reply
/// marked <see cref="FakeReply.Repeat"/> answers every request reaching it and never leaves its queue.
/// </summary>
public sealed class FakeScript
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FakeApi, Queue<FakeReply>> _byApi = [];
    private readonly Dictionary<string, Queue<FakeReply>> _byModel = new(StringComparer.Ordinal);
    private readonly Queue<FakeReply> _any = new();

    /// <summary>Model ids the listing endpoints (/v1/models, /api/tags, …) report.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["fake-model"];

    /// <summary>Answer when no scripted reply is left; null answers 500 with "script exhausted".</summary>
    public FakeReply? Fallback { get; init; } = FakeReply.Say("Fake reply.");

    /// <summary>Queues a reply for any API (only for its model's requests when <see cref="FakeReply.ForModel"/> is set).</summary>
    public FakeScript Then(FakeReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        lock (_gate)
        {
            if (reply.ForModel is { } model)
            {
                if (!_byModel.TryGetValue(model, out var queue))
                {
                    _byModel[model] = queue = new Queue<FakeReply>();
                }

                queue.Enqueue(reply);
            }
            else
            {
                _any.Enqueue(reply);
            }
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
                return _any.Count + _byApi.Values.Sum(q => q.Count) + _byModel.Values.Sum(q => q.Count);
            }
        }
    }

    internal FakeReply? Next(FakeApi api, string? model = null)
    {
        lock (_gate)
        {
            if (model is not null && _byModel.TryGetValue(model, out var forModel) && Take(forModel) is { } scoped)
            {
                return scoped;
            }

            if (_byApi.TryGetValue(api, out var queue) && Take(queue) is { } own)
            {
                return own;
            }

            return Take(_any) ?? Fallback;
        }
    }

    private static FakeReply? Take(Queue<FakeReply> queue) =>
        !queue.TryPeek(out var head) ? null : head.Repeat ? head : queue.Dequeue();
}
