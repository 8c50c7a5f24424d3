using System.Text.Json.Nodes;
using Pincer.Gateway.Control;

namespace Pincer.Gateway.Tests;

/// <summary><see cref="ScopePolicy"/> against the live scope probe recorded in the method catalog.</summary>
public sealed class ScopePolicyTests
{
    [Fact]
    public void RequiredMatchesLiveProbeForEveryMethod()
    {
        var catalog = JsonNode.Parse(File.ReadAllText(CatalogPath()))!.AsArray();
        var mismatches = new List<string>();
        var checkedCount = 0;
        foreach (var entry in catalog)
        {
            var method = (string)entry!["method"]!;
            if ((string?)entry["liveProbeScope"] is not { } probe)
            {
                continue;
            }

            checkedCount++;
            if (probe == "node")
            {
                if (!ScopePolicy.IsNodeMethod(method))
                {
                    mismatches.Add($"{method}: expected node role method");
                }

                continue;
            }

            var required = ScopePolicy.Required(method, []);
            var expected = probe == "ungated" ? null : probe;
            if (required != expected)
            {
                mismatches.Add($"{method}: expected {expected ?? "<none>"}, got {required ?? "<none>"}");
            }

            if (ScopePolicy.IsNodeMethod(method))
            {
                mismatches.Add($"{method}: operator method classified as node");
            }
        }

        Assert.True(checkedCount > 400, $"only {checkedCount} probed methods found");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void UnknownAndReservedNamesNeedAdmin()
    {
        Assert.Equal("operator.admin", ScopePolicy.Required("x", []));
        Assert.Equal("operator.admin", ScopePolicy.Required("config.nonexistent", []));
        Assert.Equal("operator.read", ScopePolicy.Required("config.get", []));
    }

    [Fact]
    public void DynamicScopesFollowParams()
    {
        Assert.Equal("operator.admin", ScopePolicy.Required("agent", new JsonObject { ["message"] = "/reset now" }));
        Assert.Equal("operator.write", ScopePolicy.Required("agent", new JsonObject { ["message"] = "hello" }));
        Assert.Equal("operator.write", ScopePolicy.Required("sessions.patch", new JsonObject { ["key"] = "k", ["label"] = "x" }));
        Assert.Equal("operator.admin", ScopePolicy.Required("sessions.patch", new JsonObject { ["key"] = "k", ["sandboxMode"] = "off" }));
        Assert.Equal("operator.write", ScopePolicy.Required("sessions.delete", new JsonObject { ["archivedOnly"] = true }));
        Assert.Equal("operator.admin", ScopePolicy.Required("sessions.delete", []));
        Assert.Equal("operator.talk.secrets", ScopePolicy.Required("talk.config", new JsonObject { ["includeSecrets"] = true }));
        Assert.Equal("operator.read", ScopePolicy.Required("talk.config", []));
        Assert.Equal("operator.admin", ScopePolicy.Required("node.invoke", new JsonObject { ["command"] = "system.run" }));
        Assert.Equal("operator.write", ScopePolicy.Required("node.invoke", new JsonObject { ["command"] = "camera.snap" }));
    }

    [Fact]
    public void SessionScopesSubstituteForSessionMethods()
    {
        Assert.True(ScopePolicy.Satisfied("sessions.list", "operator.read", ["operator.sessions.read"]));
        Assert.False(ScopePolicy.Satisfied("config.get", "operator.read", ["operator.sessions.read"]));
        Assert.True(ScopePolicy.Satisfied("chat.send", "operator.write", ["operator.sessions.write"]));
        Assert.False(ScopePolicy.Satisfied("config.patch", "operator.write", ["operator.sessions.write"]));
    }

    private static string CatalogPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Pincer.Protocol", "Catalog", "methods.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("methods.json not found above " + AppContext.BaseDirectory);
    }
}
