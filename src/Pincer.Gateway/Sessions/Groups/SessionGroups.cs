using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Sessions.Read;
using Pincer.Gateway.Sessions.Write;
using Pincer.Protocol.Errors;
using Pincer.Storage.Sqlite.Sessions;

namespace Pincer.Gateway.Sessions.Groups;

/// <summary>
/// The <c>sessions.groups.*</c> family over the state DB's catalog. A group's members are the sessions (in any agent's
/// store) whose <c>category</c> names it; renaming or deleting a group moves or clears their category without
/// touching <c>updatedAt</c>, and a put may not drop a group that still has members. Every catalog change is
/// announced to subscribers as a keyless <c>sessions.changed</c> with reason <c>groups</c>.
/// </summary>
internal sealed class SessionGroups(SessionGroupCatalogStore catalog, AgentStores stores, ConfigState config, SessionTargetResolver targets, SessionChangePublisher changes)
{
    private static readonly string[] FixedSections = ["ungrouped", "groups", "work"];

    public async Task<JsonObject> ListAsync(CancellationToken cancellationToken) =>
        Listing(await catalog.ReadAsync(cancellationToken).ConfigureAwait(false));

    public async Task<JsonObject> DefaultsAsync(CancellationToken cancellationToken) =>
        new() { ["defaults"] = Defaults(await catalog.ReadAsync(cancellationToken).ConfigureAwait(false)) };

    public async Task<JsonObject> PutAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var names = Distinct((p["names"] as JsonArray ?? []).Select(n => Text(n)));
        var order = p["sectionOrder"] is JsonArray sections ? SectionOrder(sections.Select(Text), names) : null;
        var current = await catalog.ReadAsync(cancellationToken).ConfigureAwait(false);
        var members = await MemberCountsAsync(cancellationToken).ConfigureAwait(false);
        var nonEmpty = current.Groups.Where(g => !names.Contains(g.Name, StringComparer.Ordinal) && members.GetValueOrDefault(g.Name) > 0).ToList();
        if (nonEmpty.Count > 0)
        {
            var listed = string.Join(", ", nonEmpty.Select(g => $"\"{g.Name}\" ({members[g.Name]})"));
            throw Invalid($"sessions.groups.put cannot drop groups that still have member sessions: {listed}; include them in names or remove them via sessions.groups.delete");
        }

