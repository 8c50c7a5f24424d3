namespace Pincer.Fakes.Wire;

/// <summary>One piece of a streamed reply as it goes on the wire; content frames count toward a stall.</summary>
internal readonly record struct WireFrame(string Text, bool IsContent = false)
{
    /// <summary>An SSE event with only a data line.</summary>
    public static WireFrame Data(string json, bool isContent = false) => new($"data: {json}\n\n", isContent);

    /// <summary>An SSE event with an event name, as Anthropic and the Responses API send them.</summary>
    public static WireFrame Event(string name, string json, bool isContent = false) => new($"event: {name}\ndata: {json}\n\n", isContent);

    /// <summary>One NDJSON line (Ollama).</summary>
    public static WireFrame Line(string json, bool isContent = false) => new(json + "\n", isContent);
}
