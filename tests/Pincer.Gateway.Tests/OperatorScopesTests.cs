using Pincer.Gateway.Auth;

namespace Pincer.Gateway.Tests;

/// <summary>The implication table of spec §5.2.</summary>
public sealed class OperatorScopesTests
{
    public static TheoryData<string, string, bool> Table()
    {
        var data = new TheoryData<string, string, bool>();
        string[] all = [.. OperatorScopes.All.Order(StringComparer.Ordinal)];
        var implied = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [OperatorScopes.Admin] = all,
            [OperatorScopes.Write] = [OperatorScopes.Write, OperatorScopes.Read, OperatorScopes.Talk, OperatorScopes.SessionsRead, OperatorScopes.SessionsWrite],
            [OperatorScopes.Read] = [OperatorScopes.Read, OperatorScopes.SessionsRead],
            [OperatorScopes.SessionsWrite] = [OperatorScopes.SessionsWrite, OperatorScopes.SessionsRead],
        };
        foreach (var granted in all)
        {
            var satisfies = implied.GetValueOrDefault(granted) ?? [granted];
            foreach (var required in all)
            {
                data.Add(granted, required, satisfies.Contains(required));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void SatisfiedFollowsImplicationTable(string granted, string required, bool expected) =>
        Assert.Equal(expected, OperatorScopes.Satisfied(required, [granted]));

    [Fact]
    public void AdminDoesNotSatisfyNonOperatorScopes() =>
        Assert.False(OperatorScopes.Satisfied("node", [OperatorScopes.Admin]));

    [Fact]
    public void NormalizeDropsUnknownAndDuplicatesKeepingOrder() =>
        Assert.Equal(
            [OperatorScopes.Write, OperatorScopes.Read],
            OperatorScopes.Normalize(["operator.write", "bogus", " operator.read ", "operator.write"]));
}
