using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Agents.Models;
using Pincer.Agents.Prompting;
using Pincer.Agents.Runs;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Sessions;
using Pincer.Gateway.Sessions.Write;
using Pincer.Providers;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Agents;

/// <summary>
/// Turns a session and its transcript into the model request of a turn: the model (session override, else the
/// agent's primary) with its fallbacks, the system prompt over the workspace files, the replayed history with
/// each user message in its envelope, and the runtime-context block after the new message.
/// </summary>
internal sealed class TurnConversation(SessionTargetResolver targets, ConfigState config, GatewayRunOptions options, ModelClients clients, TimeProvider time)
{
    /// <summary>Makes sure the workspace exists; returns its directory.</summary>
    public Task<string> PrepareWorkspaceAsync(AgentStore store, SessionEntry session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var dir = targets.WorkspaceDir(store.AgentId);
        Directory.CreateDirectory(dir);
        return Task.FromResult(dir);
    }

    public Task<AgentRunRequest> BuildAsync(AgentStore store, SessionEntry session, TurnInput input, TurnTranscript transcript, string workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(transcript);
        var cfg = config.Current.Resolved;
        var models = new ConfiguredModels(cfg, options.Environment);
        var agentId = store.AgentId;
        var primary = models.Primary(agentId) ?? throw new ProviderException(ProviderErrorKind.ModelNotFound, "No model configured: set agents.defaults.model");
        var chosen = session.ProviderOverride is { } p && session.ModelOverride is { } m ? new ModelRef(p, m) : primary;
        var explicitChoice = chosen != primary;
        var attempt = Attempt(models.Resolve(chosen) ?? throw new ProviderException(ProviderErrorKind.ModelNotFound, $"Unknown model: {chosen}"), agentId, input, transcript, workspace, primary);
        var fallbacks = explicitChoice
            ? []
            : models.Fallbacks(agentId).Select(models.Resolve).OfType<ResolvedModel>().Select(r => Attempt(r, agentId, input, transcript, workspace, primary)).ToList();
        return Task.FromResult(new AgentRunRequest
        {
            RunId = input.Run.RunId,
            AgentId = agentId,
            SessionKey = input.StoreKey,
            SessionId = session.SessionId!,
            ParentEntryId = transcript.User.Entry.Id,
            Model = attempt,
            Planner = new FallbackPlanner(fallbacks),
            ThinkingLevel = input.ThinkingOverride ?? session.ThinkingLevel ?? "off",
        });
    }

    private ModelAttempt Attempt(ResolvedModel model, string agentId, TurnInput input, TurnTranscript transcript, string workspace, ModelRef primary)
    {
        var endpoint = model.Endpoint;
        var client = clients.Create(endpoint) ?? throw new ProviderException(ProviderErrorKind.Format, $"Model API not supported by this gateway yet: {endpoint.Api}");
        var zone = Zone;
        var inputs = new PromptInputs
        {
            AgentId = agentId,
            SessionKey = input.StoreKey,
            SessionId = transcript.User.Entry.Json["id"] is null ? "" : (string?)SessionIdOf(transcript) ?? "",
            WorkspaceDir = workspace,
            ModelRef = model.Ref.ToString(),
            DefaultModelRef = primary.ToString(),
            Api = endpoint.Api,
            Now = time.GetUtcNow(),
            TimeZone = zone,
            ThinkingLevel = input.ThinkingOverride ?? "off",
            HostName = Environment.MachineName,
            OperatingSystem = HostFacts.OperatingSystem,
            Runtime = HostFacts.Runtime,
            RepoRoot = HostFacts.GitRoot(workspace),
        };
        var prompt = SystemPromptBuilder.Build(inputs, WorkspaceFiles.Load(workspace));
        var runtimeOnUser = UserEnvelope.RuntimeLineOnUser(endpoint.Api) ? RuntimeLine.Build(inputs) : null;
        var history = TranscriptReplay.Build(transcript.History, (message, index) =>
        {
            var sent = message["timestamp"] is JsonValue t && t.TryGetValue<double>(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : time.GetUtcNow();
            return UserEnvelope.Wrap(UserText(message), sent, zone, index == 0 ? runtimeOnUser : null);
        });
        var system = new ChatMessage(ChatRole.System,
        [
            new TextContent(prompt.Stable) { AdditionalProperties = new() { [ProviderConventions.CacheBreakpoint] = true } },
            new TextContent(prompt.Dynamic),
        ]);
        var context = new ChatMessage(ChatRole.User, [new TextContent(InternalContext.Build([], []))]);
        return new ModelAttempt(endpoint, client, [system, .. history, context], model.Cost);
    }

    /// <summary>The zone user envelopes are stamped in.</summary>
    public static TimeZoneInfo Zone => TimeZoneInfo.Utc;

    private static string? SessionIdOf(TurnTranscript transcript) =>
        transcript.History.FirstOrDefault(e => e.Entry.IsHeader)?.Entry.Id;

    private static string UserText(JsonObject message) => message["content"] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray blocks => string.Join('\n', blocks.OfType<JsonObject>().Where(b => (b["type"] as JsonValue)?.ToString() == "text").Select(b => (b["text"] as JsonValue)?.ToString())),
        _ => "",
    };
}
