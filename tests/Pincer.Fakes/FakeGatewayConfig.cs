using System.Text.Json.Nodes;

namespace Pincer.Fakes;

/// <summary>
/// The openclaw.json of a gateway whose only provider is a fake on loopback: provider <c>fake</c> speaking
/// the given API at the given base URL, <c>fake/fake-model</c> (128k context, 4096 output
/// tokens) as the default model, no update check or catalog refresh. Shared by the gateway test fixtures and the
/// turn benchmark so they configure the same gateway.
/// </summary>
public static class FakeGatewayConfig
{
    public static JsonObject Build(string providerBaseUrl, string api, string workspace) => new()
    {
        ["update"] = new JsonObject { ["checkOnStart"] = false },
        ["models"] = new JsonObject
        {
            ["catalogRefresh"] = new JsonObject { ["enabled"] = false },
            ["providers"] = new JsonObject
            {
                ["fake"] = new JsonObject
                {
                    ["baseUrl"] = providerBaseUrl,
                    ["api"] = api,
                    ["apiKey"] = "fake-key",
                    ["models"] = new JsonArray((JsonNode)new JsonObject
                    {
                        ["id"] = "fake-model",
                        ["name"] = "Fake Model",
                        ["contextWindow"] = 128000,
                        ["maxTokens"] = 4096,
                    }),
                },
            },
        },
        ["agents"] = new JsonObject
        {
            ["defaults"] = new JsonObject
            {
                ["model"] = new JsonObject { ["primary"] = "fake/fake-model" },
                ["workspace"] = workspace,
            },
        },
    };
}
