using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Client.Identity;

namespace Pincer.Gateway.Devices;

/// <summary>
/// Paired devices, their tokens and pending requests, persisted in the state dir. Until the
/// SQLite state store lands this is a JSON file of Pincer's own (<c>pincer/devices.json</c>), so
/// it never collides with the reference's database.
/// </summary>
internal sealed class DevicePairingStore
{
    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, PairedDevice> _paired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PairingRequest> _pending = new(StringComparer.Ordinal);

    public DevicePairingStore(string stateDir, TimeProvider time)
    {
        _path = Path.Combine(stateDir, "pincer", "devices.json");
        _time = time;
        Load();
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    public PairedDevice? Find(string deviceId)
    {
        lock (_gate)
        {
            return _paired.GetValueOrDefault(deviceId);
        }
    }

    public IReadOnlyList<PairedDevice> Paired()
    {
        lock (_gate)
        {
            return [.. _paired.Values.OrderByDescending(d => d.ApprovedAtMs)];
        }
    }

    public IReadOnlyList<PairingRequest> Pending()
    {
        lock (_gate)
        {
            return [.. _pending.Values.OrderBy(p => p.Ts)];
        }
    }

    /// <summary>Approves (or widens) a device for a role and issues a fresh token for it.</summary>
    public DeviceToken Approve(string deviceId, string publicKey, string role, IReadOnlyList<string> scopes,
        string approvedVia, string? platform, string? deviceFamily, string? clientId, string? clientMode, string? displayName = null)
    {
        lock (_gate)
        {
            var now = Now;
            if (!_paired.TryGetValue(deviceId, out var device))
            {
                device = new PairedDevice { DeviceId = deviceId, PublicKey = publicKey, CreatedAtMs = now };
                _paired[deviceId] = device;
            }

            device.PublicKey = publicKey;
            device.Platform = platform ?? device.Platform;
            device.DeviceFamily = deviceFamily ?? device.DeviceFamily;
            device.ClientId = clientId ?? device.ClientId;
            device.ClientMode = clientMode ?? device.ClientMode;
            device.DisplayName = displayName ?? device.DisplayName;
            device.Role = role;
            if (!device.Roles.Contains(role))
            {
                device.Roles.Add(role);
            }

            device.Scopes = [.. device.Scopes.Union(scopes, StringComparer.Ordinal)];
            device.ApprovedVia = approvedVia;
            device.ApprovedAtMs = now;
            var token = new DeviceToken(role, NewToken(), device.Scopes, now);
            device.Tokens[role] = token;
            Save();
            return token;
        }
    }

    public DeviceToken? IssueToken(string deviceId, string role, IReadOnlyList<string>? scopes = null)
    {
        lock (_gate)
        {
            if (!_paired.TryGetValue(deviceId, out var device) || !device.Roles.Contains(role))
            {
                return null;
            }

            var token = new DeviceToken(role, NewToken(), scopes ?? device.Scopes, Now);
            device.Tokens[role] = token;
            Save();
            return token;
        }
    }

    public bool RevokeToken(string deviceId, string role)
    {
        lock (_gate)
        {
            if (!_paired.TryGetValue(deviceId, out var device) || !device.Tokens.TryGetValue(role, out var token))
            {
                return false;
            }

            device.Tokens[role] = token with { RevokedAtMs = Now };
            Save();
            return true;
        }
    }

    public void Touch(string deviceId, string reason)
    {
        lock (_gate)
        {
            if (_paired.TryGetValue(deviceId, out var device))
            {
                device.LastSeenAtMs = Now;
                device.LastSeenReason = reason;
                Save();
            }
        }
    }

    public bool Remove(string deviceId)
    {
        lock (_gate)
        {
            var removed = _paired.Remove(deviceId);
            if (removed)
            {
                Save();
            }

            return removed;
        }
    }

    public bool Rename(string deviceId, string label)
    {
        lock (_gate)
        {
            if (!_paired.TryGetValue(deviceId, out var device))
            {
                return false;
            }

            device.DisplayName = label;
            Save();
            return true;
        }
    }

    public PairingRequest AddPending(PairingRequest request)
    {
        lock (_gate)
        {
            // One open request per device and role: a reconnect refreshes it rather than piling up.
            var existing = _pending.Values.FirstOrDefault(p => p.DeviceId == request.DeviceId && p.Role == request.Role);
            if (existing is not null)
            {
                _pending.Remove(existing.RequestId);
                request = request with { RequestId = existing.RequestId };
            }

            _pending[request.RequestId] = request;
            return request;
        }
    }

    public PairingRequest? TakePending(string requestId)
    {
        lock (_gate)
        {
            return _pending.Remove(requestId, out var request) ? request : null;
        }
    }

    private static string NewToken() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    private void Load()
    {
        if (!File.Exists(_path))
        {
            return;
        }

        var root = JsonNode.Parse(File.ReadAllText(_path)) as JsonObject;
        if (root?["paired"] is not JsonArray paired)
        {
            return;
        }

        foreach (var node in paired.OfType<JsonObject>())
        {
            var device = new PairedDevice
            {
                DeviceId = (string)node["deviceId"]!,
                PublicKey = (string)node["publicKey"]!,
                CreatedAtMs = (long)node["createdAtMs"]!,
                ApprovedAtMs = (long)node["approvedAtMs"]!,
                DisplayName = (string?)node["displayName"],
                Platform = (string?)node["platform"],
                DeviceFamily = (string?)node["deviceFamily"],
                ClientId = (string?)node["clientId"],
                ClientMode = (string?)node["clientMode"],
                Role = (string?)node["role"] ?? "operator",
                ApprovedVia = (string?)node["approvedVia"] ?? "silent",
                LastSeenAtMs = (long?)node["lastSeenAtMs"],
                LastSeenReason = (string?)node["lastSeenReason"],
                Scopes = [.. (node["scopes"] as JsonArray ?? []).Select(s => (string)s!)],
            };
            device.Roles.AddRange((node["roles"] as JsonArray ?? []).Select(r => (string)r!));
            foreach (var t in (node["tokens"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var token = new DeviceToken((string)t["role"]!, (string)t["token"]!,
                    [.. (t["scopes"] as JsonArray ?? []).Select(s => (string)s!)], (long)t["createdAtMs"]!, (long?)t["revokedAtMs"]);
                device.Tokens[token.Role] = token;
            }

            _paired[device.DeviceId] = device;
        }
    }

    private void Save()
    {
        var paired = new JsonArray();
        foreach (var device in _paired.Values)
        {
            var node = device.ToListEntry(connected: false);
            node.Remove("connected");
            var tokens = new JsonArray();
            foreach (var token in device.Tokens.Values)
            {
                var t = token.ToSummary();
                t["token"] = token.Token;
                tokens.Add((JsonNode)t);
            }

            node["tokens"] = tokens;
            paired.Add((JsonNode)node);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = _path + ".tmp";
        File.WriteAllText(temp, new JsonObject { ["version"] = 1, ["paired"] = paired }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, _path, overwrite: true);
    }
}
