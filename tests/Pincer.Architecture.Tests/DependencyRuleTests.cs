using System.Xml.Linq;

namespace Pincer.Architecture.Tests;

/// <summary>
/// Dependencies flow one way, along the data flow (ARCHITECTURE.md): each source project may
/// reference only the projects listed for it, and nothing references the hosts.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Pincer.Abstractions"] = [],
        ["Pincer.Protocol"] = [],
        ["Pincer.Config"] = [],
        ["Pincer.ControlUi"] = [],
        ["Pincer.Routing"] = ["Pincer.Abstractions"],
        ["Pincer.Sessions"] = ["Pincer.Abstractions"],
        ["Pincer.Client"] = ["Pincer.Protocol"],
        ["Pincer.Storage.Sqlite"] = ["Pincer.Config", "Pincer.Sessions", "Pincer.Abstractions"],
        ["Pincer.Providers"] = [],
        ["Pincer.Agents"] = ["Pincer.Abstractions", "Pincer.Sessions", "Pincer.Providers"],
        ["Pincer.Providers.OpenAI"] = ["Pincer.Providers"],
        ["Pincer.Providers.Anthropic"] = ["Pincer.Providers"],
        ["Pincer.Providers.Gemini"] = ["Pincer.Providers"],
        ["Pincer.Providers.Ollama"] = ["Pincer.Providers"],
        ["Pincer.Gateway"] = ["*"],
        ["Pincer.Cli"] = ["*"],
    };

    private static readonly string[] Hosts = ["Pincer.Gateway", "Pincer.Cli"];

    public static TheoryData<string> SourceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetDirectories(Path.Combine(RepoRoot(), "src")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            data.Add(project!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceProjects))]
    public void Project_references_follow_the_data_flow(string project)
    {
        Assert.True(Allowed.TryGetValue(project, out var allowed), $"{project} has no dependency rule; add it to {nameof(DependencyRuleTests)} and ARCHITECTURE.md.");
        var references = ReferencesOf(project);
        if (allowed.Contains("*"))
        {
            Assert.DoesNotContain(references, r => Hosts.Contains(r) && !(project == "Pincer.Cli" && r == "Pincer.Gateway"));
            return;
        }

        Assert.All(references, r => Assert.Contains(r, allowed));
    }

    [Fact]
    public void Protocol_depends_on_nothing_but_the_framework()
    {
        var csproj = XDocument.Load(ProjectFile("Pincer.Protocol"));
        Assert.Empty(csproj.Descendants("PackageReference"));
        Assert.Empty(csproj.Descendants("FrameworkReference"));
    }

    private static string[] ReferencesOf(string project) =>
        [.. XDocument.Load(ProjectFile(project)).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension((string)e.Attribute("Include")!.Value.Replace('\\', '/')))];

    private static string ProjectFile(string project) => Path.Combine(RepoRoot(), "src", project, project + ".csproj");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pincer.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Pincer.slnx not found above the test assembly");
    }
}
