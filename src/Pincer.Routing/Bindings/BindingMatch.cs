namespace Pincer.Routing.Bindings;

/// <summary>
/// A binding's normalised <c>match</c>. Every field it sets must hold for the binding to apply.
/// <see cref="Roles"/> entries that were not strings are null and never match a member role.
/// </summary>
internal sealed record BindingMatch(
    string AccountPattern,
    PeerConstraint Peer,
    string? GuildId,
    string? TeamId,
    IReadOnlyList<string?>? Roles);
