using Pincer.Gateway.Sessions;

namespace Pincer.Gateway.Control.Methods;

/// <summary>Being built; registers no methods yet, so nothing is advertised or served.</summary>
internal sealed class SessionsWriteMethods(AgentStores stores) : IMethodGroup
{
    private readonly AgentStores _stores = stores;

    public IEnumerable<MethodRegistration> Methods() => _stores is null ? [] : [];
}
