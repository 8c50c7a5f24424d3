using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Sessions.Write;

/// <summary><c>sessions.groups.*</c> on a real gateway: the catalog, members moved by rename/delete, defaults, and the events.</summary>
public sealed class SessionGroupsTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    private static readonly string[] Admin = ["operator.admin"];

    [Fact]
    public async Task Put_orders_the_catalog_and_a_patched_category_joins_it_at_the_end()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        var (a, b, c) = (Name("a"), Name("b"), Name("c"));
        var kept = await ListedAsync(client);
        var put = await client.CallOkAsync("sessions.groups.put", new JsonObject
        {
            ["names"] = new JsonArray([.. kept.Select(n => (JsonNode)n), b, a, " " + b + " ", " "]),
            ["sectionOrder"] = new JsonArray("work", "category:" + a, "category:missing", "catalog: x ", "bogus", "work"),
        });
        var groups = put!["groups"]!.AsArray();
        Assert.Equal($$"""[{"name":"{{b}}","position":{{kept.Count}}},{"name":"{{a}}","position":{{kept.Count + 1}}}]""", new JsonArray([.. groups.Skip(kept.Count).Select(g => g!.DeepClone())]).ToJsonString());
        Assert.Equal($$"""["work","category:{{a}}","catalog:x"]""", put["sectionOrder"]!.ToJsonString());

        var key = "grp-" + Guid.NewGuid().ToString("N")[..8];
        await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = key });
        await client.CallOkAsync("sessions.patch", new JsonObject { ["key"] = key, ["category"] = c });
        var list = await client.CallOkAsync("sessions.groups.list", new JsonObject());
        Assert.Equal(c, (string?)list!["groups"]!.AsArray()[^1]!["name"]);
        Assert.Equal(kept.Count + 2, (long)list["groups"]!.AsArray()[^1]!["position"]!);

        var refused = await client.RequestAsync("sessions.groups.put", new JsonObject { ["names"] = new JsonArray([.. kept.Select(n => (JsonNode)n), a, b]) });
        Assert.Equal("INVALID_REQUEST", (string?)refused["error"]!["code"]);
        Assert.Contains($"\"{c}\" (1)", (string?)refused["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_and_delete_move_members_without_touching_their_recency()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        var (from, to) = (Name("from"), Name("to"));
        var key = "grp-" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.CallOkAsync("sessions.create", new JsonObject { ["key"] = key, ["category"] = from });
        var updatedAt = (long)created!["entry"]!["updatedAt"]!;
        await client.CallOkAsync("sessions.groups.put", new JsonObject { ["names"] = Names(await ListedAsync(client), from), ["sectionOrder"] = new JsonArray("category:" + from) });

        var renamed = await client.CallOkAsync("sessions.groups.rename", new JsonObject { ["name"] = from, ["to"] = to });
        Assert.Equal(1, (int)renamed!["updatedSessions"]!);
        Assert.Equal($$"""["category:{{to}}"]""", renamed["sectionOrder"]!.ToJsonString());
        var row = (await client.CallOkAsync("sessions.describe", new JsonObject { ["key"] = key }))!["session"]!;
        Assert.Equal(to, (string?)row["category"]);
        Assert.Equal(updatedAt, (long)row["updatedAt"]!);

        var missing = await client.RequestAsync("sessions.groups.rename", new JsonObject { ["name"] = from, ["to"] = "x" });
        Assert.Equal($"unknown session group: {from}", (string?)missing["error"]!["message"]);

        var deleted = await client.CallOkAsync("sessions.groups.delete", new JsonObject { ["name"] = to });
        Assert.Equal(1, (int)deleted!["updatedSessions"]!);
        Assert.Equal("[]", deleted["sectionOrder"]!.ToJsonString());
        row = (await client.CallOkAsync("sessions.describe", new JsonObject { ["key"] = key }))!["session"]!;
        Assert.Null(row["category"]);
    }

    [Fact]
    public async Task Defaults_set_cwd_and_worktree_for_listed_groups_only()
    {
        await using var client = await gateway.ConnectCliAsync(Admin);
        var name = Name("d");
        await client.CallOkAsync("sessions.groups.put", new JsonObject { ["names"] = Names(await ListedAsync(client), name) });
        var updated = await client.CallOkAsync("sessions.groups.update", new JsonObject { ["name"] = name, ["cwd"] = "/srv/work", ["worktree"] = true });
        Assert.Equal($$"""{"name":"{{name}}","cwd":"/srv/work","worktree":true}""", updated!["defaults"]!.AsArray().Single(d => (string?)d!["name"] == name)!.ToJsonString());

        var relative = await client.RequestAsync("sessions.groups.update", new JsonObject { ["name"] = name, ["cwd"] = "rel", ["worktree"] = false });
        Assert.Equal("session group cwd must be absolute", (string?)relative["error"]!["message"]);
        var unknown = await client.RequestAsync("sessions.groups.update", new JsonObject { ["name"] = "nope-" + name, ["cwd"] = "/tmp", ["worktree"] = false });
        Assert.Equal($"unknown session group: nope-{name}", (string?)unknown["error"]!["message"]);

        await using var writer = await gateway.ConnectCliAsync("operator.write");
        var outside = await writer.RequestAsync("sessions.groups.update", new JsonObject { ["name"] = name, ["cwd"] = "/etc", ["worktree"] = false });
        Assert.Equal("missing scope: operator.admin", (string?)outside["error"]!["message"]);
    }

    [Fact]
    public async Task Catalog_changes_reach_subscribers_as_keyless_groups_events()
    {
        await using var subscriber = await gateway.ConnectCliAsync(Admin);
        await subscriber.CallOkAsync("sessions.subscribe", new JsonObject());
        await using var client = await gateway.ConnectCliAsync(Admin);
        await client.CallOkAsync("sessions.groups.put", new JsonObject { ["names"] = Names(await ListedAsync(client), Name("e")) });
        var change = await subscriber.WaitForEventAsync("sessions.changed", p => (string?)p!["reason"] == "groups");
        Assert.Equal(["reason", "ts"], change!["payload"]!.AsObject().Select(p => p.Key));
    }

    private static async Task<List<string>> ListedAsync(WsTestClient client) =>
        [.. (await client.CallOkAsync("sessions.groups.list", new JsonObject()))!["groups"]!.AsArray().Select(g => (string)g!["name"]!)];

    private static JsonArray Names(IEnumerable<string> kept, string added) => [.. kept.Select(n => (JsonNode)n), added];

    private static string Name(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..6];
}
