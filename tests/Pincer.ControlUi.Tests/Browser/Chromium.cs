using Microsoft.Playwright;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>
/// The system Chromium driven by Playwright (never <c>playwright install</c>). A browser that cannot start is a
/// failed test with the reason, not a skipped one.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}; run `apt-get install -y chromium` (scripts/test.sh does).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Flags,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch (PlaywrightException ex)
        {
            playwright.Dispose();
            throw new InvalidOperationException($"Chromium at {ExecutablePath} did not launch: {ex.Message}", ex);
        }
    }
}
