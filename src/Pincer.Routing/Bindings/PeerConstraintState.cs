namespace Pincer.Routing.Bindings;

internal enum PeerConstraintState
{
    None,

    /// <summary>Unknown kind or blank id: the whole binding is ignored.</summary>
    Invalid,

    WildcardKind,
    Valid,
}
