using System.Text.Json.Nodes;

namespace Pincer.Config.Redaction;

/// <summary>
/// The config.get fields after redaction. <see cref="Resolved"/> goes to both <c>resolved</c> and
/// <c>sourceConfig</c>; <see cref="Config"/> goes to both <c>config</c> and <c>runtimeConfig</c>.
/// <see cref="Raw"/> is <c>null</c> when the text could not be scrubbed without changing its meaning.
/// </summary>
public sealed record RedactedSnapshot(string? Raw, JsonNode? Parsed, JsonNode? Resolved, JsonNode? Config);
