using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Reference;

/// <summary>
/// The openclaw.json that points a gateway's default model at a fake: provider `fake`, model
/// `fake-model`, with the base URL each API's client expects (verified against the reference).
/// </summary>
public static class FakeProviderConfig
{
    public const string Provider = "fake";

    public const string Model = "fake-model";

    public const string ApiKey = "test-key";

    /// <summary>What goes in `baseUrl`: OpenAI clients append /chat/completions or /responses to a /v1 base,
    /// Anthropic's SDK adds /v1/messages itself, Gemini wants the /v1beta root, Ollama the bare host.</summary>
    public static string BaseUrl(FakeApi api, string serverBaseUrl) => api switch
    {
        FakeApi.OpenAiCompletions or FakeApi.OpenAiResponses => serverBaseUrl + "/v1",
        FakeApi.GoogleGenerativeAi => serverBaseUrl + "/v1beta",
        FakeApi.AnthropicMessages or FakeApi.Ollama => serverBaseUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    public static JsonObject Build(FakeApi api, string serverBaseUrl) => new()
    {
        ["update"] = new JsonObject { ["checkOnStart"] = false },
        ["models"] = new JsonObject
        {
            ["catalogRefresh"] = new JsonObject { ["enabled"] = false },
            ["providers"] = new JsonObject
            {
                [Provider] = new JsonObject
                {
                    ["baseUrl"] = BaseUrl(api, serverBaseUrl),
                    ["apiKey"] = ApiKey,
                    ["api"] = api.Name(),
                    ["models"] = new JsonArray(new JsonObject
                    {
                        ["id"] = Model,
                        ["name"] = "Fake Model",
                        ["api"] = api.Name(),
                        ["reasoning"] = false,
                        ["input"] = new JsonArray("text"),
                        ["cost"] = new JsonObject { ["input"] = 0, ["output"] = 0, ["cacheRead"] = 0, ["cacheWrite"] = 0 },
                        ["contextWindow"] = 128000,
                        ["maxTokens"] = 4096,
                    }),
                },
            },
        },
        ["agents"] = new JsonObject { ["defaults"] = new JsonObject { ["model"] = new JsonObject { ["primary"] = $"{Provider}/{Model}" } } },
    };
}
