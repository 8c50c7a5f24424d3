namespace Pincer.Fakes.Scripting;

/// <summary>
/// One scripted answer. Whether it goes out streamed or as one JSON body is the request's choice
/// (the `stream` flag, or Gemini's streamGenerateContent path), as with the real APIs.
/// </summary>
public sealed record FakeReply
{
    /// <summary>Assistant text (may be empty when the reply is only tool calls).</summary>
    public string? Text { get; init; }

    /// <summary>How many deltas the text (and each tool call's arguments) is split into when streamed.</summary>
    public int Chunks { get; init; } = 2;

    /// <summary>Reasoning / thinking text, sent where the API has a place for it.</summary>
    public string? Thinking { get; init; }

    /// <summary>Anthropic thinking signature (and Gemini thoughtSignature); a fixed fake one when null.</summary>
    public string? ThinkingSignature { get; init; }

    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    public FakeUsage Usage { get; init; } = FakeUsage.Default;

    /// <summary>Overrides the stop/finish reason the wire would derive (stop vs tool calls).</summary>
    public string? StopReason { get; init; }

    /// <summary>When set, the reply is this provider error instead of a completion.</summary>
    public FakeErrorKind? Error { get; init; }

    /// <summary>Overrides the error message text inside the provider's error body.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Seconds for the retry-after header of rate-limit errors.</summary>
    public int RetryAfterSeconds { get; init; } = 7;

    /// <summary>Streamed requests: answer 200 and deliver the error as an in-stream event instead.</summary>
    public bool ErrorInStream { get; init; }

    /// <summary>Never answer; the request ends only when the client gives up (abort tests).</summary>
    public bool Hang { get; init; }

    /// <summary>Streamed requests: send this many content deltas, then stall until the client gives up.</summary>
    public int? StallAfterChunks { get; init; }

    /// <summary>Streamed requests: wait this long before each content delta after the first (a slow stream).</summary>
    public int ChunkDelayMs { get; init; }

    /// <summary>When set, only requests for this model id take the reply (failover tests: one model fails, another answers).</summary>
    public string? ForModel { get; init; }

    /// <summary>The reply answers every request that reaches it and stays queued (a provider that keeps failing).</summary>
    public bool Repeat { get; init; }

    public static FakeReply Say(string text, int chunks = 2) => new() { Text = text, Chunks = chunks };

    public static FakeReply CallTools(params FakeToolCall[] calls) => new() { ToolCalls = calls };

    public static FakeReply Fail(FakeErrorKind kind) => new() { Error = kind };

    public static FakeReply HangUntilCancelled() => new() { Hang = true };

    public static FakeReply StreamThenStall(string text, int chunks, int stallAfter) =>
        new() { Text = text, Chunks = chunks, StallAfterChunks = stallAfter };
}
