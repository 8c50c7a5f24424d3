using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Pincer.Providers.Ollama;

/// <summary>
/// The <c>ollama</c> wire API as an <see cref="IChatClient"/>: one NDJSON-streamed <c>/api/chat</c> call per
/// request; text and thinking deltas come back as updates, whole tool calls and usage as the final update.
/// </summary>
public sealed class OllamaChatClient(ProviderEndpoint endpoint, HttpClient http, TimeProvider time) : IChatClient
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
        var body = OllamaChatRequest.Write(endpoint, messages, options);
        using var request = new HttpRequestMessage(HttpMethod.Post, ChatUrl(endpoint.BaseUrl))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
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
                throw ProviderErrorClassifier.FromResponse(response.StatusCode, ErrorMessage(text) ?? text, ProviderErrorClassifier.RetryAfter(response.Headers, time.GetUtcNow()));
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
            var calls = new List<FunctionCallContent>();
            string? model = null;
            ChatFinishReason? finish = null;
            UsageDetails? usage = null;
            var streamed = false;
            while (true)
            {
                idle.CancelAfter(endpoint.IdleTimeout);
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(idle.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ProviderException(ProviderErrorKind.Timeout, "model stream went idle") { AfterFirstToken = streamed };
                }
                catch (IOException ex)
                {
                    throw new ProviderException(ProviderErrorKind.ServerError, ex.Message, innerException: ex) { AfterFirstToken = streamed };
                }

                if (line is null)
                {
                    break;
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var chunk = Parse(line, streamed);
                var root = chunk.RootElement;
                if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                {
                    var status = root.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : 500;
                    var message = error.GetString() ?? "";
                    throw new ProviderException(ProviderErrorClassifier.Classify(status, message), message) { AfterFirstToken = streamed };
                }

                model ??= root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var contents = new List<AIContent>();
                if (root.TryGetProperty("message", out var delta) && delta.ValueKind == JsonValueKind.Object)
                {
                    // The reference drops thinking from models the catalog does not mark as reasoning models.
                    if (endpoint.Reasoning && (Str(delta, "thinking") ?? Str(delta, "reasoning")) is { Length: > 0 } thinking)
                    {
                        contents.Add(new TextReasoningContent(thinking));
                    }

                    if (Str(delta, "content") is { Length: > 0 } content)
                    {
                        contents.Add(new TextContent(content));
                    }

                    if (delta.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
                    {
                        calls.AddRange(toolCalls.EnumerateArray().Select(ToolCall));
                    }
                }

                if (contents.Count > 0)
                {
                    streamed = true;
                    yield return new ChatResponseUpdate(ChatRole.Assistant, contents) { ModelId = model };
                }

                if (root.TryGetProperty("done", out var done) && done.ValueKind == JsonValueKind.True)
                {
                    finish = Str(root, "done_reason") == "length" ? ChatFinishReason.Length : calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop;
                    usage = Usage(root);
                    break;
                }
            }

            if (finish is null)
            {
                throw new ProviderException(ProviderErrorKind.ServerError, "Ollama stream ended before its final line") { AfterFirstToken = streamed };
            }

            var tail = new List<AIContent>(calls);
            if (usage is not null)
            {
                tail.Add(new UsageContent(usage));
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, tail) { ModelId = model, FinishReason = finish };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this : null;

    public void Dispose()
    {
    }

    /// <summary>The native endpoint: a configured OpenAI-compatible <c>/v1</c> suffix is dropped.</summary>
    internal static Uri ChatUrl(Uri baseUrl)
    {
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            root = root[..^3];
        }

        return new Uri(root + "/api/chat");
    }

    private static JsonDocument Parse(string line, bool streamed)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new ProviderException(ProviderErrorKind.ServerError, "Ollama sent a malformed stream line", innerException: ex) { AfterFirstToken = streamed };
        }
    }

    private static FunctionCallContent ToolCall(JsonElement call)
    {
        var function = call.TryGetProperty("function", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        var raw = "{}";
        if (function.ValueKind == JsonValueKind.Object && function.TryGetProperty("arguments", out var args))
        {
            // Ollama sends arguments as an object; some models put a JSON string there instead.
            var element = args;
            JsonDocument? parsed = null;
            if (args.ValueKind == JsonValueKind.String)
            {
                try
                {
                    parsed = JsonDocument.Parse(args.GetString() ?? "{}");
                    element = parsed.RootElement;
                }
                catch (JsonException)
                {
                }
            }

            if (element.ValueKind == JsonValueKind.Object)
            {
                raw = element.GetRawText();
                foreach (var property in element.EnumerateObject())
                {
                    arguments[property.Name] = property.Value.Clone();
                }
            }

            parsed?.Dispose();
        }

        var id = Str(call, "id") is { Length: > 0 } given ? given.Trim() : "ollama_call_" + Guid.NewGuid().ToString("D");
        var name = function.ValueKind == JsonValueKind.Object ? Str(function, "name")?.Trim() ?? "" : "";
        return new FunctionCallContent(id, name, arguments) { RawRepresentation = raw };
    }

    private static UsageDetails Usage(JsonElement final)
    {
        var prompt = Long(final, "prompt_eval_count");
        var output = Long(final, "eval_count");
        var cached = Math.Min(Long(final, "prompt_eval_cached_count"), prompt);
        return new UsageDetails
        {
            InputTokenCount = prompt - cached,
            OutputTokenCount = output,
            CachedInputTokenCount = cached,
            TotalTokenCount = prompt + output,
        };
    }

    private static string? ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? error.ValueKind == JsonValueKind.String ? error.GetString() : error.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetInt64(out var n) ? n : 0;
}
