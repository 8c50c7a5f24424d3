using System.Globalization;
using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Wire;

/// <summary>OpenAI's error envelope `{"error":{message,type,param,code}}` with its real statuses and messages.</summary>
internal static class OpenAiErrors
{
    public static WireError For(FakeReply reply)
    {
        var kind = reply.Error ?? FakeErrorKind.ServerError;
        var (status, message, type, param, code) = kind switch
        {
            FakeErrorKind.InvalidKey => (401, "Incorrect API key provided: test-key. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key"),
            FakeErrorKind.RateLimit => (429, "Rate limit reached for fake-model in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.", "requests", null, "rate_limit_exceeded"),
            FakeErrorKind.ServerError => (500, "The server had an error while processing your request. Sorry about that!", "server_error", null, (string?)null),
            FakeErrorKind.Overloaded => (503, "The engine is currently overloaded, please try again later.", "server_error", null, null),
            FakeErrorKind.Billing => (429, "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.", "insufficient_quota", null, "insufficient_quota"),
            FakeErrorKind.ContextOverflow => (400, "This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.", "invalid_request_error", (string?)"messages", "context_length_exceeded"),
            _ => throw new ArgumentOutOfRangeException(nameof(reply), kind, null),
        };
        var body = new JsonObject
        {
            ["error"] = Envelope(reply.ErrorMessage ?? message, type, param, code),
        };
        var headers = new Dictionary<string, string> { ["x-request-id"] = "req_fake" };
        if (kind == FakeErrorKind.RateLimit)
        {
            headers["retry-after"] = reply.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-limit-requests"] = "3";
            headers["x-ratelimit-remaining-requests"] = "0";
            headers["x-ratelimit-reset-requests"] = reply.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture) + "s";
        }

        return new WireError(status, body, headers);
    }

    public static JsonObject Envelope(string message, string type, string? param, string? code) => new()
    {
        ["message"] = message,
        ["type"] = type,
        ["param"] = param,
        ["code"] = code,
    };
}
