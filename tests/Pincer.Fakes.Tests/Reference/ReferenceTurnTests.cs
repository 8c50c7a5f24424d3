using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Fakes.Reference;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Reference;

/// <summary>
/// The proof the fakes speak the real wire: the reference gateway, configured with a provider of
/// each API pointed at the fake, runs a real chat.send turn, and the scripted reply comes back in
/// chat.history. Set PINCER_FAKES_EXAMPLES_OUT to save the request bodies the reference sent.
/// </summary>
public sealed class ReferenceTurnTests
{
    private const string Key = "agent:main:main";

    public static TheoryData<FakeApi> Apis => [.. FakeApis.All];

    [ReferenceTheory]
    [MemberData(nameof(Apis))]
    public async Task Reference_runs_a_turn_against_the_fake(FakeApi api)
    {
        var reply = $"Crabs live in tide pools ({api.Name()}).";
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(api, FakeReply.Say(reply, chunks: 3)));
        var run = Path.Combine(Path.GetTempPath(), "pincer-fakes-ref-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(run, "state"));
        await File.WriteAllTextAsync(Path.Combine(run, "state", "openclaw.json"), FakeProviderConfig.Build(api, fake.BaseUrl).ToJsonString());
        var port = 29900 + (int)api * 7 + Random.Shared.Next(7);
        JsonElement history;
        try
        {
            await ReferenceGateway.StartAsync(run, port);
            var sent = await ReferenceGateway.CallAsync(run, port, "chat.send", new JsonObject
            {
                ["chat.send"] = new JsonObject { ["sessionKey"] = Key, ["message"] = "Where do crabs live?", ["idempotencyKey"] = "idem-fake-1" },
            });
            Assert.True(sent["r2"].GetProperty("ok").GetBoolean(), sent["r2"].GetRawText());
            history = await WaitForAssistantAsync(run, port);
        }
        finally
        {
            ReferenceGateway.Stop(run);
        }

        var generation = Assert.Single(fake.Generations());
        Assert.Equal(api, generation.Api);
        Assert.Equal(FakeProviderConfig.Model, api == FakeApi.GoogleGenerativeAi ? generation.Path.Split('/')[^1].Split(':')[0] : (string?)generation.Json?["model"]);
        Assert.Contains("Where do crabs live?", generation.Body, StringComparison.Ordinal);
        var assistant = history.GetProperty("messages").EnumerateArray().Last(m => m.GetProperty("role").GetString() == "assistant");
        Assert.Equal(reply, assistant.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(api.Name(), assistant.GetProperty("api").GetString());
        Assert.Equal(12, assistant.GetProperty("usage").GetProperty("input").GetInt32());
        Assert.Equal(5, assistant.GetProperty("usage").GetProperty("output").GetInt32());

        if (Environment.GetEnvironmentVariable("PINCER_FAKES_EXAMPLES_OUT") is { Length: > 0 } outDir)
        {
            var example = generation.ToJson();
            // Per-run noise: ephemeral port, sizes and trace ids.
            foreach (var header in new[] { "host", "content-length", "traceparent" })
            {
                example["headers"]!.AsObject().Remove(header);
            }

            example["path"] = generation.Path.Replace(fake.BaseUrl, "", StringComparison.Ordinal);
            example["config"] = FakeProviderConfig.Build(api, "http://127.0.0.1:PORT");
            Directory.CreateDirectory(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, api.Name() + ".request.json"),
                example.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        Directory.Delete(run, recursive: true);
    }

    private static async Task<JsonElement> WaitForAssistantAsync(string run, int port)
    {
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var responses = await ReferenceGateway.CallAsync(run, port, "chat.history", new JsonObject { ["chat.history"] = new JsonObject { ["sessionKey"] = Key } });
            var payload = responses["r2"].GetProperty("payload");
            if (payload.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("role").GetString() == "assistant"))
            {
                return payload.Clone();
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        throw new TimeoutException("the reference never finished the turn against the fake: " + File.ReadAllText(Path.Combine(run, "gateway.log")).Split('\n').TakeLast(20).Aggregate((a, b) => a + "\n" + b));
    }
}
