using System.Text.Json.Nodes;

namespace Pincer.Config.Redaction;

/// <summary>
/// A redacted copy of a config tree and the concrete secret strings that were hidden in it
/// (feed them to <c>ConfigRedactor.RedactRaw</c> to scrub the file text).
/// </summary>
public sealed record Redacted(JsonNode? Config, IReadOnlyList<string> SensitiveValues);
