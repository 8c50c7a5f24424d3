using System.Text.Json.Nodes;
using Pincer.Routing.Groups;
using Pincer.Routing.Mentions;

namespace Pincer.Routing.Tests.Reference;

/// <summary>Group admission, mention requirement, activation and mention-pattern cases recorded from the reference.</summary>
public sealed class GroupCaseTests
{
    public static TheoryData<int, string> Cases => ReferenceCases.CallIds(ReferenceCases.Groups);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_reference(int index, string call)
    {
        var c = ReferenceCases.Groups[index]!;
        var args = c["args"]!.AsArray().Select(a => ReferenceCases.Canonical(a)).ToArray();
        var actual = ReferenceCases.Canonical(new JsonObject { ["result"] = Evaluate((string)c["fn"]!, args) });
        var expected = ReferenceCases.Canonical(c["expected"]);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{call}\nexpected {expected?.ToJsonString()}\nactual   {actual?.ToJsonString()}");
    }

    // The cases' channel normalisation: trim, drop one leading "+".
    private static string JsTrimPlus(string entry)
    {
        var trimmed = Pincer.Abstractions.Text.JsText.Trim(entry);
        return trimmed.StartsWith('+') ? trimmed[1..] : trimmed;
    }

    private static string? S(JsonNode? node, string property) => (string?)node?[property];

    private static JsonNode? Evaluate(string fn, JsonNode?[] a)
    {
        var p = a.Length > 0 ? a[0] : null;
        switch (fn)
        {
            case "resolveChannelGroupPolicy":
                var decision = GroupPolicy.Resolve(p?["cfg"], S(p, "channel")!, S(p, "groupId"), S(p, "accountId"),
                    (bool?)p?["groupIdCaseInsensitive"] ?? false, (bool?)p?["hasGroupAllowFrom"] ?? false);
                return new JsonObject
                {
                    ["allowlistEnabled"] = decision.AllowlistEnabled,
                    ["allowed"] = decision.Allowed,
                    ["groupConfig"] = decision.GroupConfig?.DeepClone(),
                    ["defaultConfig"] = decision.DefaultConfig?.DeepClone(),
                };
            case "resolveChannelGroupRequireMention":
                return GroupPolicy.ResolveRequireMention(p?["cfg"], S(p, "channel")!, S(p, "groupId"), S(p, "accountId"),
                    (bool?)p?["requireMentionOverride"],
                    S(p, "overrideOrder") == "before-config" ? RequireMentionOverrideOrder.BeforeConfig : RequireMentionOverrideOrder.AfterConfig,
                    (bool?)p?["configuredGroupDefaultsToNoMention"] ?? false);
            case "resolveChannelGroups":
                return GroupPolicy.ResolveGroups(a[0], (string)a[1]!, (string?)a[2])?.DeepClone();
            case "resolveOpenProviderRuntimeGroupPolicy":
            case "resolveAllowlistProviderRuntimeGroupPolicy":
                var runtime = RuntimeGroupPolicy.Resolve((bool)p!["providerConfigPresent"]!, S(p, "groupPolicy"), S(p, "defaultGroupPolicy"),
                    fn.Contains("Open", StringComparison.Ordinal) ? RuntimeGroupPolicy.Open : RuntimeGroupPolicy.Allowlist);
                return new JsonObject { ["groupPolicy"] = runtime.GroupPolicy, ["providerMissingFallbackApplied"] = runtime.ProviderMissingFallbackApplied };
            case "resolveDefaultGroupPolicy":
                return GroupPolicy.ResolveDefaultGroupPolicy(p);
            case "normalizeGroupActivation":
                return GroupActivation.Normalize((string?)p);
            case "parseActivationCommand":
                var command = GroupActivation.ParseCommand((string?)p);
                return new JsonObject { ["hasCommand"] = command.HasCommand, ["mode"] = command.Mode };
            case "resolveMentionPatternPolicy":
                var policy = MentionPatternPolicy.Resolve(p?["cfg"], S(p, "provider"), S(p, "conversationId"));
                return new JsonObject
                {
                    ["effectiveMode"] = policy.EffectiveMode,
                    ["allowMatched"] = policy.AllowMatched,
                    ["denyMatched"] = policy.DenyMatched,
                    ["enabled"] = policy.Enabled,
                };
            case "normalizeMentionText":
                return MentionPatterns.NormalizeText((string?)p);
            case "mentionMatches":
                var cfg = p?["cfg"];
                if (!MentionPatternPolicy.Resolve(cfg, S(p, "provider"), S(p, "conversationId")).Enabled)
                {
                    return false;
                }

                return MentionPatterns.Matches(S(p, "text"), MentionPatterns.Compile(MentionPatterns.Resolve(cfg, S(p, "agentId"))).Regexes);
            case "buildMentionRegexes":
                var agentId = (string?)a[1];
                var flags = MentionPatterns.ResolveConfigured(p, agentId) is null ? "iu" : "i";
                var built = MentionPatterns.Compile(MentionPatterns.Resolve(p, agentId));
                return new JsonArray(built.Sources.Select(source => (JsonNode?)new JsonObject { ["source"] = source, ["flags"] = flags }).ToArray());
            case "stripMentions":
                return MentionPatterns.Strip(S(p, "text")!, MentionPatterns.Compile(MentionPatterns.Resolve(p?["cfg"], S(p, "agentId"))).Regexes);
            case "mentionMatchesWithExplicit":
                return MentionPatterns.MatchesWithExplicit(S(p, "text"), MentionPatterns.Compile(MentionPatterns.Resolve(p?["cfg"], S(p, "agentId"))).Regexes,
                    (bool?)p?["explicit"] ?? false, S(p, "transcript"));
            case "resolvePinnedMainDmOwnerFromAllowlist":
                return MainDmRoutePin.ResolveOwner(S(p, "dmScope"), p?["allowFrom"]?.AsArray().Select(e => (string)e!).ToList(),
                    entry => Pincer.Abstractions.Text.JsText.Lower(JsTrimPlus(entry)));
            case "shouldSkipPinnedMainDmRouteUpdate":
                return MainDmRoutePin.ShouldSkipRouteUpdate(S(p, "ownerRecipient"), S(p, "senderRecipient"));
            case "compileConfigRegexes":
                var compiled = MentionPatterns.Compile(p!.AsArray().Select(x => (string)x!));
                return new JsonObject
                {
                    ["accepted"] = new JsonArray(compiled.Sources.Select(s => (JsonNode?)s).ToArray()),
                    ["rejected"] = new JsonArray(compiled.Rejected.Select(r => (JsonNode?)new JsonObject { ["pattern"] = r.Pattern, ["reason"] = r.Reason }).ToArray()),
                };
            default:
                throw new InvalidOperationException($"no Pincer equivalent wired for {fn}");
        }
    }
}
