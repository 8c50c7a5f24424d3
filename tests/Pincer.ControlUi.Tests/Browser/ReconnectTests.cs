using Microsoft.Playwright;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>The gateway goes away and comes back: the UI says so, retries with backoff, and reconnects by itself.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(UiFixture ui)
{
    [Fact]
    public async Task The_ui_reconnects_when_the_gateway_returns()
    {
        await using var page = await ui.OpenAsync();
        await page.GotoAsync("/#/overview");
        await page.LoginAsync();

        await ui.Gateway.StopGatewayAsync();
        try
        {
            await Assertions.Expect(page.Pill).ToHaveAttributeAsync("data-state", "reconnecting", new() { Timeout = UiPage.Timeout });
            await Assertions.Expect(page.Page.Locator(".banner")).ToContainTextAsync("Gateway unreachable");
        }
        finally
        {
            await ui.Gateway.StartGatewayAsync();
        }

        await Assertions.Expect(page.Pill).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Page.Locator(".banner")).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.Locator(".stat-value").First).ToHaveTextAsync("Healthy", new() { Timeout = UiPage.Timeout });
    }
}
