using System.Text.Json.Nodes;
using Pincer.Config.Schema;

namespace Pincer.Cli.Commands.Config;

/// <summary>The bundled schema and UI hints, read once per process.</summary>
internal static class ConfigSchemaSource
{
    private static readonly Lazy<JsonObject> Full = new(() => ConfigSchema.Full.AsObject());

    public static JsonObject Schema => Full.Value["schema"] as JsonObject ?? [];

    public static JsonObject UiHints => Full.Value["uiHints"] as JsonObject ?? [];
}
