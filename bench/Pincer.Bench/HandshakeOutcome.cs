namespace Pincer.Bench;

/// <summary>Result of one connect attempt: hello-ok, a retryable refusal (gateway starting), or a failure.</summary>
internal sealed record HandshakeOutcome(bool Ok, bool Retryable, string Detail, int HelloBytes);
