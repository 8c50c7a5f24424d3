using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Events;
using Pincer.Protocol.Catalog;
using Pincer.Protocol.Errors;
using Pincer.Protocol.Validation;

namespace Pincer.Gateway.Control;

/// <summary>
/// Admits one request and runs its handler: role → scope (before lookup) → lookup → params
/// schema → control-plane write limit → idempotency → handler. Every refusal is the reference's
/// error shape; handler exceptions never escape.
/// </summary>
internal sealed class MethodRouter(MethodRegistry registry, WriteRateLimiter writeLimiter, IdempotencyCache idempotency, RequestActivity activity, ILogger<MethodRouter> logger)
{
    private const int MaxConsecutiveRoleErrors = 10;

    public async Task DispatchAsync(GatewayConnection connection, string id, string method, JsonNode? rawParams, CancellationToken cancellationToken)
    {
        var error = Admit(connection, method, rawParams, out var registration, out var parameters);
        if (error is not null)
        {
            Respond(connection, id, null, error);
            return;
        }

        var request = new RequestContext(connection, id, method, parameters);
        activity.Begin();
        try
        {
            var key = (string?)(parameters["idempotencyKey"] as JsonValue);
            var payload = key is null || registration!.OwnsIdempotency
                ? await registration!.Handler(request, cancellationToken).ConfigureAwait(false)
                : await idempotency.RunAsync(method, key, () => registration!.Handler(request, cancellationToken)).ConfigureAwait(false);
            Respond(connection, id, payload, null);
            foreach (var after in request.AfterResponse)
            {
                after();
            }
        }
        catch (RpcException rpc)
        {
            connection.Send(FrameWriter.Error(id, rpc.Error, rpc.Payload));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection went away; nobody is left to answer.
        }
        catch (Exception ex)
        {
            GatewayLog.HandlerFailed(logger, method, ex);
            Respond(connection, id, null, RpcError.Unavailable(ex.Message));
        }
        finally
        {
            activity.End();
        }
    }

    private RpcError? Admit(GatewayConnection connection, string method, JsonNode? rawParams, out MethodRegistration? registration, out JsonObject parameters)
    {
        registration = null;
        parameters = rawParams as JsonObject ?? [];
        if (method == "health")
        {
            registration = registry.Find(method);
            return null;
        }

        var isNodeMethod = ScopePolicy.IsNodeMethod(method);
        if (connection.Role == "node" ? !isNodeMethod : isNodeMethod)
        {
            return RoleError(connection);
        }

        connection.ResetRoleErrors();
        if (connection.Role == "operator" && !connection.Scopes.Contains(OperatorScopes.Admin))
        {
            var required = ScopePolicy.Required(method, parameters);
            if (required is not null && !ScopePolicy.Satisfied(method, required, connection.Scopes))
            {
                return RpcError.MissingScope(required);
            }
        }

        if (method == "connect")
        {
            return RpcError.InvalidRequest("connect is only valid as the first request");
        }

        registration = registry.Find(method);
        if (registration is null)
        {
            return RpcError.UnknownMethod(method);
        }

        if (registration.ParamsSchema is { } schema)
        {
            var errors = SchemaValidator.ForSchema(schema).Validate(rawParams ?? new JsonObject());
            if (errors.Count > 0)
            {
                return RpcError.InvalidRequest($"invalid {method} params: {ValidationMessage.Format(errors)}");
            }
        }

        if (ProtocolCatalog.Find(method) is { ControlPlaneWrite: true })
        {
            var subject = connection.Client?.DeviceId ?? connection.RemoteAddress?.ToString() ?? "unknown";
            if (writeLimiter.TryAcquire(method, subject) is { } retryAfterMs)
            {
                return new RpcError(ErrorCodes.Unavailable, $"rate limit exceeded for {method}; retry after {(retryAfterMs + 999) / 1000}s")
                {
                    Retryable = true,
                    RetryAfterMs = retryAfterMs,
                    Details = new JsonObject { ["method"] = method, ["limit"] = "30 per 60s" },
                };
            }
        }

        return null;
    }

    private static RpcError RoleError(GatewayConnection connection)
    {
        if (connection.CountRoleError() > MaxConsecutiveRoleErrors)
        {
            connection.RequestClose(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "repeated unauthorized calls");
        }

        return RpcError.InvalidRequest($"unauthorized role: {connection.Role}");
    }

    private static void Respond(GatewayConnection connection, string id, JsonNode? payload, RpcError? error) =>
        connection.Send(error is null ? FrameWriter.Response(id, payload) : FrameWriter.Error(id, error));
}
