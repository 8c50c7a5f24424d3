using Pincer.Storage.Sqlite.Configuration;
using Pincer.Storage.Sqlite.Devices;
using Pincer.Storage.Sqlite.Identity;

namespace Pincer.Storage.Sqlite.Tests;

/// <summary>Round trip, direction reference → Pincer: a DB openclaw@2026.9.6 wrote after pairing a device on loopback.</summary>
public sealed class ReferenceFixtureTests
{
    private const string DeviceId = "b99410206597fc625edc229ec9b9e729a741875a0baec4217c0e64fba50cf357";
    private const string DeviceToken = "0NbhmbcigygHRumuxEmQfJLt2F0CNCf0df9JaAp4f3I";

    private static readonly string[] RequestedScopes =
        ["operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing", "operator.questions", "operator.talk.secrets"];

    [Fact]
    public async Task Reference_paired_device_reads_back_with_its_scopes_and_token()
    {
        using var dir = TestStateDir.WithReferenceFixture();
        await using var db = SqliteStateDatabase.Open(dir.Root);
        var store = new DeviceRecordStore(db);

        var device = await store.FindAsync(DeviceId);
        Assert.NotNull(device);
        Assert.Equal("K7DNlxz5HLZzNK88XPHKrd9biKYVgvidkxzJLY1-icE", device.PublicKey);
        Assert.Equal(("linux", "cli", "cli"), (device.Platform, device.ClientId, device.ClientMode));
        Assert.Equal("operator", device.Role);
        Assert.Equal(["operator"], device.Roles);
        Assert.Equal(RequestedScopes, device.Scopes);
        Assert.Equal(RequestedScopes, device.ApprovedScopes);
        Assert.Equal("silent", device.ApprovedVia);
        Assert.Equal(1795496324622, device.CreatedAtMs);

        var token = Assert.Single(device.Tokens);
        Assert.Equal(DeviceToken, token.Token);
        Assert.Equal(RequestedScopes.Order(StringComparer.Ordinal), token.Scopes);
        Assert.Equal(1795496325143, token.LastUsedAtMs);
        Assert.Null(token.RevokedAtMs);
        Assert.Equal(DeviceId, Assert.Single(await store.ListPairedAsync()).DeviceId);
    }

    [Fact]
    public async Task Reference_gateway_identity_and_revision_key_are_reused_not_regenerated()
    {
        using var dir = TestStateDir.WithReferenceFixture();
        await using var db = SqliteStateDatabase.Open(dir.Root);

        var identity = await new GatewayIdentityStore(db).LoadOrCreateAsync(() => throw new InvalidOperationException("must not re-key"));
        Assert.Equal("50b22212e05b14e21db35a28d6dcf6e45f81572bb4419cafd4b4c5e70c2c5d8f", identity.DeviceId);
        // Our PEM writer reproduces Node's export byte for byte.
        Assert.Equal(identity.PublicKeyPem, Ed25519Pem.EncodePublic(identity.PublicKeyRaw));
        Assert.Equal(identity.PrivateKeyPem, Ed25519Pem.EncodePrivate(identity.PrivateKeyRaw));
        Assert.Equal(identity.PublicKeyRaw, Pincer.Client.Identity.Ed25519Keys.PublicFromPrivate(identity.PrivateKeyRaw));

        var key = await new ConfigRevisionKeyStore(db).LoadOrCreateAsync();
        Assert.Equal("FE8C11527CAD292F704C1ADCAC3DA996529199A89B6EB2433141D8C78E49B8D0", Convert.ToHexString(key));
    }
}
