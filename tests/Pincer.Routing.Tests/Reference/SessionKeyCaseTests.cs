using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Channels;
using Pincer.Abstractions.Sessions;
using Pincer.Routing.Keys;

namespace Pincer.Routing.Tests.Reference;

/// <summary>Every recorded session-key helper call must give the reference's result through Pincer's equivalent.</summary>
public sealed class SessionKeyCaseTests
{
    public static TheoryData<int, string> Cases => ReferenceCases.CallIds(ReferenceCases.Keys);

    [Fact]
    public void The_fixture_covers_at_least_forty_cases() => Assert.True(ReferenceCases.Keys.Count >= 40);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference(int index, string call)
    {
        var c = ReferenceCases.Keys[index]!;
        var args = c["args"]!.AsArray().Select(a => ReferenceCases.Canonical(a)).ToArray();
        var actual = ReferenceCases.Canonical(Evaluate((string)c["fn"]!, args));
        var expected = ReferenceCases.Canonical(c["expected"]);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{call}\nexpected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
    }

    private static JsonObject Result(JsonNode? value) => new() { ["result"] = value };

    private static string? S(JsonNode? node, string? property = null) => (string?)(property is null ? node : node?[property]);

    private static JsonNode? Evaluate(string fn, JsonNode?[] a)
    {
        JsonNode? A(int i) => i < a.Length ? a[i] : null;
        return fn switch
        {
            "normalizeAgentId" => Result(AgentId.NormalizeValue(S(A(0)))),
            "normalizeAgentIdStrict" => Result(AgentId.TryNormalizeStrict(S(A(0)), out var id)
                ? new JsonObject { ["ok"] = true, ["value"] = id.Value }
                : new JsonObject { ["ok"] = false, ["error"] = "unrepresentable" }),
            "isValidAgentId" => Result(AgentId.IsValid(S(A(0)))),
            "normalizeAccountId" => Result(AccountId.Normalize(S(A(0)))),
            "normalizeOptionalAccountId" => Result(AccountId.NormalizeOptional(S(A(0)))),
            "normalizeMainKey" => Result(SessionKeys.NormalizeMainKey(S(A(0)))),
            "buildAgentMainSessionKey" => Result(SessionKeys.BuildAgentMain(S(A(0), "agentId"), S(A(0), "mainKey"))),
            "parseAgentSessionKeyParts" => Result(Parts(SessionKeys.ParseAgentParts(S(A(0))!))),
            "parseAgentSessionKey" => Result(Parts(SessionKeys.ParseAgent(S(A(0))))),
            "isIncognitoSessionKey" => Result(SessionKeyKinds.IsIncognito(S(A(0)))),
            "normalizeSessionKeyPreservingOpaquePeerIds" => Result(SessionKeys.Normalize(S(A(0)))),
            "normalizeSessionPeerId" => Result(SessionKeys.NormalizePeerId(S(A(0), "channel"), S(A(0), "peerKind"), S(A(0), "peerId"))),
            "isCronRunSessionKey" => Result(SessionKeyKinds.IsCronRun(S(A(0)))),
            "parseCronRunScopeSuffix" => Result(SessionKeyKinds.ParseCronRunScope(S(A(0))) is var cron
                ? new JsonObject { ["baseSessionKey"] = cron.BaseSessionKey, ["runId"] = cron.RunId } : null),
            "isCronSessionKey" => Result(SessionKeyKinds.IsCron(S(A(0)))),
            "isSubagentSessionKey" => Result(SessionKeyKinds.IsSubagent(S(A(0)))),
            "getSubagentDepth" => Result(SessionKeyKinds.SubagentDepth(S(A(0)))),
            "isAcpSessionKey" => Result(SessionKeyKinds.IsAcp(S(A(0)))),
            "parseThreadSessionSuffix" => Result(SessionKeyKinds.ParseThreadSuffix(S(A(0))) is var thread
                ? new JsonObject { ["baseSessionKey"] = thread.BaseSessionKey, ["threadId"] = thread.ThreadId } : null),
            "parseSessionDeliveryRoute" => Result(SessionKeyKinds.ParseDeliveryRoute(S(A(0))) is { } route
                ? new JsonObject { ["accountId"] = route.AccountId, ["channel"] = route.Channel, ["peerId"] = route.PeerId, ["peerKind"] = route.PeerKind, ["threadId"] = route.ThreadId }
                : null),
            "parseRawSessionConversationRef" => Result(SessionKeyKinds.ParseRawConversationRef(S(A(0))) is { } conv
                ? new JsonObject { ["channel"] = conv.Channel, ["kind"] = conv.Kind, ["rawId"] = conv.RawId, ["prefix"] = conv.Prefix }
                : null),
            "resolveEventSessionKey" => Result(SessionKeys.ResolveEventKey(S(A(0)), S(A(1)), S(A(2)))),
            "toAgentRequestSessionKey" => Result(SessionKeys.ToRequestKey(S(A(0)))),
            "agentSessionKeysMatchByRequestKey" => Result(SessionKeys.MatchByRequestKey(S(A(0)), S(A(1)))),
            "toAgentStoreSessionKey" => Result(SessionKeys.ToStoreKey(S(A(0), "agentId"), S(A(0), "requestKey"), S(A(0), "mainKey"))),
            "resolveAgentIdFromSessionKey" => SessionKeys.ResolveAgentId(S(A(0)), S(A(1))) is { Succeeded: true } ok
                ? Result(ok.AgentId)
                : new JsonObject { ["error"] = SessionKeys.ResolveAgentId(S(A(0)), S(A(1))).Error },
            "classifySessionKeyShape" => Result(SessionKeys.ClassifyShape(S(A(0))).ToWireName()),
            "isUnscopedSessionKeySentinel" => Result(SessionKeys.IsUnscopedSentinel(S(A(0)))),
            "scopeLegacySessionKeyToAgent" => Result(SessionKeys.ScopeLegacyToAgent(S(A(0), "sessionKey"), S(A(0), "agentId"), S(A(0), "mainKey"))),
            "normalizeOptionalAgentId" => Result(SessionKeys.NormalizeOptionalAgentId(S(A(0)))),
            "buildAgentPeerSessionKey" => Result(SessionKeyBuilder.BuildPeerKey(
                S(A(0), "agentId"), S(A(0), "channel"), S(A(0), "peerKind"), S(A(0), "peerId"), S(A(0), "accountId"), S(A(0), "mainKey"),
                S(A(0), "dmScope"), S(A(0), "groupScope"), IdentityLinks.FromJson(A(0)?["identityLinks"]))),
            "resolveLinkedDirectPeerId" => Result(IdentityLinks.FromJson(A(0)?["identityLinks"])?.ResolveCanonicalPeer(S(A(0), "channel"), S(A(0), "peerId")!)),
            "buildGroupHistoryKey" => Result(SessionKeyBuilder.BuildGroupHistoryKey(S(A(0), "channel"), S(A(0), "accountId"), S(A(0), "peerKind")!, S(A(0), "peerId"))),
            "resolveThreadSessionKeys" => Result(SessionKeyBuilder.ResolveThreadKeys(
                S(A(0), "baseSessionKey")!, S(A(0), "threadId"), S(A(0), "parentSessionKey"), (bool?)A(0)?["useSuffix"] ?? true) is var keys
                ? new JsonObject { ["sessionKey"] = keys.SessionKey, ["parentSessionKey"] = keys.ParentSessionKey } : null),
            "resolveCanonicalMainSessionKey" => Result(SessionKeys.ResolveCanonicalMain(S(A(0), "agentId"), S(A(0), "mainKey"), S(A(0), "sessionScope"))),
            "canonicalizeMainSessionAlias" => Result(SessionKeys.CanonicalizeMainAlias(
                S(A(0), "sessionKey")!, S(A(0), "agentId"), S(A(0)?["cfg"]?["session"], "mainKey"), S(A(0)?["cfg"]?["session"], "scope"))),
            "deriveSessionChatTypeFromKey" => Result(SessionKeyKinds.DeriveChatType(S(A(0)))?.ToWireName() ?? "unknown"),
            "isInternalSessionEffectsKey" => Result(SessionKeyKinds.IsInternalSessionEffects(S(A(0))!)),
            "normalizeChatType" => Result(ChatTypes.Normalize(S(A(0)))?.ToWireName()),
            "buildAgentSessionKey" => Result(SessionKeyBuilder.BuildRouteKey(
                S(A(0), "agentId"), S(A(0), "channel"), A(0)?["peer"] is JsonObject p ? new PeerRef(S(p, "kind")!, S(p, "id")!) : null,
                S(A(0), "accountId"), S(A(0), "mainKey"), S(A(0), "dmScope"), S(A(0), "groupScope"), IdentityLinks.FromJson(A(0)?["identityLinks"]))),
            "deriveLastRoutePolicy" => Result(RouteNames.DeriveLastRoutePolicy(S(A(0), "sessionKey")!, S(A(0), "mainSessionKey")!).ToWireName()),
            "resolveMainSessionKey" => Outcome(RoutingTable.FromConfig(A(0)).ResolveMainSessionKey()),
            "resolveAmbientOwnerAgentId" => Outcome(RoutingTable.FromConfig(A(0)).ResolveAmbientOwner(S(A(1)))),
            "isAgentMainSessionKey" => Result(RoutingTable.FromConfig(A(0)).IsAgentMainSessionKey(S(A(1))!)),
            "listExactDirectMessageBindingPeerIds" => Result(new JsonArray(RoutingTable.FromConfig(A(0)?["cfg"])
                .ListExactDirectMessageBindingPeerIds(S(A(0), "channel")!, S(A(0), "accountId")).Select(id => (JsonNode?)id).ToArray())),
            _ => throw new InvalidOperationException($"no Pincer equivalent wired for {fn}"),
        };
    }

    private static JsonObject Outcome(Resolution resolution)
        => resolution.Value is { } value ? Result(value) : new JsonObject { ["error"] = resolution.Refusal!.Message };

    private static JsonObject? Parts(AgentSessionKeyParts? parts)
        => parts is null ? null : new JsonObject { ["agentId"] = parts.AgentId, ["rest"] = parts.Rest };
}
