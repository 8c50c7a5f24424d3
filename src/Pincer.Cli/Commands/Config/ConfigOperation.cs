using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Config;

/// <summary>One requested change: set <see cref="Value"/> at <see cref="Path"/>, or remove it when <see cref="Delete"/>.</summary>
/// <param name="InputMode">Reported in dry-run results: <c>value</c>, <c>json</c>, <c>builder</c> or <c>unset</c>.</param>
internal sealed record ConfigOperation(ConfigPath Path, JsonNode? Value, bool Delete, string InputMode);
