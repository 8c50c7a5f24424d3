namespace Pincer.Storage.Sqlite.Devices;

/// <summary>What an approval grants: a role and scopes for a device key, plus the device's self-reported metadata.</summary>
public sealed record DeviceApproval
{
    public required string DeviceId { get; init; }

    public required string PublicKey { get; init; }

    public required string Role { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    /// <summary>owner, silent, trusted-cidr, trusted-proxy, ssh-verified or bootstrap (the reference drops anything else on read).</summary>
    public required string ApprovedVia { get; init; }

    public string? DisplayName { get; init; }

    public string? Platform { get; init; }

    public string? DeviceFamily { get; init; }

    public string? ClientId { get; init; }

    public string? ClientMode { get; init; }

    public string? RemoteIp { get; init; }
}
