using System.Text.Json;
using Pincer.Client.Identity;
using Pincer.Storage.Sqlite.Configuration;
using Pincer.Storage.Sqlite.Devices;
using Pincer.Storage.Sqlite.Identity;

namespace Pincer.Storage.Sqlite.Tests;

/// <summary>
/// Round trip, direction Pincer → reference: Pincer creates the state DB, its gateway identity and a
/// paired device; the real reference gateway then starts on that state dir, accepts the device's
/// token, and presents Pincer's gateway identity as its own.
/// </summary>
public sealed class ReferenceAcceptsPincerDatabaseTests
{
    private static readonly string[] Scopes =
        ["operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing", "operator.questions", "operator.talk.secrets"];

    [ReferenceFact]
    public async Task Reference_gateway_accepts_a_device_token_pincer_issued()
    {
        using var run = new TestStateDir();
        var stateDir = Path.Combine(run.Root, "state");
        var device = DeviceIdentity.Create();
        string token;
        GatewayIdentityRecord gateway;
        await using (var db = SqliteStateDatabase.Open(stateDir))
        {
            gateway = await new GatewayIdentityStore(db).LoadOrCreateAsync(() =>
            {
                var (privateKey, publicKey) = Ed25519Keys.Generate();
                return (privateKey, publicKey);
            });
            await new ConfigRevisionKeyStore(db).LoadOrCreateAsync();
            token = (await new DeviceRecordStore(db).ApproveAsync(new DeviceApproval
            {
                DeviceId = device.DeviceId, PublicKey = device.PublicKey, Role = "operator", Scopes = Scopes,
                ApprovedVia = "silent", Platform = "linux", ClientId = "cli", ClientMode = "cli",
            })).Token;
        }

        var identityFile = Path.Combine(run.Root, "device.json");
        await File.WriteAllTextAsync(identityFile, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["deviceId"] = device.DeviceId,
            ["publicKey"] = device.PublicKey,
            ["privateKeyPem"] = Ed25519Pem.EncodePrivate(device.PrivateKeyRaw),
        }, IdentityFileContext.Default.DictionaryStringString));

        var port = 29650 + Random.Shared.Next(40);
        try
        {
            var (started, startLog) = await ReferenceGateway.RunAsync(ReferenceGateway.RunScript, [run.Root, port.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(150));
            Assert.True(started == 0, "reference did not start on Pincer's DB: " + startLog + ReadLog(run.Root));

            var capture = Path.Combine(run.Root, "capture.jsonl");
            var (_, clientLog) = await ReferenceGateway.RunAsync("node",
            [
                ReferenceGateway.ClientScript, "--url", $"ws://127.0.0.1:{port}/", "--mode", "device", "--identity-file", identityFile,
                "--auth-json", $"{{\"deviceToken\":\"{token}\"}}", "--calls", "gateway.identity.get", "--out", capture,
            ], TimeSpan.FromSeconds(60));

            var responses = Responses(capture);
            Assert.True(responses.TryGetValue("r1", out var hello) && hello.GetProperty("ok").GetBoolean(),
                "connect with Pincer's device token was rejected: " + (hello.ValueKind == JsonValueKind.Undefined ? clientLog : hello.GetRawText()));
            Assert.Equal(gateway.DeviceId, responses["r2"].GetProperty("payload").GetProperty("deviceId").GetString());
        }
        finally
        {
            ReferenceGateway.Stop(run.Root);
        }

        // And back again: the DB is still one Pincer opens, and the reference verified the token from tokens_json.
        await using var reopened = SqliteStateDatabase.Open(stateDir);
        var stored = await new DeviceRecordStore(reopened).FindAsync(device.DeviceId);
        Assert.NotNull(stored?.TokenFor("operator")?.LastUsedAtMs);
        Assert.Equal(gateway.DeviceId, (await new GatewayIdentityStore(reopened).LoadAsync())?.DeviceId);
    }

    private static Dictionary<string, JsonElement> Responses(string capture)
    {
        var responses = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!File.Exists(capture))
        {
            return responses;
        }

        foreach (var line in File.ReadLines(capture))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("frame", out var frame) && frame.TryGetProperty("type", out var type)
                && type.GetString() == "res" && doc.RootElement.GetProperty("dir").GetString() == "in")
            {
                responses[frame.GetProperty("id").GetString()!] = frame.Clone();
            }
        }

        return responses;
    }

    private static string ReadLog(string runDir)
    {
        var log = Path.Combine(runDir, "gateway.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(40)) : "";
    }
}
