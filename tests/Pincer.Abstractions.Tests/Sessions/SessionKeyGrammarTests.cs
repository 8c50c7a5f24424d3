using Pincer.Abstractions.Channels;
using Pincer.Abstractions.Sessions;

namespace Pincer.Abstractions.Tests.Sessions;

/// <summary>
/// The key shapes of the reference's session model, one row each; expected values were confirmed against the
/// reference's own functions (the exhaustive recorded cases live in Pincer.Routing.Tests/Reference).
/// </summary>
public sealed class SessionKeyGrammarTests
{
    public static TheoryData<string, string, string, ChatType?> Shapes => new()
    {
        { "agent:main:main", "main", "main", null },
        { "agent:main:direct:42", "main", "direct:42", ChatType.Direct },
        { "agent:main:telegram:direct:42", "main", "telegram:direct:42", ChatType.Direct },
        { "agent:main:telegram:biz:direct:42", "main", "telegram:biz:direct:42", ChatType.Direct },
        { "agent:ops:whatsapp:group:abc@g.us", "ops", "whatsapp:group:abc@g.us", ChatType.Group },
        { "agent:ops:discord:channel:123", "ops", "discord:channel:123", ChatType.Channel },
        { "agent:ops:slack:channel:c1:thread:1700.1", "ops", "slack:channel:c1:thread:1700.1", ChatType.Channel },
        { "agent:ops:telegram:group:-100:topic:7", "ops", "telegram:group:-100:topic:7", ChatType.Group },
        { "agent:ops:cron:nightly:run:r1", "ops", "cron:nightly:run:r1", null },
        { "agent:ops:subagent:a:subagent:b", "ops", "subagent:a:subagent:b", null },
        { "agent:ops:acp:x", "ops", "acp:x", null },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Parses_every_shape(string key, string agentId, string rest, ChatType? chatType)
    {
        var parts = SessionKeys.ParseAgent(key);
        Assert.NotNull(parts);
        Assert.Equal(agentId, parts.AgentId);
        Assert.Equal(rest, parts.Rest);
        Assert.Equal(chatType, SessionKeyKinds.DeriveChatType(key));
    }

    [Theory]
    [InlineData("Agent:OPS:Telegram:Group:-100ABC", "agent:ops:telegram:group:-100abc")]
    [InlineData("agent:main:signal:group:AbC+=", "agent:main:signal:group:AbC+=")]
    [InlineData("agent:main:matrix:channel:!Room:Server.org", "agent:main:matrix:channel:!Room:Server.org")]
    public void Folds_case_except_opaque_peer_ids(string raw, string normalized) => Assert.Equal(normalized, SessionKeys.Normalize(raw));

    [Theory]
    [InlineData("main", null, "agent:ops:main")]
    [InlineData("MAIN", "desk", "agent:ops:desk")]
    [InlineData("Incident-42", null, "agent:ops:incident-42")]
    [InlineData("agent:Work:Main", null, "agent:work:main")]
    [InlineData("global", null, "agent:ops:global")]
    public void Scopes_request_keys_to_the_agent(string requestKey, string? mainKey, string storeKey)
        => Assert.Equal(storeKey, SessionKeys.ToStoreKey("ops", requestKey, mainKey));

    [Fact]
    public void Classifies_run_kinds()
    {
        Assert.True(SessionKeyKinds.IsCronRun("agent:main:cron:job:run:r1"));
        Assert.Equal(new CronRunScope("agent:main:cron:job", "r1"), SessionKeyKinds.ParseCronRunScope("agent:main:cron:job:run:r1"));
        Assert.Equal(2, SessionKeyKinds.SubagentDepth("agent:main:subagent:a:subagent:b"));
        Assert.True(SessionKeyKinds.IsAcp("acp:1"));
        Assert.True(SessionKeyKinds.IsIncognito("agent:main:dashboard:incognito-1"));
        Assert.Equal(new ThreadSuffix("agent:main:slack:channel:c1", "9"), SessionKeyKinds.ParseThreadSuffix("agent:main:slack:channel:c1:thread:9"));
        Assert.True(SessionKeys.IsUnscopedSentinel(" Unknown "));
        Assert.Equal(SessionKeyShape.MalformedAgent, SessionKeys.ClassifyShape("agent:ops"));
    }

    [Fact]
    public void Main_aliases_follow_scope_and_main_key()
    {
        Assert.Equal("agent:ops:desk", SessionKeys.CanonicalizeMainAlias("agent:main:main", "ops", "Desk", null));
        Assert.Equal("global", SessionKeys.CanonicalizeMainAlias("main", "ops", null, "global"));
        Assert.Equal("global", SessionKeys.ResolveCanonicalMain("ops", null, "global"));
    }
}
