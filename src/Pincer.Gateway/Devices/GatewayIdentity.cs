using System.Text.Json.Nodes;
using Pincer.Client.Identity;

namespace Pincer.Gateway.Devices;

/// <summary>The gateway's own Ed25519 device identity (<c>gateway.identity.get</c>), created once per state dir.</summary>
internal sealed class GatewayIdentity
{
    private GatewayIdentity(DeviceIdentity identity) => Identity = identity;

    public DeviceIdentity Identity { get; }

    public static GatewayIdentity LoadOrCreate(string stateDir)
    {
        var path = Path.Combine(stateDir, "pincer", "gateway-identity.json");
        if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject stored
            && Base64Url.TryDecode((string?)stored["privateKey"]) is { Length: Ed25519Keys.KeySize } key)
        {
            return new GatewayIdentity(new DeviceIdentity(key));
        }

        var identity = DeviceIdentity.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = new JsonObject
        {
            ["deviceId"] = identity.DeviceId,
            ["publicKey"] = identity.PublicKey,
            ["privateKey"] = Base64Url.Encode(identity.PrivateKeyRaw),
        };
        File.WriteAllText(path, json.ToJsonString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new GatewayIdentity(identity);
    }
}
