using System.Diagnostics;
using System.Reflection;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;

namespace Pincer.Bench;

/// <summary>
/// One gateway's zero-delay fake OpenAI-compatible provider, with timestamps of every generate
/// request (arrival once its body is read, end once the answer is written) and the peak number in
/// flight at once — the concurrency the gateway actually runs model calls at.
/// </summary>
internal sealed class FakeModelProbe : IAsyncDisposable
{
    /// <summary>What every turn answers: a short sentence streamed as a few deltas.</summary>
    public const string ReplyText = "Crabs live in the sea and on beaches.";

    public const int ReplyChunks = 3;

    // FakeModelServer keeps every request (raw body + parsed JSON) for tests to assert on. Over
    // 10,000 turns with full system prompts and tool schemas that is gigabytes in the harness, so the
    // list is emptied between batches. Pincer.Fakes has no public way to do that yet.
    private static readonly FieldInfo RequestsField = typeof(FakeModelServer).GetField("_requests", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new MissingFieldException(nameof(FakeModelServer), "_requests");

    private static readonly FieldInfo GateField = typeof(FakeModelServer).GetField("_gate", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new MissingFieldException(nameof(FakeModelServer), "_gate");

    private readonly Lock _lock = new();
    private readonly List<(long Arrived, long Ended)> _generations = [];
    private int _inFlight;

    private FakeModelProbe(FakeModelServer server) => Server = server;

    public FakeModelServer Server { get; }

    public string BaseUrl => Server.BaseUrl;

    public int PeakInFlight { get; private set; }

    public int OtherRequests { get; private set; }

    public static async Task<FakeModelProbe> StartAsync(CancellationToken ct)
    {
        var script = new FakeScript { Fallback = FakeReply.Say(ReplyText, ReplyChunks) };
        var server = await FakeModelServer.StartAsync(script, cancellationToken: ct);
        var probe = new FakeModelProbe(server);
        server.OnRecorded = probe.OnRecorded;
        return probe;
    }

    private void OnRecorded(RecordedRequest request)
    {
        var arrived = Stopwatch.GetTimestamp();
        if (request.Api is null)
        {
            lock (_lock)
            {
                OtherRequests++;
            }
            return;
        }
        int slot;
        lock (_lock)
        {
            slot = _generations.Count;
            _generations.Add((arrived, 0));
            _inFlight++;
            PeakInFlight = Math.Max(PeakInFlight, _inFlight);
        }
        request.Ended.ContinueWith(_ =>
        {
            var ended = Stopwatch.GetTimestamp();
            lock (_lock)
            {
                if (slot < _generations.Count && _generations[slot].Arrived == arrived)
                {
                    _generations[slot] = (arrived, ended);
                }
                _inFlight--;
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Generate requests recorded since <see cref="Reset"/>, in arrival order.</summary>
    public List<(long Arrived, long Ended)> Generations()
    {
        lock (_lock)
        {
            return [.. _generations];
        }
    }

    /// <summary>Forgets our timestamps and the fake's recorded requests (bounded harness memory).</summary>
    public void Reset(bool resetPeak = false)
    {
        lock (_lock)
        {
            _generations.Clear();
            if (resetPeak)
            {
                PeakInFlight = _inFlight;
            }
        }
        var gate = (Lock)GateField.GetValue(Server)!;
        var requests = (List<RecordedRequest>)RequestsField.GetValue(Server)!;
        lock (gate)
        {
            requests.Clear();
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
