using Pincer.Abstractions.Channels;

namespace Pincer.Routing.Bindings;

/// <summary>A binding's <c>match.peer</c>: none, an exact peer, or every peer of one kind (<c>id: "*"</c>).</summary>
internal sealed record PeerConstraint(PeerConstraintState State, ChatType Kind = ChatType.Direct, string Id = "")
{
    public static readonly PeerConstraint None = new(PeerConstraintState.None);
    public static readonly PeerConstraint Invalid = new(PeerConstraintState.Invalid);
}
