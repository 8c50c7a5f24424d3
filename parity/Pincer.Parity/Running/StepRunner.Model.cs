using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Parity.Running;

/// <summary>
/// The agent-turn steps: script the gateway's fake model, read back what the provider received, and collect a
/// run's event stream.
/// </summary>
public sealed partial class StepRunner
{
    private int _modelRequestsTaken;

    /// <summary><c>modelScript</c>: queues <c>replies</c> (the fake's JSON reply format) on this gateway's fake model.</summary>
    private void QueueModelReplies(JsonObject step)
    {
        var model = _gateway.Model ?? throw new InvalidDataException("modelScript needs \"fakeModel\": true in the gateway block");
        foreach (var reply in step["replies"]?.AsArray() ?? [])
        {
            model.Script.Then(FakeScriptJson.Reply(reply!.AsObject()));
        }
    }

    /// <summary>
    /// <c>modelRequests</c>: the generate requests the fake received since the previous such step: API, path and
    /// body, with the system prompt replaced by <see cref="SystemPromptDigest"/> (its prose is each implementation's
    /// own; its structure and the user's injected files are the contract).
    /// </summary>
    private JsonArray TakeModelRequests()
    {
        var model = _gateway.Model ?? throw new InvalidDataException("modelRequests needs \"fakeModel\": true in the gateway block");
        var all = model.Generations();
        var taken = new JsonArray();
        foreach (var request in all.Skip(_modelRequestsTaken))
        {
            taken.Add(new JsonObject
            {
                ["api"] = request.Api?.ToString(),
                ["method"] = request.Method,
                ["path"] = request.Path,
                ["query"] = request.Query,
                ["body"] = SystemPromptDigest.Apply(request.Json?.DeepClone()),
            });
        }

        _modelRequestsTaken = all.Count;
        return taken;
    }

    /// <summary>
    /// <c>events</c>: waits for the frame matching <c>until</c> (paths inside the frame → expected values) and takes
    /// every unread event named in <c>names</c> up to and including it, in arrival order. The frame-level
    /// <c>seq</c> is dropped: it counts every broadcast, including ones the scenario does not look at.
    /// With <c>"chatDeltas": "joined"</c> the chat <c>delta</c> events leave the sequence and each run's deltas are
    /// compared as one joined text at the end: how live text splits into deltas follows each gateway's pacing
    /// timers, which a loaded machine reorders on either side.
    /// </summary>
    private static async Task<JsonArray> TakeEventsAsync(WsConnection conn, JsonObject step, TimeSpan timeout, CancellationToken ct)
    {
        var names = (step["names"]?.AsArray() ?? []).Select(n => (string?)n ?? "").ToHashSet(StringComparer.Ordinal);
        var until = step["until"] as JsonObject;
        var frames = await conn.TakeThroughAsync(f => JsonPaths.Matches(f, until), f => (string?)f["type"] == "event" && names.Contains((string?)f["event"] ?? ""), timeout, ct);
        var events = new JsonArray();
        foreach (var frame in frames)
        {
            var copy = (JsonObject)frame.DeepClone();
            copy.Remove("seq");
            events.Add(copy);
        }

        return (string?)step["chatDeltas"] == "joined" ? JoinChatDeltas(events) : events;
    }

    private static JsonArray JoinChatDeltas(JsonArray events)
    {
        var kept = new JsonArray();
        var joined = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var frame in events)
        {
            var payload = frame!["payload"] as JsonObject;
            if ((string?)frame["event"] == "chat" && (string?)payload?["state"] == "delta")
            {
                var runId = (string?)payload!["runId"] ?? "";
                if (!joined.TryGetValue(runId, out var text))
                {
                    order.Add(runId);
                    text = "";
                }

                // A replacing delta starts the run's text over.
                joined[runId] = ((bool?)payload["replace"] == true ? "" : text) + ((string?)payload["deltaText"] ?? "");
                continue;
            }

            kept.Add(frame.DeepClone());
        }

        foreach (var runId in order)
        {
            kept.Add(new JsonObject { ["joinedChatDeltas"] = new JsonObject { ["runId"] = runId, ["text"] = joined[runId] } });
        }

        return kept;
    }
}
