using Microsoft.Playwright;
using Pincer.Fakes.Scripting;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>
/// Writes PNGs of the chat and overview pages at desktop and phone widths, light and dark. They go to a temp
/// folder, or to <c>PINCER_UI_SCREENSHOTS</c> when set (the README's pictures: <c>docs/images</c>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(UiFixture ui)
{
    [Fact]
    public async Task Chat_and_overview_render_at_desktop_and_phone_width_in_both_themes()
    {
        var folder = Environment.GetEnvironmentVariable("PINCER_UI_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "pincer-ui-screenshots");
        Directory.CreateDirectory(folder);
        var seeded = false;
        foreach (var (name, width, height) in new[] { ("desktop", 1280, 800), ("phone", 390, 844) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var page = await ui.OpenAsync(width, height, scheme);
                await page.GotoAsync("/#/chat");
                await page.LoginAsync();
                if (!seeded)
                {
                    ui.Gateway.Model.Script.Then(FakeReply.Say(
                        "Crabs walk **sideways** because their legs bend outward.\n\n- Ten legs, two of them claws\n- They molt to grow\n\n```bash\nopenclaw gateway run --port 18789\n```", chunks: 4));
                    await page.SendAsync("Why do crabs walk sideways?");
                    seeded = true;
                }

                await Assertions.Expect(page.Page.Locator(".msg-assistant:not(.is-live)").Last).ToContainTextAsync("sideways", new() { Timeout = UiPage.Timeout });
                await page.Page.Locator(".composer-input").BlurAsync();
                var theme = scheme == ColorScheme.Dark ? "dark" : "light";
                await Shoot(page, Path.Combine(folder, $"chat-{name}-{theme}.png"));

                await page.Page.GotoAsync(ui.BaseUrl + "/#/overview");
                await Assertions.Expect(page.Page.Locator(".stat-value").First).ToHaveTextAsync("Healthy", new() { Timeout = UiPage.Timeout });
                await Shoot(page, Path.Combine(folder, $"overview-{name}-{theme}.png"));
                Assert.Empty(page.Errors);
            }
        }
    }

    private static async Task Shoot(UiPage page, string path)
    {
        await page.Page.WaitForTimeoutAsync(300);
        await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        Assert.True(new FileInfo(path).Length > 5_000, $"{path} looks empty");
    }
}
