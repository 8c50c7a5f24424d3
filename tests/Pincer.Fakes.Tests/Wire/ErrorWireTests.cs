using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Wire;

/// <summary>Each provider's real status code and error envelope for every failure kind.</summary>
public sealed class ErrorWireTests
{
    // api, kind, status, the envelope field that tells the kind apart, its value.
    public static TheoryData<FakeApi, FakeErrorKind, int, string, string> Cases => new()
    {
        { FakeApi.OpenAiCompletions, FakeErrorKind.InvalidKey, 401, "error.code", "invalid_api_key" },
        { FakeApi.OpenAiCompletions, FakeErrorKind.RateLimit, 429, "error.code", "rate_limit_exceeded" },
        { FakeApi.OpenAiCompletions, FakeErrorKind.ServerError, 500, "error.type", "server_error" },
        { FakeApi.OpenAiCompletions, FakeErrorKind.Overloaded, 503, "error.type", "server_error" },
        { FakeApi.OpenAiCompletions, FakeErrorKind.Billing, 429, "error.code", "insufficient_quota" },
        { FakeApi.OpenAiCompletions, FakeErrorKind.ContextOverflow, 400, "error.code", "context_length_exceeded" },
        { FakeApi.OpenAiResponses, FakeErrorKind.InvalidKey, 401, "error.code", "invalid_api_key" },
        { FakeApi.OpenAiResponses, FakeErrorKind.ContextOverflow, 400, "error.code", "context_length_exceeded" },
        { FakeApi.AnthropicMessages, FakeErrorKind.InvalidKey, 401, "error.type", "authentication_error" },
        { FakeApi.AnthropicMessages, FakeErrorKind.RateLimit, 429, "error.type", "rate_limit_error" },
        { FakeApi.AnthropicMessages, FakeErrorKind.ServerError, 500, "error.type", "api_error" },
        { FakeApi.AnthropicMessages, FakeErrorKind.Overloaded, 529, "error.type", "overloaded_error" },
        { FakeApi.AnthropicMessages, FakeErrorKind.Billing, 400, "error.type", "invalid_request_error" },
        { FakeApi.AnthropicMessages, FakeErrorKind.ContextOverflow, 400, "error.type", "invalid_request_error" },
        { FakeApi.GoogleGenerativeAi, FakeErrorKind.InvalidKey, 400, "error.status", "INVALID_ARGUMENT" },
        { FakeApi.GoogleGenerativeAi, FakeErrorKind.RateLimit, 429, "error.status", "RESOURCE_EXHAUSTED" },
        { FakeApi.GoogleGenerativeAi, FakeErrorKind.ServerError, 500, "error.status", "INTERNAL" },
        { FakeApi.GoogleGenerativeAi, FakeErrorKind.Overloaded, 503, "error.status", "UNAVAILABLE" },
        { FakeApi.GoogleGenerativeAi, FakeErrorKind.Billing, 429, "error.status", "RESOURCE_EXHAUSTED" },
        { FakeApi.GoogleGenerativeAi, FakeErrorKind.ContextOverflow, 400, "error.status", "INVALID_ARGUMENT" },
        { FakeApi.Ollama, FakeErrorKind.InvalidKey, 401, "error", "unauthorized" },
        { FakeApi.Ollama, FakeErrorKind.RateLimit, 429, "error", "too many requests: rate limit exceeded, please try again later" },
        { FakeApi.Ollama, FakeErrorKind.ServerError, 500, "error", "llama runner process has terminated: exit status 2" },
        { FakeApi.Ollama, FakeErrorKind.Overloaded, 503, "error", "server busy, please try again.  maximum pending requests exceeded" },
        { FakeApi.Ollama, FakeErrorKind.Billing, 402, "error", "payment required: you have used all available credits for this billing period" },
        { FakeApi.Ollama, FakeErrorKind.ContextOverflow, 400, "error", "prompt too long; exceeded max context length by 4096 tokens" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Error_has_the_providers_status_and_envelope(FakeApi api, FakeErrorKind kind, int status, string field, string value)
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(kind) with { RetryAfterSeconds = 11 }));
        var (response, body) = await WireClient.SendAsync(server, api, stream: true);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        JsonNode? node = JsonNode.Parse(body);
        foreach (var segment in field.Split('.'))
        {
            node = node?[segment];
        }

        Assert.Equal(value, (string?)node);
        if (kind == FakeErrorKind.RateLimit)
        {
            Assert.Equal("11", response.Headers.GetValues("retry-after").Single());
        }
    }

    [Fact]
    public async Task Anthropic_error_body_is_the_typed_error_envelope()
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(FakeErrorKind.Overloaded)));
        var (_, body) = await WireClient.SendAsync(server, FakeApi.AnthropicMessages, stream: false);

        var json = JsonNode.Parse(body)!;
        Assert.Equal("error", (string?)json["type"]);
        Assert.Equal("Overloaded", (string?)json["error"]!["message"]);
        Assert.NotNull(json["request_id"]);
    }

    [Theory]
    [InlineData(FakeApi.OpenAiCompletions, "data: {\"error\":{\"message\":\"Rate limit reached")]
    [InlineData(FakeApi.OpenAiResponses, "event: response.failed\ndata: {\"type\":\"response.failed\"")]
    [InlineData(FakeApi.AnthropicMessages, "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\"")]
    [InlineData(FakeApi.GoogleGenerativeAi, "data: {\"error\":{\"code\":429,")]
    [InlineData(FakeApi.Ollama, "{\"error\":\"too many requests")]
    public async Task Errors_inside_a_started_stream_use_the_providers_in_band_form(FakeApi api, string start)
    {
        await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(FakeErrorKind.RateLimit) with { ErrorInStream = true }));
        var (response, body) = await WireClient.SendAsync(server, api, stream: true);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith(start, body, StringComparison.Ordinal);
    }
}
