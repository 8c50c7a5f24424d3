using Microsoft.Playwright;
using Pincer.Gateway.Tests.Support;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>One browser context on the Control UI, with the few steps the tests repeat.</summary>
public sealed class UiPage(IBrowserContext context, IPage page, UiFixture fixture) : IAsyncDisposable
{
    public static readonly float Timeout = 20_000;

    public IPage Page { get; } = page;

    /// <summary>Console and page errors seen so far (CSP violations are console errors).</summary>
    public List<string> Errors { get; } = [];

    public ILocator Pill => Page.Locator(".pill");

    public async Task GotoAsync(string pathAndQuery = "/")
    {
        await Page.GotoAsync(fixture.BaseUrl + pathAndQuery);
    }

    /// <summary>Types the token into the login form and waits until the pill says connected.</summary>
    public async Task LoginAsync(string token = GatewayFixture.Token)
    {
        await Page.Locator("#login-secret").FillAsync(token);
        await Page.Locator("#login-secret").PressAsync("Enter");
        await WaitConnectedAsync();
    }

    public Task WaitConnectedAsync() =>
        Assertions.Expect(Pill).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = Timeout });

    public async Task SendAsync(string text)
    {
        var input = Page.Locator(".composer-input");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
