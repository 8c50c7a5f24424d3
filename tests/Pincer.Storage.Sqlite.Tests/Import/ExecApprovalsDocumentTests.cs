using System.Text.Json.Nodes;
using Pincer.Storage.Sqlite.Import;

namespace Pincer.Storage.Sqlite.Tests.Import;

public sealed class ExecApprovalsDocumentTests
{
    [Theory]
    [InlineData(
        """{"version":1,"agents":{}}""",
        """{"version":1,"socket":{},"defaults":{},"agents":{}}""")]
    [InlineData(
        """{"version":1,"socket":{"path":"  /s.sock ","token":""},"defaults":{"autoAllowSkills":true,"security":"full","extra":1}}""",
        """{"version":1,"socket":{"path":"/s.sock"},"defaults":{"security":"full","autoAllowSkills":true},"agents":{}}""")]
    [InlineData(
        """{"version":1,"agents":{"main":{"note":"n","allowlist":[{"lastUsedAt":null,"commandText":"ls -l","pattern":"/bin/ls","id":"l1","x":1,"lastUsedCommand":null}],"security":"allowlist"}}}""",
        """{"version":1,"socket":{},"defaults":{},"agents":{"main":{"security":"allowlist","allowlist":[{"pattern":"/bin/ls","id":"l1","x":1}],"note":"n"}}}""")]
    [InlineData(
        """{"version":1,"agents":{"default":{"ask":"always","allowlist":[{"pattern":"/bin/cat","id":"c1"},{"pattern":"/bin/sh","id":"s1"}]},"main":{"allowlist":[{"pattern":"/BIN/CAT","id":"c2"}]}}}""",
        """{"version":1,"socket":{},"defaults":{},"agents":{"main":{"ask":"always","allowlist":[{"pattern":"/BIN/CAT","id":"c2"},{"pattern":"/bin/sh","id":"s1"}]}}}""")]
    public void Normalises_like_the_reference(string raw, string expected)
    {
        var normalized = ExecApprovalsDocument.Normalize(JsonNode.Parse(raw)!.AsObject());
        Assert.Equal(expected, normalized!.ToJsonString());
    }

    [Fact]
    public void Bare_string_entries_become_patterns_with_new_ids()
    {
        var normalized = ExecApprovalsDocument.Normalize(JsonNode.Parse("""{"version":1,"agents":{"main":{"allowlist":[" /bin/echo "]}}}""")!.AsObject())!;
        var entry = normalized["agents"]!["main"]!["allowlist"]![0]!.AsObject();
        Assert.Equal("/bin/echo", entry["pattern"]!.GetValue<string>());
        Assert.True(Guid.TryParse(entry["id"]!.GetValue<string>(), out _));
    }

    [Theory]
    [InlineData("""{"version":2,"agents":{}}""")]
    [InlineData("""{"version":1,"defaults":{"security":"everything"}}""")]
    [InlineData("""{"version":1,"agents":{"main":{"ask":"sometimes"}}}""")]
    [InlineData("""{"version":1,"agents":{"main":{"allowlist":[{"pattern":"  "}]}}}""")]
    [InlineData("""{"version":1,"agents":{"main":{"allowlist":[{"pattern":"/x","lastUsedAt":"yesterday"}]}}}""")]
    [InlineData("""{"version":1,"agents":{"main":{"autoAllowSkills":"yes"}}}""")]
    public void Refuses_what_the_reference_would_keep_for_repair(string raw) =>
        Assert.Null(ExecApprovalsDocument.Normalize(JsonNode.Parse(raw)!.AsObject()));

    [Fact]
    public async Task A_malformed_file_stays_in_place_with_a_warning()
    {
        using var dir = new TestStateDir();
        var path = Path.Combine(dir.Root, "exec-approvals.json");
        File.WriteAllText(path, """{"version":1,"defaults":{"security":"everything"}}""");
        var report = await LegacyStateImporter.ImportAsync(dir.Root, LegacyImportOptions.Fix);
        Assert.Equal([$"Invalid legacy exec approvals; left in place at {path}"], report.Warnings);
        Assert.True(File.Exists(path));
        using var db = dir.OpenRaw(readOnly: true);
        Assert.Equal(0L, TestStateDir.Scalar(db, "SELECT count(*) FROM exec_approvals_config"));
        Assert.Equal("malformed-legacy-preserved", JsonNode.Parse((string)TestStateDir.Scalar(db, "SELECT report_json FROM migration_sources")!)!["decision"]!.GetValue<string>());
    }
}
