using Pincer.Storage.Sqlite.Devices;

namespace Pincer.Storage.Sqlite.Tests;

public sealed class DeviceRecordStoreTests
{
    private const string DeviceId = "99854d53a3e5397e10724ce70e802686f969e1623b9c642ebed8023d4243d867";

    private static DeviceApproval Approval(string role = "operator", params string[] scopes) => new()
    {
        DeviceId = DeviceId,
        PublicKey = "h23iwsdxmz-1-yKfFZq_BvpvckSWBhP2KfyaDGKvWVQ",
        Role = role,
        Scopes = scopes.Length > 0 ? scopes : ["operator.write", "operator.read"],
        ApprovedVia = "silent",
        Platform = "linux",
        ClientId = "cli",
        ClientMode = "cli",
    };

    [Fact]
    public async Task Approve_writes_rows_in_the_reference_encoding()
    {
        using var dir = new TestStateDir();
        await using var db = SqliteStateDatabase.Open(dir.Root, new FixedTime(1795496057648));
        var token = await new DeviceRecordStore(db).ApproveAsync(Approval());

        Assert.Equal(43, token.Token.Length);
        using var raw = dir.OpenRaw(readOnly: true);
        Assert.Equal(
            "operator|[\"operator\"]|[\"operator.write\",\"operator.read\"]|[\"operator.write\",\"operator.read\"]|silent|1795496057648|1795496057648|linux|cli|cli",
            TestStateDir.Scalar(raw, """
                SELECT role || '|' || roles_json || '|' || scopes_json || '|' || approved_scopes_json || '|' || approved_via || '|'
                  || created_at_ms || '|' || approved_at_ms || '|' || platform || '|' || client_id || '|' || client_mode
                FROM device_pairing_paired
                """));
        Assert.Equal(
            $"{{\"operator\":{{\"token\":\"{token.Token}\",\"role\":\"operator\",\"scopes\":[\"operator.read\",\"operator.write\"],\"createdAtMs\":1795496057648}}}}",
            TestStateDir.Scalar(raw, "SELECT tokens_json FROM device_pairing_paired"));
        Assert.Equal(0L, TestStateDir.Scalar(raw, "SELECT count(*) FROM device_auth_tokens"));
    }

    [Fact]
    public async Task Rotate_revoke_rename_touch_and_remove_follow_the_reference()
    {
        using var dir = new TestStateDir();
        var time = new FixedTime(1000);
        await using var db = SqliteStateDatabase.Open(dir.Root, time);
        var store = new DeviceRecordStore(db);
        var first = await store.ApproveAsync(Approval());

        time.Now = 2000;
        var rotated = await store.RotateTokenAsync(DeviceId, "operator", ["operator.read"]);
        Assert.NotNull(rotated);
        Assert.NotEqual(first.Token, rotated.Token);
        Assert.Equal((1000L, (long?)2000L), (rotated.CreatedAtMs, rotated.RotatedAtMs));
        Assert.Null(await store.RotateTokenAsync(DeviceId, "node"));

        time.Now = 3000;
        Assert.Equal(3000L, await store.RevokeTokenAsync(DeviceId, "operator"));
        Assert.True(await store.RenameAsync(DeviceId, "My Laptop"));
        Assert.True(await store.TouchAsync(DeviceId, "device-token-auth", usedTokenRole: "operator"));

        using (var raw = dir.OpenRaw(readOnly: true))
        {
            Assert.Equal(
                $"{{\"operator\":{{\"token\":\"{rotated.Token}\",\"role\":\"operator\",\"scopes\":[\"operator.read\"],\"createdAtMs\":1000,\"rotatedAtMs\":2000,\"revokedAtMs\":3000,\"lastUsedAtMs\":3000}}}}",
                TestStateDir.Scalar(raw, "SELECT tokens_json FROM device_pairing_paired"));
            Assert.Equal("|My Laptop|3000|device-token-auth", TestStateDir.Scalar(raw,
                "SELECT coalesce(display_name, '') || '|' || operator_label || '|' || last_seen_at_ms || '|' || last_seen_reason FROM device_pairing_paired"));
        }

        var device = await store.FindAsync(DeviceId);
        Assert.Equal(("My Laptop", (long?)3000L), (device!.OperatorLabel, device.TokenFor("operator")!.RevokedAtMs));
        Assert.True(await store.RemoveAsync(DeviceId));
        Assert.Null(await store.FindAsync(DeviceId));
        Assert.False(await store.RemoveAsync(DeviceId));
    }

