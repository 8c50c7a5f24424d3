using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes;

/// <summary>
/// One request the fake received, as it arrived: headers keep credentials (tests assert which key
/// was used), the body is kept raw and parsed.
/// </summary>
public sealed class RecordedRequest
{
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required int Index { get; init; }

    public required string Method { get; init; }

    /// <summary>Path without the query string.</summary>
    public required string Path { get; init; }

    /// <summary>The query string including its leading '?', or empty.</summary>
    public required string Query { get; init; }

    /// <summary>Header names lower-cased; repeated headers joined with ", ".</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string Body { get; init; }

    /// <summary>The body parsed as JSON, or null when empty or not JSON.</summary>
    public JsonNode? Json { get; init; }

    /// <summary>Which generate endpoint this was; null for listings and unknown paths.</summary>
    public FakeApi? Api { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    /// <summary>Completes when the answer is over: true when the client went away first (abort tests).</summary>
    public Task<bool> Ended => _ended.Task;

    /// <summary>One JSON object with everything recorded (the CLI's JSONL line).</summary>
    public JsonObject ToJson() => new()
    {
        ["index"] = Index,
        ["api"] = Api?.Name(),
        ["method"] = Method,
        ["path"] = Path,
        ["query"] = Query,
        ["headers"] = new JsonObject(Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
        ["body"] = Json?.DeepClone() ?? (JsonNode?)Body,
    };

    internal void MarkEnded(bool byClient) => _ended.TrySetResult(byClient);
}
