using Pincer.Fakes.Reference;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Reference;

/// <summary>
/// The proof the fakes speak the real wire: the reference gateway, configured with a provider of
/// each API pointed at the fake, runs real chat.send turns and gets the scripted replies back.
/// Set PINCER_FAKES_EXAMPLES_OUT to save the request bodies the reference sent.
/// </summary>
public sealed class ReferenceTurnTests
{
    public static TheoryData<FakeApi> Apis => [.. FakeApis.All];

    [ReferenceTheory]
    [MemberData(nameof(Apis))]
    public async Task Reference_runs_a_text_turn_against_the_fake(FakeApi api)
    {
        var reply = $"Crabs live in tide pools ({api.Name()}).";
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(api, FakeReply.Say(reply, chunks: 3)));

        var history = await ReferenceTurn.RunAsync(api, fake, "Where do crabs live?", h => ReferenceTurn.Assistants(h).Count > 0);

        var generation = Assert.Single(fake.Generations());
        Assert.Equal(api, generation.Api);
        Assert.Equal(FakeProviderConfig.Model, api == FakeApi.GoogleGenerativeAi ? generation.Path.Split('/')[^1].Split(':')[0] : (string?)generation.Json?["model"]);
        Assert.Contains("Where do crabs live?", generation.Body, StringComparison.Ordinal);
        var assistant = ReferenceTurn.Assistants(history)[^1];
        Assert.Equal(reply, assistant.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(api.Name(), assistant.GetProperty("api").GetString());
        Assert.Equal(12, assistant.GetProperty("usage").GetProperty("input").GetInt32());
        Assert.Equal(5, assistant.GetProperty("usage").GetProperty("output").GetInt32());
        await ReferenceTurn.SaveExampleAsync(api, generation, "request");
    }

    [ReferenceTheory]
    [MemberData(nameof(Apis))]
    public async Task Reference_runs_the_fakes_tool_call_and_sends_the_result_back(FakeApi api)
    {
        var script = new FakeScript()
            .Then(api, FakeReply.CallTools(new FakeToolCall("ls", """{"path":"."}""", "call_ls_1")) with { Chunks = 3 })
            .Then(api, FakeReply.Say("The workspace is listed."));
        await using var fake = await FakeModelServer.StartAsync(script);

        var history = await ReferenceTurn.RunAsync(api, fake, "List the workspace.", h => ReferenceTurn.HasAssistantText(h, "The workspace is listed."));

        var generations = fake.Generations();
        Assert.Equal(2, generations.Count);
        await ReferenceTurn.SaveExampleAsync(api, generations[1], "tool-result.request");
        var roles = history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
        Assert.Contains("toolResult", roles);
        // The second request replays the call with the tool's output (the ls listing of the new workspace),
        // under the id the reference sends for that API: it strips '_' from ids for some APIs.
        var replayedId = api is FakeApi.OpenAiResponses or FakeApi.Ollama ? "call_ls_1" : "callls1";
        const string Listing = "IDENTITY.md\\\"\\n\\\"SOUL.md";
        Assert.DoesNotContain(Listing, generations[0].Body, StringComparison.Ordinal);
        Assert.Contains(Listing, generations[1].Body, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(generations[1].Body, $"\"{replayedId}\""));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
