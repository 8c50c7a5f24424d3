using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Pincer.Bench;

/// <summary>Stopwatch timestamps of one <c>chat.send</c> turn, as seen by the client.</summary>
internal sealed class TurnTiming
{
    public long Sent;
    public long Acked;
    public long FirstDelta;
    public long Final;
    public int Deltas;
    public string? FinalState;
    public string? Error;
    internal readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public double SendToFirstDeltaMs => FirstDelta == 0 ? double.NaN : Ms(Sent, FirstDelta);
    public double SendToFinalMs => Final == 0 ? double.NaN : Ms(Sent, Final);
    public double SendToAckMs => Acked == 0 ? double.NaN : Ms(Sent, Acked);

    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}

/// <summary>
/// One operator connection running many turns at once: a single receive loop stamps each frame on
/// arrival, then routes the chat.send response by request id and <c>chat</c> events by runId (the
/// idempotencyKey). A turn ends at its first terminal chat event (final, error or aborted).
/// </summary>
internal sealed class TurnClient : IAsyncDisposable
{
    private readonly GatewayConnection _conn;
    private readonly ConcurrentDictionary<string, TurnTiming> _byRunId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TurnTiming> _byRequestId = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _nextId;
    private Exception? _pumpError;

    public long FramesReceived { get; private set; }

    private long _turnsRun;

    /// <summary>Turns this client has run to an end (any outcome) — the gateway's cumulative load.</summary>
    public long TurnsRun => Interlocked.Read(ref _turnsRun);

    private TurnClient(GatewayConnection conn)
    {
        _conn = conn;
        _pump = Task.Run(PumpAsync);
    }

    public static async Task<TurnClient> ConnectAsync(GatewayProcess gw, string token, CancellationToken ct) =>
        new(await SteadyStateBenchmark.ConnectAsync(gw, token, ct));

    /// <summary>Sends chat.send and waits for the terminal chat event (or the timeout).</summary>
    public async Task<TurnTiming> RunTurnAsync(string sessionKey, string message, string idempotencyKey, TimeSpan timeout, CancellationToken ct)
    {
        var turn = new TurnTiming();
        var requestId = "t" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        _byRunId[idempotencyKey] = turn;
        _byRequestId[requestId] = turn;
        var frame = "{\"type\":\"req\",\"id\":\"" + requestId + "\",\"method\":\"chat.send\",\"params\":{\"sessionKey\":"
            + JsonValue.Create(sessionKey).ToJsonString() + ",\"message\":" + JsonValue.Create(message).ToJsonString()
            + ",\"idempotencyKey\":" + JsonValue.Create(idempotencyKey).ToJsonString() + "}}";
        turn.Sent = Stopwatch.GetTimestamp();
        await _conn.SendTextAsync(frame, ct);
        try
        {
            await turn.Done.Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            turn.Error ??= $"no terminal chat event within {timeout.TotalSeconds:F0} s";
        }
        Interlocked.Increment(ref _turnsRun);
        _byRunId.TryRemove(idempotencyKey, out _);
        _byRequestId.TryRemove(requestId, out _);
        if (_pumpError is not null)
        {
            throw new InvalidOperationException("connection failed: " + _pumpError.Message, _pumpError);
        }
        return turn;
    }

    private async Task PumpAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var frame = await _conn.ReceiveFrameAsync(_stop.Token);
                var at = Stopwatch.GetTimestamp();
                if (frame.IsEmpty)
                {
                    throw new InvalidOperationException("gateway closed the connection");
                }
                FramesReceived++;
                var f = TurnFrame.Parse(frame.Span);
                if (f.IsResponse && f.Id is not null && _byRequestId.TryGetValue(f.Id, out var byReq))
                {
                    byReq.Acked = at;
                    if (!f.Ok)
                    {
                        byReq.Error = "chat.send failed: " + System.Text.Encoding.UTF8.GetString(frame.Span[..Math.Min(frame.Length, 600)]);
                        byReq.Done.TrySetResult();
                    }
                }
                else if (f.IsChatEvent && f.RunId is not null && _byRunId.TryGetValue(f.RunId, out var turn))
                {
                    if (f.State == "delta")
                    {
                        turn.Deltas++;
                        if (turn.FirstDelta == 0)
                        {
                            turn.FirstDelta = at;
                        }
                    }
                    else if (f.State is "final" or "error" or "aborted" && turn.Final == 0)
                    {
                        turn.Final = at;
                        turn.FinalState = f.State;
                        if (f.State != "final")
                        {
                            turn.Error = "chat state " + f.State + ": " + System.Text.Encoding.UTF8.GetString(frame.Span[..Math.Min(frame.Length, 600)]);
                        }
                        turn.Done.TrySetResult();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // disposing
        }
        catch (Exception ex)
        {
            _pumpError = ex;
            foreach (var t in _byRunId.Values)
            {
                t.Error ??= ex.Message;
                t.Done.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _conn.Dispose();
        try
        {
            await _pump;
        }
        catch (Exception)
        {
            // already recorded
        }
        _stop.Dispose();
    }
}
