using Microsoft.Playwright;
using Pincer.Gateway.Tests.Support;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>
/// A real gateway (token auth, the fake model provider) plus one headless Chromium, per test class. Each test
/// opens its own browser context, so localStorage and IndexedDB (the device key) start empty.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public ModelGatewayFixture Gateway { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => $"http://127.0.0.1:{Gateway.Port}";

    public async Task InitializeAsync()
    {
        await Gateway.InitializeAsync();
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Gateway.DisposeAsync();
    }

    /// <summary>A fresh page; console errors and page errors (a CSP violation among them) are collected.</summary>
    public async Task<UiPage> OpenAsync(int width = 1280, int height = 800, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = scheme,
            DeviceScaleFactor = 1,
        });
        var page = await context.NewPageAsync();
        var ui = new UiPage(context, page, this);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ui.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ui.Errors.Add(error);
        return ui;
    }
}
