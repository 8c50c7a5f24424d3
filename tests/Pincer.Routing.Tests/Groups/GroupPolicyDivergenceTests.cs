using System.Text.Json.Nodes;
using Pincer.Routing.Groups;

namespace Pincer.Routing.Tests.Groups;

/// <summary>
/// Where Pincer deliberately differs from the reference. The reference looks group ids up with a plain
/// property read, so under <c>groupPolicy: "allowlist"</c> a group whose id is an Object.prototype member
/// (<c>constructor</c>, <c>toString</c>, <c>__proto__</c>) is admitted without being listed. Pincer reads own
/// keys only: an unlisted group is refused whatever its id.
/// </summary>
public sealed class GroupPolicyDivergenceTests
{
    private static readonly JsonNode Config = JsonNode.Parse("""{"channels":{"telegram":{"groupPolicy":"allowlist","groups":{"-200":{}}}}}""")!;

    [Theory]
    [InlineData("constructor")]
    [InlineData("toString")]
    [InlineData("__proto__")]
    [InlineData("hasOwnProperty")]
    public void Prototype_member_ids_are_not_admitted(string groupId)
    {
        var decision = GroupPolicy.Resolve(Config, "telegram", groupId);
        Assert.True(decision.AllowlistEnabled);
        Assert.False(decision.Allowed);
        Assert.Null(decision.GroupConfig);
    }
}
