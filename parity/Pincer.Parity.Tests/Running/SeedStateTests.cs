using System.Text.Json.Nodes;
using Pincer.Parity.Running;
using Pincer.Parity.Scenarios;

namespace Pincer.Parity.Tests.Running;

/// <summary><c>gateway.seedStateDir</c>: parsed, part of the shared-gateway key, copied byte for byte.</summary>
public sealed class SeedStateTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pincer-seed-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void SpecResolvesTheSeedUnderParityAndKeysGatewaysApart()
    {
        var seeded = GatewaySpec.Parse(new JsonObject { ["seedStateDir"] = "fixtures/sessions/reference-written" });
        var plain = GatewaySpec.Parse(null);
        Assert.Equal(Path.Combine(ParityPaths.ParityDir, "fixtures", "sessions", "reference-written"), seeded.SeedStatePath);
        Assert.Null(plain.SeedStatePath);
        Assert.NotEqual(plain.Key, seeded.Key);
        Assert.Equal(seeded.Key, GatewaySpec.Parse(new JsonObject { ["seedStateDir"] = "fixtures/sessions/reference-written" }).Key);
    }

    [Fact]
    public void CopyIntoKeepsNestedBinaryFilesAndOverwrites()
    {
        var seed = Path.Combine(_root, "seed");
        var state = Path.Combine(_root, "state");
        Directory.CreateDirectory(Path.Combine(seed, "agents", "main", "agent"));
        byte[] bytes = [0x53, 0x51, 0x00, 0xff, 0x0a, 0x0d];
        File.WriteAllBytes(Path.Combine(seed, "agents", "main", "agent", "openclaw-agent.sqlite"), bytes);
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, "keep.txt"), "kept");
        Directory.CreateDirectory(Path.Combine(state, "agents", "main", "agent"));
        File.WriteAllText(Path.Combine(state, "agents", "main", "agent", "openclaw-agent.sqlite"), "old");

        SeedState.CopyInto(seed, state);

        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(state, "agents", "main", "agent", "openclaw-agent.sqlite")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(state, "keep.txt")));
    }

    [Fact]
    public void AMissingSeedIsAnError() =>
        Assert.Throws<DirectoryNotFoundException>(() => SeedState.CopyInto(Path.Combine(_root, "absent"), Path.Combine(_root, "state")));

    [Fact]
    public void TheCommittedFixtureHasTheReferenceWrittenAgentDatabase() =>
        Assert.True(File.Exists(Path.Combine(ParityPaths.ParityDir, "fixtures", "sessions", "reference-written", "agents", "main", "agent", "openclaw-agent.sqlite")));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
