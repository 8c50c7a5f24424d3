using System.Text.Json.Nodes;
using Pincer.Abstractions.Channels;

namespace Pincer.Routing.Tests.Reference;

/// <summary>Every recorded <c>resolveAgentRoute</c> case must come out of <see cref="RoutingTable"/> identically.</summary>
public sealed class RouteCaseTests
{
    public static TheoryData<string> Cases => ReferenceCases.RouteNames();

    [Fact]
    public void The_fixture_covers_at_least_eighty_cases() => Assert.True(ReferenceCases.Routes.Count >= 80);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference(string name)
    {
        var c = ReferenceCases.Routes.Single(x => (string)x!["name"]! == name)!;
        var table = RoutingTable.FromConfig(c["cfg"], (string?)c["retainedLegacyDefaultAgentId"]);
        var actual = ToJson(table.Resolve(ToRequest(c["input"]!.AsObject())));
        var expected = ReferenceCases.Canonical(c["expected"]);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{name}\nexpected {expected?.ToJsonString()}\nactual   {actual.ToJsonString()}");
    }

    internal static RouteRequest ToRequest(JsonObject input) => new()
    {
        Channel = (string?)input["channel"] ?? string.Empty,
        AccountId = (string?)input["accountId"],
        Peer = ToPeer(input["peer"]),
        ParentPeer = ToPeer(input["parentPeer"]),
        GuildId = (string?)input["guildId"],
        TeamId = (string?)input["teamId"],
        MemberRoleIds = input["memberRoleIds"]?.AsArray().Select(r => (string)r!).ToList(),
        DmScope = (string?)input["dmScope"],
        GroupScope = (string?)input["groupScope"],
        DefaultAgentId = (string?)input["defaultAgentId"],
    };

    private static PeerRef? ToPeer(JsonNode? node) => node is JsonObject peer ? new PeerRef((string)peer["kind"]!, (string)peer["id"]!) : null;

    private static JsonNode ToJson(RouteResult result)
    {
        if (result.Route is { } r)
        {
            return new JsonObject
            {
                ["route"] = new JsonObject
                {
                    ["agentId"] = r.AgentId,
                    ["channel"] = r.Channel,
                    ["accountId"] = r.AccountId,
                    ["dmScope"] = r.DmScope,
                    ["groupScope"] = r.GroupScope,
                    ["sessionKey"] = r.SessionKey,
                    ["mainSessionKey"] = r.MainSessionKey,
                    ["lastRoutePolicy"] = r.LastRoutePolicy.ToWireName(),
                    ["matchedBy"] = r.MatchedBy.ToWireName(),
                },
            };
        }

        var refusal = result.Refusal!;
        var error = new JsonObject
        {
            ["name"] = refusal.Kind == RouteRefusalKind.AgentSelectionRequired ? "AgentSelectionRequiredError" : "Error",
            ["message"] = refusal.Message,
        };
        if (refusal.Code is { } code)
        {
            error["code"] = code;
            error["agentIds"] = new JsonArray(refusal.AgentIds.Select(id => (JsonNode?)id).ToArray());
            error["surface"] = refusal.Surface;
            error["hint"] = refusal.Hint;
        }

        return new JsonObject { ["error"] = error };
    }
}
