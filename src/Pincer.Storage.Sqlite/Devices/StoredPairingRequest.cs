namespace Pincer.Storage.Sqlite.Devices;

/// <summary>A <c>device_pairing_pending</c> row: a device waiting for approval of a role/scope set.</summary>
public sealed record StoredPairingRequest
{
    public required string RequestId { get; init; }

    public required string DeviceId { get; init; }

    public required string PublicKey { get; init; }

    public string? DisplayName { get; init; }

    public string? Platform { get; init; }

    public string? DeviceFamily { get; init; }

    public string? ClientId { get; init; }

    public string? ClientMode { get; init; }

    public string? BrowserOrigin { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public IReadOnlyList<string>? Scopes { get; init; }

    public string? RemoteIp { get; init; }

    public bool? Silent { get; init; }

    /// <summary>True when an already-paired device asks again (new role, wider scopes, changed metadata).</summary>
    public bool? IsRepair { get; init; }

    public required long Ts { get; init; }

    public long? RefreshedAtMs { get; init; }
}
