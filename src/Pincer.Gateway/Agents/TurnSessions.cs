using System.Text.Json.Nodes;
using Pincer.Agents.Runs;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Write;
using Pincer.Providers;
using Pincer.Sessions.Lanes;
using Pincer.Sessions.Store;
using Pincer.Sessions.Transcripts;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Gateway.Agents;

/// <summary>
/// The session row and transcript writes around a turn, with the reference's fields: the entry a first
/// <c>chat.send</c> creates, the committed user message, the running/done status and the usage a run leaves.
/// Each write is followed by its <c>sessions.changed</c> to subscribers.
/// </summary>
internal sealed class TurnSessions(SessionChangePublisher changes, SessionTargetResolver targets, TranscriptHistoryCache transcripts, TimeProvider time)
{
    /// <summary>The identity namespace the reference records for operator clients (no channel plugin, no account).</summary>
    private const string ObservationNamespace = """{"type":"observation","pluginId":null,"accountId":null,"senderKind":"unknown"}""";

    /// <summary>
    /// The turn's session row, created on a first turn. <c>FreshWindow</c> is true when this call gave the session a
    /// new random session id, whose transcript therefore cannot have entries yet.
    /// </summary>
    public async Task<(SessionEntry Entry, bool FreshWindow)> EnsureAsync(AgentStore store, TurnInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(input);
        var created = false;
        var freshWindow = false;
        var entry = await store.Sessions.UpdateAsync(input.StoreKey, current =>
        {
            if (current?.SessionId is { Length: > 0 })
            {
                return null;
            }

            created = true;
            var now = Now();
            var json = current?.Json.DeepClone() as JsonObject ?? [];
            if (input.Run.Origin == TurnOrigin.Explicit)
            {
                // A one-off `agent` run owns its session: the run id is the session id and nothing is delivered.
                json["sessionId"] = input.Run.RunId;
                json["updatedAt"] = now;
                json["sessionStartedAt"] = now;
                json["delivery"] ??= new JsonObject { ["kind"] = "none" };
                return new SessionEntry(json);
            }

            if (input.Run.Origin == TurnOrigin.AgentRun)
            {
                json["displayName"] ??= Pincer.Abstractions.Sessions.SessionKeys.ParseAgent(input.StoreKey)?.Rest ?? input.StoreKey;
            }

            freshWindow = true;
            json["createdVia"] ??= input.Run.Origin == TurnOrigin.AgentRun ? "run" : "operator";
            json["createdAt"] ??= now;
            json["sessionId"] = Guid.NewGuid().ToString();
            json["lifecycleRevision"] = Guid.NewGuid().ToString();
            json["updatedAt"] = now;
            json["sessionStartedAt"] = now;
            json["lastInteractionAt"] = input.Run.AcceptedAtMs;
            json["systemSent"] = false;
            json["abortedLastRun"] = false;
            json["chatType"] ??= "direct";
            json["delivery"] ??= new JsonObject { ["kind"] = "internal" };
            return new SessionEntry(json);
        }, cancellationToken).ConfigureAwait(false);
        entry ??= await store.Sessions.GetAsync(input.StoreKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"session {input.StoreKey} vanished while its turn started");
        await SessionParticipantRows.RecordPromptAsync(store.Database, input.StoreKey, ObservationNamespace, input.ClientId, input.Run.AcceptedAtMs, cancellationToken).ConfigureAwait(false);
        changes.Changed(input.StoreKey, store.AgentId, created ? "create" : "participants", entry);
        return (entry, freshWindow);
    }

