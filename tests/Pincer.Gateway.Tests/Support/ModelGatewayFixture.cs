using Pincer.Fakes;

namespace Pincer.Gateway.Tests.Support;

/// <summary>
/// The token-auth gateway pointed at a loopback <see cref="FakeModelServer"/> as its only provider
/// (<c>fake/fake-model</c>, OpenAI Chat Completions unless a subclass names another API), with a throwaway workspace.
/// </summary>
public class ModelGatewayFixture : GatewayFixture
{
    private readonly string _api;
    private readonly string _basePath;

    public ModelGatewayFixture()
        : this("openai-completions", "/v1")
    {
    }

    /// <param name="api">The provider's wire API.</param>
    /// <param name="basePath">The path the API's base URL has on the fake (<c>/v1</c>, <c>/v1beta</c>, none for Ollama).</param>
    protected ModelGatewayFixture(string api, string basePath)
        : base("token")
    {
        _api = api;
        _basePath = basePath;
    }

    public FakeModelServer Model { get; private set; } = null!;

    public string Workspace => Path.Combine(StateDir, "workspace");

    protected override async Task<string> ConfigJsonAsync()
    {
        Model = await FakeModelServer.StartAsync();
        Directory.CreateDirectory(Workspace);
        return FakeGatewayConfig.Build(Model.BaseUrl + _basePath, _api, Workspace).ToJsonString();
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
