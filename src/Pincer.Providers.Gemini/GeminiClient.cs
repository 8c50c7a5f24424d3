using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Gemini;

/// <summary>
/// The <c>google-generative-ai</c> wire API as an <see cref="IChatClient"/>: one
/// <c>POST {baseUrl}/models/{model}:streamGenerateContent?alt=sse</c> per request; text, thoughts and function calls come
/// back as updates, usage and the finish reason as a final update.
/// </summary>
public sealed class GeminiClient(ProviderEndpoint endpoint, HttpClient http, TimeProvider time) : IChatClient
{
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
        var model = options?.ModelId ?? endpoint.Model;
        var body = GeminiRequest.Write(endpoint, model, messages, options);
        // The configured base URL already carries the API version (…/v1beta), as the reference's SDK expects it.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.BaseUrl.AbsoluteUri.TrimEnd('/') + "/models/" + model + ":streamGenerateContent?alt=sse"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (endpoint.ApiKey is { Length: > 0 } key)
        {
            request.Headers.TryAddWithoutValidation("x-goog-api-key", key);
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
            var retryAfter = ProviderErrorClassifier.RetryAfter(response.Headers, time.GetUtcNow()) ?? BodyRetryDelay(text);
            throw ProviderErrorClassifier.FromResponse(response.StatusCode, ProviderHttp.ErrorMessage(text), retryAfter);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var state = new GeminiStreamState(time);
        await using var events = new IdleEventStream(stream, idle, endpoint.IdleTimeout, cancellationToken);
        while (await events.NextAsync().ConfigureAwait(false) is { } sse)
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
                throw new ProviderException(ProviderErrorKind.ServerError, "malformed stream chunk: " + ex.Message, innerException: ex) { AfterFirstToken = events.Streamed };
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

    private static TimeSpan? BodyRetryDelay(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? GeminiStreamState.RetryDelay(error)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
