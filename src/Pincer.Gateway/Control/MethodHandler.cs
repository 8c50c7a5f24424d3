using System.Text.Json.Nodes;

namespace Pincer.Gateway.Control;

/// <summary>A served RPC method: returns the response payload or throws <see cref="Protocol.Errors.RpcException"/>.</summary>
internal delegate ValueTask<JsonNode?> MethodHandler(RequestContext request, CancellationToken cancellationToken);
