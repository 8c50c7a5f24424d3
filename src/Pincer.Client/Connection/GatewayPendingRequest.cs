using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Protocol.Errors;

namespace Pincer.Client.Connection;

/// <summary>One request waiting for its response frame.</summary>
internal sealed class GatewayPendingRequest(string method, bool expectFinal, Action<JsonNode?>? onAccepted)
{
    private readonly TaskCompletionSource<JsonNode?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _acceptedNotified;

    public Task<JsonNode?> Completion => _completion.Task;

    /// <summary>Called from the receive loop only, so the accepted flag needs no lock.</summary>
    public void Complete(JsonObject frame)
    {
        var ok = frame["ok"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        var payload = frame["payload"];
        if (ok && expectFinal && payload is JsonObject p && p["status"] is JsonValue st
            && st.GetValueKind() == JsonValueKind.String && st.GetValue<string>() == "accepted")
        {
            if (!_acceptedNotified)
            {
                _acceptedNotified = true;
                onAccepted?.Invoke(payload);
            }

            return;
        }

        if (ok)
        {
            _completion.TrySetResult(payload?.DeepClone());
            return;
        }

        _completion.TrySetException(new GatewayRequestException(method, ReadError(frame["error"])));
    }

    public void Fail(Exception error) => _completion.TrySetException(error);

    private static RpcError ReadError(JsonNode? node)
    {
        if (node is not JsonObject e)
        {
            return new RpcError(ErrorCodes.Unavailable, "gateway returned an error without an error shape");
        }

        var code = e["code"] is JsonValue c && c.GetValueKind() == JsonValueKind.String ? c.GetValue<string>() : ErrorCodes.Unavailable;
        var message = e["message"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : code;
        return new RpcError(code, message)
        {
            Details = e["details"]?.DeepClone(),
            Retryable = e["retryable"] is JsonValue r && r.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? r.GetValue<bool>() : null,
            RetryAfterMs = e["retryAfterMs"] is JsonValue ra && ra.TryGetValue<long>(out var ms) ? ms : null,
        };
    }
}
