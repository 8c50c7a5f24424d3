namespace Pincer.Providers;

/// <summary>
/// One provider/model pair resolved from <c>models.providers.&lt;id&gt;</c>: where to send, how to
/// authenticate, and the model facts that shape the request (token cap, reasoning support).
/// </summary>
public sealed record ProviderEndpoint
{
    /// <summary>The provider id of the model ref (<c>fake</c> in <c>fake/fake-model</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>The reference's wire API name: <c>openai-completions</c>, <c>openai-responses</c>,
    /// <c>anthropic-messages</c>, <c>google-generative-ai</c>, <c>ollama</c>.</summary>
    public required string Api { get; init; }

    /// <summary>The configured <c>baseUrl</c>, exactly as the reference's client for that API expects it.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>The model id sent on the wire.</summary>
    public required string Model { get; init; }

    /// <summary>The resolved credential (config, env or auth profile); null when the provider needs none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Extra headers from <c>models.providers.&lt;id&gt;.headers</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The model's output cap (<c>maxTokens</c>), already clamped to its context window.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The model's context window (<c>contextWindow</c>).</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Whether the catalog marks the model as a reasoning model.</summary>
    public bool Reasoning { get; init; }

    /// <summary>How long the stream may stay silent before the call counts as timed out.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
