namespace Pincer.Gateway.Agents;

/// <summary>What a queued message carries to the turn runner: its run and who sent it.</summary>
/// <param name="Run">The accepted run this message starts.</param>
/// <param name="StoreKey">The session's key as stored (<c>agent:main:main</c>).</param>
/// <param name="Message">The user's text.</param>
/// <param name="IdempotencyKey">The caller's key; the user entry is stamped <c>&lt;key&gt;:user</c>.</param>
/// <param name="ClientId">The sending client's id (<c>cli</c>, <c>openclaw-control-ui</c>, …).</param>
/// <param name="ClientMode">The sending client's mode.</param>
/// <param name="SenderIsOwner">Whether the sender holds owner authority (operator write/admin).</param>
/// <param name="ThinkingOverride">The <c>thinking</c> given with this message, if any.</param>
internal sealed record TurnInput(
    ChatRun Run,
    string StoreKey,
    string Message,
    string IdempotencyKey,
    string ClientId,
    string ClientMode,
    bool SenderIsOwner,
    string? ThinkingOverride);
