namespace Pincer.Routing;

/// <summary>An owner (agent id or session key) the config names, or the refusal that replaces it.</summary>
public sealed record Resolution(string? Value, RouteRefusal? Refusal)
{
    public bool Succeeded => Value is not null;

    internal static Resolution Of(string value) => new(value, null);

    internal static Resolution Refuse(RouteRefusal refusal) => new(null, refusal);

    internal Resolution Then(Func<string, string> map) => Value is { } value ? Of(map(value)) : this;
}
