namespace Pincer.Gateway.Control;

/// <summary>A served method: its handler and the reference schema its params are validated against (null: ad hoc).</summary>
internal sealed record MethodRegistration(string Name, string? ParamsSchema, MethodHandler Handler)
{
    /// <summary>
    /// The handler dedupes its own <c>idempotencyKey</c> (turns: a repeat while the run lives answers
    /// <c>in_flight</c>, a repeat after it ended starts a new run), so the router's result cache stays out.
    /// </summary>
    public bool OwnsIdempotency { get; init; }
}
