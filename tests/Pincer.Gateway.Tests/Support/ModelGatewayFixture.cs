using System.Text.Json.Nodes;
using Pincer.Fakes;

namespace Pincer.Gateway.Tests.Support;

/// <summary>
/// The token-auth gateway pointed at a loopback <see cref="FakeModelServer"/> as its only provider
/// (<c>fake/fake-model</c>, OpenAI Chat Completions), with a throwaway workspace.
/// </summary>
public sealed class ModelGatewayFixture() : GatewayFixture("token")
{
    public FakeModelServer Model { get; private set; } = null!;

    public string Workspace => Path.Combine(StateDir, "workspace");

    protected override async Task<string> ConfigJsonAsync()
    {
        Model = await FakeModelServer.StartAsync();
        Directory.CreateDirectory(Workspace);
        var config = new JsonObject
        {
            ["update"] = new JsonObject { ["checkOnStart"] = false },
            ["models"] = new JsonObject
            {
                ["catalogRefresh"] = new JsonObject { ["enabled"] = false },
                ["providers"] = new JsonObject
                {
                    ["fake"] = new JsonObject
                    {
                        ["baseUrl"] = Model.BaseUrl + "/v1",
                        ["api"] = "openai-completions",
                        ["apiKey"] = "fake-key",
                        ["models"] = new JsonArray(new JsonObject
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
                    ["workspace"] = Workspace,
                },
            },
        };
        return config.ToJsonString();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Model is not null)
        {
            await Model.DisposeAsync();
        }
    }
}
