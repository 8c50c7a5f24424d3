using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pincer.Fakes.Scripting;

/// <summary>Reads the JSON script format described in README.md.</summary>
public static class FakeScriptJson
{
    public static FakeScript Load(string path) => Parse(File.ReadAllText(path));

    public static FakeScript Parse(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })?.AsObject()
            ?? throw new FormatException("a script is a JSON object");
        var script = new FakeScript
        {
            Models = root["models"]?.AsArray().Select(m => m!.GetValue<string>()).ToList() ?? ["fake-model"],
            Fallback = root.TryGetPropertyValue("fallback", out var fallback)
                ? fallback is null ? null : Reply(fallback.AsObject())
                : FakeReply.Say("Fake reply."),
        };
        foreach (var (key, list) in root["replies"]?.AsObject() ?? [])
        {
            foreach (var item in list?.AsArray() ?? [])
            {
                var reply = Reply(item!.AsObject());
                if (key == "*")
                {
                    script.Then(reply);
                }
                else
                {
                    script.Then(FakeApis.Parse(key), reply);
                }
            }
        }

        return script;
    }

    public static FakeReply Reply(JsonObject o)
    {
        var usage = o["usage"]?.AsObject();
        return new FakeReply
        {
            Text = (string?)o["text"],
            Chunks = (int?)o["chunks"] ?? 2,
            Thinking = (string?)o["thinking"],
            ThinkingSignature = (string?)o["thinkingSignature"],
            ToolCalls = o["toolCalls"]?.AsArray().Select(t => ToolCall(t!.AsObject())).ToList() ?? [],
            Usage = usage is null ? FakeUsage.Default : new FakeUsage(
                (int?)usage["input"] ?? 0, (int?)usage["output"] ?? 0, (int?)usage["cacheRead"] ?? 0,
                (int?)usage["cacheWrite"] ?? 0, (int?)usage["reasoning"] ?? 0),
            StopReason = (string?)o["stopReason"],
            Error = o["error"] is { } error ? ErrorKind((string)error!) : null,
            ErrorMessage = (string?)o["errorMessage"],
            RetryAfterSeconds = (int?)o["retryAfter"] ?? 7,
            ErrorInStream = (bool?)o["errorInStream"] ?? false,
            Hang = (bool?)o["hang"] ?? false,
            StallAfterChunks = (int?)o["stallAfterChunks"],
            ForModel = (string?)o["model"],
            Repeat = (bool?)o["repeat"] ?? false,
            ChunkDelayMs = (int?)o["chunkDelayMs"] ?? 0,
        };
    }

    private static FakeToolCall ToolCall(JsonObject o)
    {
        var args = o["arguments"];
        var text = args switch
        {
            null => "{}",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => args.ToJsonString(),
        };
        return new FakeToolCall((string?)o["name"] ?? throw new FormatException("a tool call needs a name"), text, (string?)o["id"]);
    }

    private static FakeErrorKind ErrorKind(string name) => name switch
    {
        "invalid_key" or "auth" => FakeErrorKind.InvalidKey,
        "rate_limit" => FakeErrorKind.RateLimit,
        "server_error" => FakeErrorKind.ServerError,
        "overloaded" => FakeErrorKind.Overloaded,
        "billing" => FakeErrorKind.Billing,
        "context_overflow" => FakeErrorKind.ContextOverflow,
        _ => throw new FormatException($"unknown error kind '{name}'"),
    };
}
