using Microsoft.Playwright;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>The config editor: an invalid value is refused by config.set and the issue shows next to the editor.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConfigTests(UiFixture ui)
{
    [Fact]
    public async Task An_invalid_value_is_refused_and_its_issue_shown_inline()
    {
        await using var page = await ui.OpenAsync();
        await page.GotoAsync("/#/config");
        await page.LoginAsync();
        var editor = page.Page.Locator("#config-editor");
        await Assertions.Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("checkOnStart"), new() { Timeout = UiPage.Timeout });
        var before = await File.ReadAllTextAsync(ui.Gateway.ConfigPath);

        var raw = await editor.InputValueAsync();
        var broken = System.Text.RegularExpressions.Regex.Replace(raw, "\"checkOnStart\"\\s*:\\s*false", "\"checkOnStart\": \"sometimes\"");
        Assert.NotEqual(raw, broken);
        await editor.FillAsync(broken);
        await page.Page.Locator("#config-save").ClickAsync();

        var issues = page.Page.Locator("#config-issues");
        await Assertions.Expect(issues).ToBeVisibleAsync(new() { Timeout = UiPage.Timeout });
        await Assertions.Expect(issues).ToContainTextAsync("update.checkOnStart");
        Assert.Equal(before, await File.ReadAllTextAsync(ui.Gateway.ConfigPath));
    }
}