    [Fact]
    public async Task Rewrites_keep_token_fields_pincer_does_not_model()
    {
        using var dir = new TestStateDir();
        await using var db = SqliteStateDatabase.Open(dir.Root, new FixedTime(1000));
        var store = new DeviceRecordStore(db);
        await store.ApproveAsync(Approval());
        using (var raw = dir.OpenRaw())
        {
            TestStateDir.Scalar(raw, """
                UPDATE device_pairing_paired
                SET tokens_json = json_set(tokens_json, '$.operator.issuer', json('{"kind":"shared-gateway-auth","generation":"g1"}')),
                    node_surface_json = '{"caps":["x"]}'
                """);
        }

        await store.RotateTokenAsync(DeviceId, "operator");
        await store.ApproveAsync(Approval("node", "node.invoke"));
        using var check = dir.OpenRaw(readOnly: true);
        Assert.Equal("shared-gateway-auth", TestStateDir.Scalar(check, "SELECT json_extract(tokens_json, '$.operator.issuer.kind') FROM device_pairing_paired"));
        Assert.Equal("{\"caps\":[\"x\"]}", TestStateDir.Scalar(check, "SELECT node_surface_json FROM device_pairing_paired"));
        Assert.Equal("[\"operator\",\"node\"]", TestStateDir.Scalar(check, "SELECT roles_json FROM device_pairing_paired"));
    }

    [Fact]
    public async Task Pending_requests_refresh_per_device_and_role_and_can_be_taken()
    {
        using var dir = new TestStateDir();
        await using var db = SqliteStateDatabase.Open(dir.Root);
        var store = new DeviceRecordStore(db);
        var request = new StoredPairingRequest
        {
            RequestId = "req-1", DeviceId = DeviceId, PublicKey = "pk", Role = "operator", Roles = ["operator"],
            Scopes = ["operator.read"], ClientId = "cli", RemoteIp = "10.0.0.5", Silent = false, IsRepair = true, Ts = 100,
        };
        await store.AddPendingAsync(request);
        var refreshed = await store.AddPendingAsync(request with { RequestId = "req-2", Ts = 200, Scopes = ["operator.write"] });
        Assert.Equal(("req-1", 100L, (long?)200L), (refreshed.RequestId, refreshed.Ts, refreshed.RefreshedAtMs));

        using (var raw = dir.OpenRaw(readOnly: true))
        {
            Assert.Equal("[\"operator\"]|[\"operator.write\"]|0|1|10.0.0.5", TestStateDir.Scalar(raw,
                "SELECT roles_json || '|' || scopes_json || '|' || silent || '|' || is_repair || '|' || remote_ip FROM device_pairing_pending"));
        }

        var listed = Assert.Single(await store.ListPendingAsync());
        Assert.Equal((refreshed.RequestId, refreshed.RefreshedAtMs, (bool?)true), (listed.RequestId, listed.RefreshedAtMs, listed.IsRepair));
        Assert.Equal(["operator.write"], listed.Scopes);
        Assert.Equal("req-1", (await store.TakePendingAsync("req-1"))?.RequestId);
        Assert.Null(await store.TakePendingAsync("req-1"));
        Assert.Empty(await store.ListPendingAsync());
    }

    private sealed class FixedTime(long nowMs) : TimeProvider
    {
        public long Now { get; set; } = nowMs;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Now);
    }
}
