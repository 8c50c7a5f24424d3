using Microsoft.Playwright;
using Pincer.Gateway.Tests.Support;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>Logging in from the browser: a device-signed connect with the token, and a clear refusal of a bad one.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectTests(UiFixture ui)
{
    [Fact]
    public async Task A_token_typed_once_connects_and_survives_a_reload()
    {
        await using var page = await ui.OpenAsync();
        await page.GotoAsync();
        await page.LoginAsync();

        await page.Page.ReloadAsync();
        await page.WaitConnectedAsync();
        await Assertions.Expect(page.Page.Locator("#login-secret")).ToHaveCountAsync(0);

        // The browser paired itself as a device (silently, it is loopback) and got a device token.
        await using var cli = await ui.Gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var devices = await cli.CallOkAsync("device.pair.list");
        Assert.Contains(devices!["paired"]!.AsArray(), d => (string?)d!["clientId"] == "openclaw-control-ui");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_an_explanation_and_no_retry_loop()
    {
        await using var page = await ui.OpenAsync();
        await page.GotoAsync();
        await page.Page.Locator("#login-secret").FillAsync("not-the-token");
        await page.Page.Locator("#login-secret").PressAsync("Enter");

        await Assertions.Expect(page.Page.Locator("#login-error")).ToContainTextAsync("refused", new() { Timeout = UiPage.Timeout });
        await Assertions.Expect(page.Pill).ToHaveAttributeAsync("data-state", "auth-failed");

        await page.LoginAsync();
    }
}
