using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Fakes.Reference;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Reference;

/// <summary>
/// Runs one chat.send turn on a throwaway reference gateway whose default model is the given fake;
/// returns chat.history once an assistant message with text is in it.
/// </summary>
internal static class ReferenceTurn
{
    public const string Key = "agent:main:main";

    public static async Task<JsonElement> RunAsync(FakeApi api, FakeModelServer fake, string message, Func<JsonElement, bool> finished)
    {
        var run = Path.Combine(Path.GetTempPath(), "pincer-fakes-ref-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(run, "state"));
        await File.WriteAllTextAsync(Path.Combine(run, "state", "openclaw.json"), FakeProviderConfig.Build(api, fake.BaseUrl).ToJsonString());
        var port = 29900 + Random.Shared.Next(90);
        try
        {
            await ReferenceGateway.StartAsync(run, port);
            var sent = await ReferenceGateway.CallAsync(run, port, "chat.send", new JsonObject
            {
                ["chat.send"] = new JsonObject { ["sessionKey"] = Key, ["message"] = message, ["idempotencyKey"] = "idem-fake-" + Guid.NewGuid().ToString("N") },
            });
            Assert.True(sent["r2"].GetProperty("ok").GetBoolean(), sent["r2"].GetRawText());
            for (var attempt = 0; attempt < 60; attempt++)
            {
                var responses = await ReferenceGateway.CallAsync(run, port, "chat.history", new JsonObject { ["chat.history"] = new JsonObject { ["sessionKey"] = Key } });
                var payload = responses["r2"].GetProperty("payload");
                if (finished(payload))
                {
                    return payload.Clone();
                }

                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            var log = await File.ReadAllLinesAsync(Path.Combine(run, "gateway.log"));
            throw new TimeoutException("the reference never finished the turn against the fake:\n" + string.Join('\n', log.TakeLast(20)));
        }
        finally
        {
            ReferenceGateway.Stop(run);
            try
            {
                Directory.Delete(run, recursive: true);
            }
            catch (IOException)
            {
                // A straggling child may still hold a file; the temp dir is disposable anyway.
            }
        }
    }

    /// <summary>Assistant messages in history order.</summary>
    public static List<JsonElement> Assistants(JsonElement history) =>
        [.. history.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "assistant")];

    public static bool HasAssistantText(JsonElement history, string text) =>
        Assistants(history).Any(m => m.GetProperty("content").ValueKind == JsonValueKind.Array
            && m.GetProperty("content").EnumerateArray().Any(b => b.TryGetProperty("text", out var t) && t.GetString() == text));

    /// <summary>Saves what the reference sent under PINCER_FAKES_EXAMPLES_OUT, when set.</summary>
    public static async Task SaveExampleAsync(FakeApi api, RecordedRequest request, string suffix)
    {
        if (Environment.GetEnvironmentVariable("PINCER_FAKES_EXAMPLES_OUT") is not { Length: > 0 } outDir)
        {
            return;
        }

        var example = request.ToJson();
        // Per-run noise: ephemeral port, sizes and trace ids.
        foreach (var header in new[] { "host", "content-length", "traceparent" })
        {
            example["headers"]!.AsObject().Remove(header);
        }

        example["config"] = FakeProviderConfig.Build(api, "http://127.0.0.1:PORT");
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, $"{api.Name()}.{suffix}.json"),
            example.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }
}
