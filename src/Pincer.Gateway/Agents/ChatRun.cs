namespace Pincer.Gateway.Agents;

/// <summary>
/// A run the gateway accepted (<c>chat.send</c>, <c>agent</c>, <c>sessions.send</c>): its identity, the model the
/// caller asked for, and its end, which <c>agent.wait</c> awaits.
/// </summary>
internal sealed class ChatRun
{
    private readonly TaskCompletionSource<ChatRunResult> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string RunId { get; init; }

    public required string SessionKey { get; init; }

    public required string AgentId { get; init; }

    public required long AcceptedAtMs { get; init; }

    /// <summary>Which door the run came through; it shapes the session it creates and what it reports.</summary>
    public TurnOrigin Origin { get; init; } = TurnOrigin.Operator;

    /// <summary>
    /// A queued operator message's turn, run by the reply dispatcher under an id of its own once the lane drains
    /// (the message's own run was acknowledged when it was queued): no chat status marks, every lifecycle mark
    /// names the dispatcher, and the final carries the reply without a last delta.
    /// </summary>
    public bool ReplyDispatch { get; init; }

    public string? RequestedProvider { get; set; }

    public string? RequestedModel { get; set; }

    public long? StartedAtMs { get; set; }

    /// <summary>Who stopped the run, as the chat event's stop reason: <c>rpc</c> for <c>chat.abort</c>.</summary>
    public string AbortReason { get; set; } = "rpc";

    /// <summary>Completes once, when the run ended (or never started).</summary>
    public Task<ChatRunResult> Ended => _ended.Task;

    public bool IsEnded => _ended.Task.IsCompleted;

    /// <summary>Told once, on the ending thread, when the run ends (the registry's bookkeeping).</summary>
    internal Action<ChatRun>? EndObserver { get; set; }

    public void End(ChatRunResult result)
    {
        if (_ended.TrySetResult(result))
        {
            EndObserver?.Invoke(this);
        }
    }
}
