using Pincer.Gateway.Configuration;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Read;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// The read side of the <c>sessions.*</c> family and the transcript reads of <c>chat.*</c>: everything
/// here is answered from the agent stores alone, without the agent loop.
/// </summary>
internal sealed class SessionsReadMethods(AgentStores stores, ConfigState config, GatewayRuntime runtime, TimeProvider time) : IMethodGroup
{
    private readonly SessionListReader _list = new(stores, config, runtime, time);

    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("sessions.list", "SessionsListParamsSchema", async (r, ct) => await _list.ListAsync(r.Params, ct).ConfigureAwait(false)),
    ];
}
