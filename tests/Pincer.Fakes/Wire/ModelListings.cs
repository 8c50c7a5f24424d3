using System.Text.Json.Nodes;

namespace Pincer.Fakes.Wire;

/// <summary>The GET endpoints clients probe before or instead of generating: model lists, Ollama's tags/show/version.</summary>
internal static class ModelListings
{
    public static JsonNode? Answer(string method, string path, IReadOnlyDictionary<string, string> headers, IReadOnlyList<string> models, long created)
    {
        if (method == "GET" && (path.EndsWith("/v1/models", StringComparison.Ordinal) || path == "/models"))
        {
            // Anthropic's listing differs in shape; its clients announce themselves with anthropic-version.
            if (headers.ContainsKey("anthropic-version"))
            {
                return new JsonObject
                {
                    ["data"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject
                    {
                        ["type"] = "model",
                        ["id"] = m,
                        ["display_name"] = m,
                        ["created_at"] = DateTimeOffset.FromUnixTimeSeconds(created).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    }).ToArray()),
                    ["has_more"] = false,
                    ["first_id"] = models.Count > 0 ? models[0] : null,
                    ["last_id"] = models.Count > 0 ? models[^1] : null,
                };
            }

            return new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject { ["id"] = m, ["object"] = "model", ["created"] = created, ["owned_by"] = "fake" }).ToArray()),
            };
        }

        if (method == "GET" && path.EndsWith("/v1beta/models", StringComparison.Ordinal))
        {
            return GeminiList(models);
        }

        return (method, path) switch
        {
            ("GET", "/api/tags") => new JsonObject
            {
                ["models"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject
                {
                    ["name"] = m,
                    ["model"] = m,
                    ["modified_at"] = "2026-01-01T00:00:00.000000000Z",
                    ["size"] = 1_000_000,
                    ["digest"] = "0000000000000000000000000000000000000000000000000000000000000000",
                    ["details"] = Details(),
                }).ToArray()),
            },
            ("POST", "/api/show") => new JsonObject
            {
                ["modelfile"] = "FROM fake",
                ["parameters"] = "",
                ["template"] = "{{ .Prompt }}",
                ["details"] = Details(),
                ["model_info"] = new JsonObject { ["general.architecture"] = "llama", ["llama.context_length"] = 131072 },
                ["capabilities"] = new JsonArray("completion", "tools", "thinking"),
            },
            ("GET", "/api/version") => new JsonObject { ["version"] = "0.12.0" },
            ("GET", "/api/ps") => new JsonObject { ["models"] = new JsonArray() },
            _ => null,
        };
    }

    private static JsonObject GeminiList(IReadOnlyList<string> models) => new()
    {
        ["models"] = new JsonArray(models.Select(m => (JsonNode)new JsonObject
        {
            ["name"] = "models/" + m,
            ["displayName"] = m,
            ["inputTokenLimit"] = 1_048_576,
            ["outputTokenLimit"] = 65_536,
            ["supportedGenerationMethods"] = new JsonArray("generateContent", "countTokens"),
        }).ToArray()),
    };

    private static JsonObject Details() => new()
    {
        ["parent_model"] = "",
        ["format"] = "gguf",
        ["family"] = "llama",
        ["families"] = new JsonArray("llama"),
        ["parameter_size"] = "1B",
        ["quantization_level"] = "Q4_K_M",
    };
}
