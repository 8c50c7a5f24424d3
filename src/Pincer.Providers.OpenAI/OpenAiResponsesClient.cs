using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI;

/// <summary>
/// The <c>openai-responses</c> wire API as an <see cref="IChatClient"/>: one streamed <c>responses</c> call per
/// request; text and reasoning-summary deltas come back as updates, whole tool calls and usage as the final update.
/// </summary>
public sealed class OpenAiResponsesClient(ProviderEndpoint endpoint, HttpClient http, TimeProvider time) : IChatClient
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
        var body = OpenAiResponsesRequest.Write(options?.ModelId ?? endpoint.Model, messages, options, endpoint.MaxTokens, endpoint.Reasoning);
        using var request = new HttpRequestMessage(HttpMethod.Post, OpenAiChatCompletionsClient.Combine(endpoint.BaseUrl, "responses"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (endpoint.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        foreach (var (name, value) in endpoint.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(endpoint.IdleTimeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderErrorKind.Timeout, "model request timed out");
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(ProviderErrorKind.ServerError, ex.Message, innerException: ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw ProviderErrorClassifier.FromResponse(response.StatusCode, OpenAiResponsesEvents.ErrorMessage(text), ProviderErrorClassifier.RetryAfter(response.Headers, time.GetUtcNow()));
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var state = new OpenAiResponsesEvents();
            var events = ServerSentEvents.ReadAsync(stream, idle.Token).GetAsyncEnumerator(idle.Token);
            try
            {
                while (!state.Finished)
                {
                    idle.CancelAfter(endpoint.IdleTimeout);
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new ProviderException(ProviderErrorKind.Timeout, "model stream went idle") { AfterFirstToken = state.Streamed };
                    }
                    catch (IOException ex)
                    {
                        throw new ProviderException(ProviderErrorKind.ServerError, ex.Message, innerException: ex) { AfterFirstToken = state.Streamed };
                    }

                    if (!more)
                    {
                        throw new ProviderException(ProviderErrorKind.ServerError, "Responses stream ended before a terminal response event") { AfterFirstToken = state.Streamed };
                    }

                    if (state.Read(events.Current.Data) is { } update)
                    {
                        yield return update;
                    }
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            yield return state.Final();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }
}