        var updated = await catalog.PutAsync(names, order, cancellationToken).ConfigureAwait(false);
        changes.ListChanged("groups");
        var listing = Listing(updated);
        return new JsonObject { ["ok"] = true, ["groups"] = listing["groups"]!.DeepClone(), ["sectionOrder"] = listing["sectionOrder"]!.DeepClone() };
    }

    public Task<JsonObject> RenameAsync(JsonObject p, CancellationToken cancellationToken) => MoveAsync(p, rename: true, cancellationToken);

    public Task<JsonObject> DeleteAsync(JsonObject p, CancellationToken cancellationToken) => MoveAsync(p, rename: false, cancellationToken);

    public async Task<JsonObject> UpdateAsync(JsonObject p, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var cwd = Text(p["cwd"]);
        if (cwd is { Length: > 0 } && !Path.IsPathRooted(cwd))
        {
            throw Invalid("session group cwd must be absolute");
        }

        var name = JsText.TrimToNull(Text(p["name"])) ?? throw Invalid("session group name must not be empty");
        if (cwd is { Length: > 0 } && !scopes.Contains("operator.admin") && !InsideAWorkspace(cwd))
        {
            // Outside every agent workspace a working directory is an admin's decision, as the reference rules.
            throw new RpcException(RpcError.MissingScope("operator.admin"));
        }

        var worktree = p["worktree"] is JsonValue w && w.TryGetValue<bool>(out var on) && on;
        if (!await catalog.SetDefaultsAsync(name, JsText.TrimToNull(cwd), worktree, cancellationToken).ConfigureAwait(false))
        {
            throw Invalid($"unknown session group: {name}");
        }

        var result = new JsonObject { ["ok"] = true, ["defaults"] = Defaults(await catalog.ReadAsync(cancellationToken).ConfigureAwait(false)) };
        changes.ListChanged("groups");
        return result;
    }

    /// <summary>Lists a category a session write assigned, at the end of the catalog, when it is new.</summary>
    public async Task RegisterAsync(string? category, CancellationToken cancellationToken)
    {
        if (JsText.TrimToNull(category) is { } name && await catalog.RegisterAsync(name, cancellationToken).ConfigureAwait(false))
        {
            changes.ListChanged("groups");
        }
    }

    private async Task<JsonObject> MoveAsync(JsonObject p, bool rename, CancellationToken cancellationToken)
    {
        var from = JsText.TrimToNull(Text(p["name"]));
        var to = rename ? JsText.TrimToNull(Text(p["to"])) : null;
        if (from is null || (rename && to is null))
        {
            throw new RpcException(RpcError.Unavailable(rename ? "group rename requires non-empty names" : "group delete requires a non-empty name"));
        }

        try
        {
            var moved = 0;
            if (from != to)
            {
                if (to is not null && !await catalog.CopyAsync(from, to, cancellationToken).ConfigureAwait(false))
                {
                    throw Invalid($"unknown session group: {from}");
                }

                moved = await MoveMembersAsync(from, to, cancellationToken).ConfigureAwait(false);
                await catalog.RetireAsync(from, to, cancellationToken).ConfigureAwait(false);
            }

            var listing = Listing(await catalog.ReadAsync(cancellationToken).ConfigureAwait(false));
            return new JsonObject { ["ok"] = true, ["groups"] = listing["groups"]!.DeepClone(), ["sectionOrder"] = listing["sectionOrder"]!.DeepClone(), ["updatedSessions"] = moved };
        }
        finally
        {
            changes.ListChanged("groups");
        }
    }

    /// <summary>Sets (or, for a delete, removes) the category of every member of <paramref name="from"/>; recency is left alone.</summary>
    private async Task<int> MoveMembersAsync(string from, string? to, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var (store, key, category) in await CategorizedAsync(cancellationToken).ConfigureAwait(false))
        {
            if (category != from)
            {
                continue;
            }

            await store.Sessions.UpdateAsync(key, current =>
            {
                if (current is null)
                {
                    return null;
                }

                if (to is null)
                {
                    current.Json.Remove("category");
                }
                else
                {
                    current.Json["category"] = to;
                }

                return current;
            }, cancellationToken).ConfigureAwait(false);
            moved++;
        }

        return moved;
    }

    private async Task<Dictionary<string, int>> MemberCountsAsync(CancellationToken cancellationToken) =>
        (await CategorizedAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(m => m.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Every session, in any agent's store, whose entry names a category (trimmed).</summary>
    private async Task<List<(AgentStore Store, string Key, string Category)>> CategorizedAsync(CancellationToken cancellationToken)
    {
        var members = new List<(AgentStore, string, string)>();
        foreach (var agentId in AgentIds())
        {
            if (await stores.GetExistingAsync(agentId).ConfigureAwait(false) is not { } store)
            {
                continue;
            }

            foreach (var record in await store.Sessions.ListAsync(null, cancellationToken).ConfigureAwait(false))
            {
                if (JsText.TrimToNull(Text(record.Entry.Json["category"])) is { } name)
                {
                    members.Add((store, record.SessionKey, name));
                }
            }
        }

        return members;
    }

    private IEnumerable<string> AgentIds() => SessionAgents.FromConfig(config.Current.Resolved).Ids.Concat(stores.AgentIdsOnDisk()).Distinct(StringComparer.Ordinal);

    private bool InsideAWorkspace(string cwd)
    {
        var full = Path.GetFullPath(cwd);
        return AgentIds().Select(targets.WorkspaceDir).Any(root =>
        {
            var rootFull = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            return (full + Path.DirectorySeparatorChar).StartsWith(rootFull, StringComparison.Ordinal);
        });
    }

    private static JsonObject Listing(SessionGroupCatalog snapshot) => new()
    {
        ["groups"] = new JsonArray([.. snapshot.Groups.Select(g => (JsonNode)new JsonObject { ["name"] = g.Name, ["position"] = g.Position })]),
        ["sectionOrder"] = new JsonArray([.. snapshot.SectionOrder.Select(id => (JsonNode)id)]),
    };

    private static JsonArray Defaults(SessionGroupCatalog snapshot) => [.. snapshot.Groups.Select(g =>
    {
        var record = new JsonObject { ["name"] = g.Name };
        if (g.Cwd is { Length: > 0 } cwd)
        {
            record["cwd"] = cwd;
        }

        if (g.Worktree is { } worktree)
        {
            record["worktree"] = worktree == 1;
        }

        return (JsonNode)record;
    })];

    /// <summary>Trimmed, non-empty, first occurrence kept.</summary>
    private static List<string> Distinct(IEnumerable<string?> names) =>
        [.. names.Select(JsText.TrimToNull).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>The fixed sections, listed groups' <c>category:</c> sections and any <c>catalog:</c> section, each once.</summary>
    private static List<string> SectionOrder(IEnumerable<string?> raw, IReadOnlyList<string> names)
    {
        var order = new List<string>();
        foreach (var text in raw)
        {
            var id = JsText.Trim(text ?? string.Empty);
            string? canonical = null;
            if (FixedSections.Contains(id, StringComparer.Ordinal))
            {
                canonical = id;
            }
            else if (id.StartsWith("category:", StringComparison.Ordinal) && JsText.TrimToNull(id[9..]) is { } group && names.Contains(group, StringComparer.Ordinal))
            {
                canonical = "category:" + group;
            }
            else if (id.StartsWith("catalog:", StringComparison.Ordinal) && JsText.TrimToNull(id[8..]) is { } catalogId)
            {
                canonical = "catalog:" + catalogId;
            }

            if (canonical is not null && !order.Contains(canonical, StringComparer.Ordinal))
            {
                order.Add(canonical);
            }
        }

        return order;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static RpcException Invalid(string message) => new(RpcError.InvalidRequest(message));
}
