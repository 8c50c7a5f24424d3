using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Anthropic;

/// <summary>
/// The <c>anthropic-messages</c> wire API as an <see cref="IChatClient"/>: one streamed <c>POST {baseUrl}/v1/messages</c>
/// per request; text, thinking (with its signature) and finished tool calls come back as updates, usage and the stop
/// reason as a final update.
/// </summary>
public sealed class AnthropicMessagesClient(ProviderEndpoint endpoint, HttpClient http, TimeProvider time) : IChatClient
{
    /// <summary>The API version the reference's SDK pins.</summary>
    internal const string ApiVersion = "2023-06-01";

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<ChatResponseUpdate> updates = [];
        await foreach (var update in GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = AnthropicMessagesRequest.Write(endpoint, messages, options);
        // Like the reference's SDK, the base URL is the host root and the client adds the versioned path.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseUrl.AbsoluteUri.TrimEnd('/') + "/v1/messages"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        if (endpoint.ApiKey is { Length: > 0 } key)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
        }

        foreach (var (name, value) in endpoint.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(endpoint.IdleTimeout);
        using var response = await ProviderHttp.SendAsync(http, request, idle.Token, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw ProviderErrorClassifier.FromResponse(response.StatusCode, ProviderHttp.ErrorMessage(text), ProviderErrorClassifier.RetryAfter(response.Headers, time.GetUtcNow()));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var state = new AnthropicStreamState();
        await using var events = new IdleEventStream(stream, idle, endpoint.IdleTimeout, cancellationToken);
        while (!state.Stopped && await events.NextAsync().ConfigureAwait(false) is { } sse)
        {
            List<AIContent> contents;
            try
            {
                contents = state.Take(sse.Data);
            }
            catch (ProviderException ex)
            {
                throw new ProviderException(ex.Kind, ex.Message, ex.StatusCode, ex.RetryAfter) { AfterFirstToken = events.Streamed };
            }
            catch (JsonException ex)
            {
                throw new ProviderException(ProviderErrorKind.ServerError, "malformed stream event: " + ex.Message, innerException: ex) { AfterFirstToken = events.Streamed };
            }

            if (contents.Count > 0)
            {
                events.Streamed = true;
                yield return new ChatResponseUpdate(ChatRole.Assistant, contents) { ResponseId = state.ResponseId, ModelId = state.Model };
            }
        }

        var tail = new List<AIContent>();
        if (state.Usage is { } usage)
        {
            tail.Add(new UsageContent(usage));
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, tail) { ResponseId = state.ResponseId, ModelId = state.Model, FinishReason = state.FinishReason };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }
}
