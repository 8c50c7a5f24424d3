namespace Pincer.Gateway.Control;

/// <summary>A served method: its handler and the reference schema its params are validated against (null: ad hoc).</summary>
internal sealed record MethodRegistration(string Name, string? ParamsSchema, MethodHandler Handler);
