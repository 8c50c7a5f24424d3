using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.OpenAI;

/// <summary>
/// The <c>openai-completions</c> wire API as an <see cref="IChatClient"/>: one streamed <c>chat/completions</c>
/// call per request; text, reasoning and tool-call deltas come back as updates, usage as a final update.
/// </summary>
public sealed class OpenAiChatCompletionsClient(ProviderEndpoint endpoint, HttpClient http, TimeProvider time) : IChatClient
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
        var effective = options?.Clone() ?? new ChatOptions();
        effective.AdditionalProperties ??= [];
        effective.AdditionalProperties[OpenAiChatRequest.ReasoningModelKey] = endpoint.Reasoning;
        var body = OpenAiChatRequest.Write(effective.ModelId ?? endpoint.Model, messages, effective, endpoint.MaxTokens);
        using var request = new HttpRequestMessage(HttpMethod.Post, Combine(endpoint.BaseUrl, "chat/completions"))
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
                throw ProviderErrorClassifier.FromResponse(response.StatusCode, ErrorMessage(text), ProviderErrorClassifier.RetryAfter(response.Headers, time.GetUtcNow()));
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var calls = new SortedDictionary<int, ToolCallBuilder>();
            string? responseId = null;
            string? model = null;
            ChatFinishReason? finish = null;
            UsageDetails? usage = null;
            var streamed = false;
            var events = ServerSentEvents.ReadAsync(stream, idle.Token).GetAsyncEnumerator(idle.Token);
            try
            {
                while (true)
                {
                    idle.CancelAfter(endpoint.IdleTimeout);
                    bool more;
                    try
                    {
                        more = await events.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new ProviderException(ProviderErrorKind.Timeout, "model stream went idle") { AfterFirstToken = streamed };
                    }
                    catch (IOException ex)
                    {
                        throw new ProviderException(ProviderErrorKind.ServerError, ex.Message, innerException: ex) { AfterFirstToken = streamed };
                    }

                    if (!more || events.Current.Data == "[DONE]")
                    {
                        break;
                    }

                    using var chunk = JsonDocument.Parse(events.Current.Data);
                    var root = chunk.RootElement;
                    if (root.TryGetProperty("error", out var error))
                    {
                        var message = error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : error.ToString();
                        throw new ProviderException(ProviderErrorClassifier.Classify(500, message), message) { AfterFirstToken = streamed };
                    }

                    responseId ??= Str(root, "id");
                    model ??= Str(root, "model");
                    if (root.TryGetProperty("usage", out var u) && u.ValueKind == JsonValueKind.Object)
                    {
                        usage = Usage(u);
                    }

                    if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
                    {
                        continue;
                    }

                    var choice = choices[0];
                    if (Str(choice, "finish_reason") is { } reason)
                    {
                        finish = reason switch
                        {
                            "length" => ChatFinishReason.Length,
                            "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
                            "content_filter" => ChatFinishReason.ContentFilter,
                            _ => ChatFinishReason.Stop,
                        };
                    }

                    if (!choice.TryGetProperty("delta", out var delta) || delta.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var contents = new List<AIContent>();
                    foreach (var field in (string[])["reasoning_content", "reasoning", "reasoning_text"])
                    {
                        if (Str(delta, field) is { Length: > 0 } thinking)
                        {
                            contents.Add(new TextReasoningContent(thinking));
                            break;
                        }
                    }

                    if (Str(delta, "content") is { Length: > 0 } content)
                    {
                        contents.Add(new TextContent(content));
                    }

                    if (delta.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var call in toolCalls.EnumerateArray())
                        {
                            var index = call.TryGetProperty("index", out var i) && i.TryGetInt32(out var n) ? n : calls.Count;
                            if (!calls.TryGetValue(index, out var builder))
                            {
                                builder = new ToolCallBuilder();
                                calls[index] = builder;
                            }

                            builder.Id ??= Str(call, "id");
                            if (call.TryGetProperty("function", out var function))
                            {
                                builder.Name ??= Str(function, "name");
                                builder.Arguments.Append(Str(function, "arguments"));
                            }
                        }
                    }

                    if (contents.Count > 0)
                    {
                        streamed = true;
                        yield return new ChatResponseUpdate(ChatRole.Assistant, contents) { ResponseId = responseId, ModelId = model };
                    }
                }
            }
            finally
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            var tail = new List<AIContent>();
            foreach (var call in calls.Values)
            {
                tail.Add(call.Build());
            }

            if (usage is not null)
            {
                tail.Add(new UsageContent(usage));
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, tail) { ResponseId = responseId, ModelId = model, FinishReason = finish };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }

    internal static Uri Combine(Uri baseUrl, string path) => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path);

    private static UsageDetails Usage(JsonElement usage)
    {
        var prompt = Long(usage, "prompt_tokens");
        var cached = usage.TryGetProperty("prompt_tokens_details", out var details) && details.ValueKind == JsonValueKind.Object ? Long(details, "cached_tokens") : 0;
        var reasoning = usage.TryGetProperty("completion_tokens_details", out var completion) && completion.ValueKind == JsonValueKind.Object ? Long(completion, "reasoning_tokens") : 0;
        // The reference counts input without the cached part; cached tokens are cache reads.
        return new UsageDetails
        {
            InputTokenCount = Math.Max(0, prompt - cached),
            OutputTokenCount = Long(usage, "completion_tokens"),
            CachedInputTokenCount = cached,
            ReasoningTokenCount = reasoning,
            TotalTokenCount = Long(usage, "total_tokens"),
        };
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) ? message.GetString() ?? body : error.ToString();
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;

    private sealed class ToolCallBuilder
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();

        public FunctionCallContent Build()
        {
            var text = Arguments.Length == 0 ? "{}" : Arguments.ToString();
            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        arguments[property.Name] = property.Value.Clone();
                    }
                }
            }
            catch (JsonException)
            {
                // The model produced broken JSON; the tool sees no arguments and will say what is missing.
            }

            return new FunctionCallContent(Id ?? "", Name ?? "", arguments) { RawRepresentation = text };
        }
    }
}
