namespace Pincer.ControlUi.Tests.Browser;

/// <summary>
/// All browser tests share one gateway and one Chromium and run one after another: two shared cores do not
/// need several browsers, and the reconnect test takes the gateway down for everyone else.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "browser";
}
