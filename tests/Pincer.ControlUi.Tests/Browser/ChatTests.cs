using Microsoft.Playwright;
using Pincer.Fakes.Scripting;

namespace Pincer.ControlUi.Tests.Browser;

/// <summary>WebChat against the fake model: streamed answers, abort, and switching sessions.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatTests(UiFixture ui)
{
    [Fact]
    public async Task A_sent_message_streams_back_as_rendered_markdown()
    {
        await using var page = await ui.OpenAsync();
        await page.GotoAsync("/#/chat");
        await page.LoginAsync();
        ui.Gateway.Model.Script.Then(FakeReply.Say("Crabs **walk sideways** and `molt`. <img src=x onerror=alert(1)>", chunks: 6));

        await page.SendAsync("How do crabs move?");

        var answer = page.Page.Locator(".msg-assistant").Last;
        await Assertions.Expect(answer.Locator("strong")).ToHaveTextAsync("walk sideways", new() { Timeout = UiPage.Timeout });
        await Assertions.Expect(answer.Locator("code")).ToHaveTextAsync("molt");
        await Assertions.Expect(answer).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-live"), new() { Timeout = UiPage.Timeout });
        // Markup in model output stays text.
        await Assertions.Expect(answer.Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(answer).ToContainTextAsync("<img src=x onerror=alert(1)>");
        await Assertions.Expect(page.Page.Locator(".msg-user").Last).ToContainTextAsync("How do crabs move?");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Stop_aborts_a_long_turn_and_keeps_the_partial_answer()
    {
        await using var page = await ui.OpenAsync();
        await page.GotoAsync("/#/chat");
        await page.LoginAsync();
        ui.Gateway.Model.Script.Then(FakeReply.StreamThenStall("First part of a very long answer that never finishes on its own.", chunks: 8, stallAfter: 2));

        await page.SendAsync("Tell me everything.");
        var live = page.Page.Locator(".msg-assistant.is-live");
        await Assertions.Expect(live.Locator(".md")).ToContainTextAsync("First", new() { Timeout = UiPage.Timeout });
        await page.Page.Locator("#abort-button").ClickAsync();

        var stopped = page.Page.Locator(".msg-assistant.is-aborted");
        await Assertions.Expect(stopped).ToHaveCountAsync(1, new() { Timeout = UiPage.Timeout });
        await Assertions.Expect(stopped).ToContainTextAsync("stopped");
        await Assertions.Expect(page.Page.Locator("#abort-button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.Locator("#send-button")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Switching_sessions_shows_each_sessions_own_history()
    {
        await using var page = await ui.OpenAsync();
        await page.GotoAsync("/#/chat");
        await page.LoginAsync();
        ui.Gateway.Model.Script.Then(FakeReply.Say("Answer in the first session."));
        await page.SendAsync("first-session question");
        await Assertions.Expect(page.Page.Locator(".msg-assistant").Last).ToContainTextAsync("Answer in the first session.", new() { Timeout = UiPage.Timeout });
        var firstKey = await page.Page.Locator(".session-item[aria-selected=true]").GetAttributeAsync("data-key");

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "New session" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator(".session-item[aria-selected=true]")).Not.ToHaveAttributeAsync("data-key", firstKey!, new() { Timeout = UiPage.Timeout });
        await Assertions.Expect(page.Page.Locator(".messages .msg")).ToHaveCountAsync(0);
        ui.Gateway.Model.Script.Then(FakeReply.Say("Answer in the second session."));
        await page.SendAsync("second-session question");
        await Assertions.Expect(page.Page.Locator(".msg-assistant").Last).ToContainTextAsync("Answer in the second session.", new() { Timeout = UiPage.Timeout });

        await page.Page.Locator($".session-item[data-key='{firstKey}']").ClickAsync();
        await Assertions.Expect(page.Page.Locator(".messages")).ToContainTextAsync("first-session question", new() { Timeout = UiPage.Timeout });
        await Assertions.Expect(page.Page.Locator(".messages")).Not.ToContainTextAsync("second-session question");
        Assert.Empty(page.Errors);
    }
}
