namespace Pincer.Storage.Sqlite.Devices;

/// <summary>
/// A <c>device_pairing_paired</c> row. <see cref="DisplayName"/> is what the device reported;
/// <see cref="OperatorLabel"/> is what an operator set with <c>device.pair.rename</c>.
/// <see cref="ApprovedScopes"/> is the approval baseline the reference checks tokens against.
/// Node-surface and browser columns are not modelled; Pincer's updates leave them untouched.
/// </summary>
public sealed record StoredPairedDevice
{
    public required string DeviceId { get; init; }

    public required string PublicKey { get; init; }

    public string? DisplayName { get; init; }

    public string? OperatorLabel { get; init; }

    public string? Platform { get; init; }

    public string? DeviceFamily { get; init; }

    public string? ClientId { get; init; }

    public string? ClientMode { get; init; }

    public string? BrowserOrigin { get; init; }

    public string? Role { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyList<string>? ApprovedScopes { get; init; }

    public string? RemoteIp { get; init; }

    /// <summary>Token entries by role, in stored order.</summary>
    public IReadOnlyList<StoredDeviceToken> Tokens { get; init; } = [];

    /// <summary>One of owner, silent, trusted-cidr, trusted-proxy, ssh-verified, bootstrap (or null).</summary>
    public string? ApprovedVia { get; init; }

    public long CreatedAtMs { get; init; }

    public long ApprovedAtMs { get; init; }

    public long? LastSeenAtMs { get; init; }

    public string? LastSeenReason { get; init; }

    public StoredDeviceToken? TokenFor(string role) => Tokens.FirstOrDefault(t => t.Role == role);
}
