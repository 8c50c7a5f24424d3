namespace Pincer.Routing.Groups;

/// <summary>A parsed <c>/activation</c> command; <see cref="Mode"/> is <c>mention</c>, <c>always</c> or null.</summary>
public sealed record ActivationCommand(bool HasCommand, string? Mode)
{
    public static readonly ActivationCommand None = new(false, null);
}
