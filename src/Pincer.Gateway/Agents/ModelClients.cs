using Microsoft.Extensions.AI;
using Pincer.Providers;
using Pincer.Providers.Anthropic;
using Pincer.Providers.Gemini;
using Pincer.Providers.Ollama;
using Pincer.Providers.OpenAI;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Builds the provider client for an endpoint's wire API over the gateway's one pooled HTTP handler (connections
/// to a provider are reused across turns and sessions).
/// </summary>
internal sealed class ModelClients(TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The client, or null when Pincer does not speak that API yet.</summary>
    public IChatClient? Create(ProviderEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Api switch
        {
            "openai-completions" => new OpenAiChatCompletionsClient(endpoint, _http, time),
            "openai-responses" => new OpenAiResponsesClient(endpoint, _http, time),
            "anthropic-messages" => new AnthropicMessagesClient(endpoint, _http, time),
            "google-generative-ai" => new GeminiClient(endpoint, _http, time),
            "ollama" => new OllamaChatClient(endpoint, _http, time),
            _ => null,
        };
    }

    public void Dispose() => _http.Dispose();
}