    /// <summary>
    /// Commits the header (for a new transcript) and the user's message. A <paramref name="freshWindow"/> has no
    /// transcript to read yet.
    /// </summary>
    public async Task<TurnTranscript> AppendUserAsync(AgentStore store, SessionEntry session, bool freshWindow, TurnInput input, LaneTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(turn);
        var sessionId = session.SessionId!;
        var (history, watermark) = freshWindow
            ? ([], new TranscriptWatermark(null, null))
            : await transcripts.ReadAllAsync(store, sessionId, cancellationToken).ConfigureAwait(false);
        var cursor = new TranscriptCursor(history.Count == 0 ? 0 : history[^1].Seq + 1, history.Count(e => Sessions.Read.ChatHistoryMessage.IsVisible(e.Entry)));
        var now = time.GetUtcNow();
        var appends = new List<TranscriptEntry>();
        if (history.Count == 0)
        {
            var header = TranscriptEntry.CreateHeader(sessionId, now, targets.WorkspaceDir(store.AgentId));
            appends.Add(header);
            history.Add(cursor.Advance(header, now.ToUnixTimeMilliseconds()).Stored);
        }

        var key = turn.Kind == LaneTurnKind.Collected ? CollectedTurnKey.For(sessionId, turn.Sources) : input.IdempotencyKey + ":user";
        var message = UserMessage(input, turn.Prompt, input.Run.AcceptedAtMs, key, steerTargetRunId: null);
        var user = TranscriptEntry.CreateMessage(Guid.NewGuid().ToString(), LeafId(history), now, message);
        appends.Add(user);
        await store.Transcripts.AppendAsync(input.StoreKey, sessionId, appends, CancellationToken.None).ConfigureAwait(false);
        var (stored, messageSeq) = cursor.Advance(user, now.ToUnixTimeMilliseconds());
        history.Add(stored);
        if (watermark.Generation is null)
        {
            // A new transcript gets its generation with its first append.
            watermark = await TranscriptWatermark.ReadAsync(store.Database, sessionId, cancellationToken).ConfigureAwait(false);
        }

        var source = watermark.Generation is { } generation ? Sessions.Read.ChatHistoryMessage.DisplaySource(store.Database.Path, store.AgentId, sessionId, generation) : null;
        return new TurnTranscript(history, stored, messageSeq, cursor, source);
    }

    /// <summary>A user transcript entry's message: the prompt, when it was sent, its key and who sent it.</summary>
    /// <param name="steerTargetRunId">The running turn a steered message was fed into, which the reference records.</param>
    public static JsonObject UserMessage(TurnInput input, string content, long sentAtMs, string idempotencyKey, string? steerTargetRunId)
    {
        ArgumentNullException.ThrowIfNull(input);
        var meta = new JsonObject
        {
            ["senderIsOwner"] = input.SenderIsOwner,
            ["transport"] = new JsonObject { ["clients"] = new JsonArray(new JsonObject { ["id"] = input.ClientId, ["mode"] = input.ClientMode }) },
        };
        if (steerTargetRunId is not null)
        {
            meta["steerTargetRunId"] = steerTargetRunId;
        }

        return new JsonObject
        {
            ["role"] = "user", ["content"] = content, ["timestamp"] = sentAtMs, ["idempotencyKey"] = idempotencyKey, ["__openclaw"] = meta,
        };
    }

    public async Task<SessionEntry> MarkRunningAsync(AgentStore store, string storeKey, ChatRun run, long startedAt, ProviderEndpoint model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(model);
        var entry = await store.Sessions.UpdateAsync(storeKey, current =>
        {
            if (current is null)
            {
                return null;
            }

            var json = current.Json;
            json["updatedAt"] = Math.Max(current.UpdatedAt ?? 0, Now());
            json["systemSent"] = true;
            json["activeWriterRunId"] = run.RunId;
            json["status"] = "running";
            json["startedAt"] = startedAt;
            json.Remove("endedAt");
            json.Remove("runtimeMs");
            json["modelProvider"] = model.Provider;
            json["model"] = model.Model;
            json["agentHarnessId"] = "openclaw";
            if (model.ContextWindow is { } window)
            {
                json["contextTokens"] = window;
            }

            return current;
        }, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            throw new InvalidOperationException($"session {storeKey} vanished while its turn started");
        }

        changes.Changed(storeKey, store.AgentId, "agent.run.started", entry);
        return entry;
    }

    /// <summary>
    /// The control entries the reference writes before the model call when they changed: the thinking level and
    /// a model snapshot. Returns the leaf the run's replies hang under.
    /// </summary>
    public async Task<string?> AppendRunMarkersAsync(AgentStore store, SessionEntry session, TurnTranscript transcript, AgentRunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(request);
        var leaf = transcript.User.Entry.Id;
        var appends = new List<TranscriptEntry>();
        var last = Latest(transcript.History);
        if (last.Thinking != request.ThinkingLevel)
        {
            var thinking = new JsonObject
            {
                ["type"] = TranscriptEntryTypes.ThinkingLevelChange,
                ["thinkingLevel"] = request.ThinkingLevel,
                ["id"] = Guid.NewGuid().ToString(),
                ["parentId"] = leaf,
                ["timestamp"] = TranscriptEntry.FormatTimestamp(time.GetUtcNow()),
            };
            appends.Add(new TranscriptEntry(thinking));
            leaf = (string)thinking["id"]!;
        }

        var endpoint = request.Model.Endpoint;
        if (last.Snapshot != (endpoint.Provider, endpoint.Api, endpoint.Model))
        {
            var snapshot = Custom("model-snapshot", new JsonObject
            {
                ["timestamp"] = Now(), ["provider"] = endpoint.Provider, ["modelApi"] = endpoint.Api, ["modelId"] = endpoint.Model,
            }, leaf);
            appends.Add(snapshot);
            leaf = snapshot.Id;
        }

        if (appends.Count > 0)
        {
            await store.Transcripts.AppendAsync(request.SessionKey, request.SessionId, appends, CancellationToken.None).ConfigureAwait(false);
            foreach (var entry in appends)
            {
                transcript.Cursor.Advance(entry, Now());
            }
        }

        return leaf;
    }

