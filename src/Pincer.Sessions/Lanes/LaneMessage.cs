namespace Pincer.Sessions.Lanes;

/// <summary>
/// One inbound prompt offered to a session lane. The lane reads only the routing and identity fields;
/// <see cref="Payload"/> travels untouched to the runner.
/// </summary>
public sealed class LaneMessage
{
    /// <param name="text">The prompt body the model would see for this message alone.</param>
    public LaneMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    /// <summary>The prompt body.</summary>
    public string Text { get; }

    /// <summary>Cancel identity (the client's <c>runId</c>): <c>chat.abort</c> withdraws the message by it while queued.</summary>
    public string? RunId { get; init; }

    /// <summary>Channel message id; a second copy with the same id and route is refused while the first is queued.</summary>
    public string? MessageId { get; init; }

    /// <summary>Who sent it, shown in a collected turn as <c>(from …)</c>.</summary>
    public string? SenderLabel { get; init; }

    /// <summary>
    /// Where the reply goes (channel + target + account + thread). Queued messages with different routes are never
    /// coalesced into one collect turn. Null when the message has no routable origin.
    /// </summary>
    public string? RouteKey { get; init; }

    /// <summary>
    /// Everything else that must match for two queued messages to share one turn (sender authority, model,
    /// tool policy, …). Only adjacent messages with equal keys are collected or summarized together.
    /// Null means "same as <see cref="RouteKey"/>".
    /// </summary>
    public string? ContextKey { get; init; }

    /// <summary>Opaque data for the runner (the inbound envelope, the <c>chat.send</c> params, …).</summary>
    public object? Payload { get; init; }

    internal string DeliveryContext => ContextKey ?? RouteKey ?? string.Empty;

    /// <summary>Arrival order within the lane; set when the lane accepts the message.</summary>
    internal long Sequence { get; set; }
}