    /// <summary>
    /// The marker that a run completed with the workspace's first-run bootstrap (<c>BOOTSTRAP.md</c>) pending and
    /// its full context injected. The reference records it only then, and only for a run that neither failed nor was
    /// aborted; with no bootstrap pending the transcript gets no marker.
    /// </summary>
    public async Task AppendBootstrapMarkerAsync(AgentStore store, string storeKey, string sessionId, TranscriptCursor cursor, string runId, string? leaf)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(cursor);
        if (!File.Exists(Path.Combine(targets.WorkspaceDir(store.AgentId), "BOOTSTRAP.md")))
        {
            return;
        }

        var marker = Custom("openclaw:bootstrap-context:full", new JsonObject { ["timestamp"] = Now(), ["runId"] = runId, ["sessionId"] = sessionId }, leaf);
        await store.Transcripts.AppendAsync(storeKey, sessionId, [marker], CancellationToken.None).ConfigureAwait(false);
        cursor.Advance(marker, Now());
    }

    /// <summary>The row a finished run leaves: done/failed, its times, and the usage of its last model call.</summary>
    public async Task SettleAsync(AgentStore store, string storeKey, ChatRun run, RunOutcome outcome, long startedAt, long endedAt)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(outcome);
        var entry = await store.Sessions.UpdateAsync(storeKey, current =>
        {
            if (current is null)
            {
                return null;
            }

            var json = current.Json;
            var last = outcome.LastCallUsage;
            json["updatedAt"] = Math.Max(current.UpdatedAt ?? 0, Now());
            json["abortedLastRun"] = outcome.Aborted;
            json["compactionCount"] ??= 0;
            json["totalTokens"] = last.Input + last.CacheRead + last.CacheWrite;
            json["totalTokensFresh"] = true;
            json["status"] = outcome.Aborted ? "killed" : outcome.Error is null ? "done" : "failed";
            json["modelProvider"] = outcome.Provider;
            json["model"] = outcome.Model;
            json["inputTokens"] = last.Input;
            json["outputTokens"] = last.Output;
            json["cacheRead"] = last.CacheRead;
            json["cacheWrite"] = last.CacheWrite;
            json["estimatedCostUsd"] = outcome.CostUsd;
            json["endedAt"] = endedAt;
            json["runtimeMs"] = endedAt - startedAt;
            json["lastRunId"] = run.RunId;
            return current;
        }, CancellationToken.None).ConfigureAwait(false);
        if (entry is not null)
        {
            changes.Changed(storeKey, store.AgentId, "agent.input.settled", entry);
        }
    }

    private static (string? Thinking, (string?, string?, string?)? Snapshot) Latest(IReadOnlyList<StoredTranscriptEntry> history)
    {
        string? thinking = null;
        (string?, string?, string?)? snapshot = null;
        foreach (var stored in history)
        {
            var json = stored.Entry.Json;
            if (stored.Entry.Type == TranscriptEntryTypes.ThinkingLevelChange)
            {
                thinking = (json["thinkingLevel"] as JsonValue)?.ToString();
            }
            else if (stored.Entry.Type == TranscriptEntryTypes.Custom && (json["customType"] as JsonValue)?.ToString() == "model-snapshot" && json["data"] is JsonObject data)
            {
                snapshot = ((data["provider"] as JsonValue)?.ToString(), (data["modelApi"] as JsonValue)?.ToString(), (data["modelId"] as JsonValue)?.ToString());
            }
        }

        return (thinking, snapshot);
    }

    private TranscriptEntry Custom(string customType, JsonObject data, string? parentId) => new(new JsonObject
    {
        ["type"] = TranscriptEntryTypes.Custom,
        ["customType"] = customType,
        ["data"] = data,
        ["id"] = Guid.NewGuid().ToString(),
        ["parentId"] = parentId,
        ["timestamp"] = TranscriptEntry.FormatTimestamp(time.GetUtcNow()),
    });

    private static string? LeafId(List<StoredTranscriptEntry> history)
    {
        for (var i = history.Count - 1; i >= 0; i--)
        {
            if (!history[i].Entry.IsHeader && history[i].Entry.Id is { } id && TranscriptEntryTypes.IsCanonical(history[i].Entry.Type))
            {
                return id;
            }
        }

        return null;
    }

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
