namespace Pincer.Storage.Sqlite.Devices;

/// <summary>
/// One entry of a paired device's <c>tokens_json</c> object (keyed by role). The reference verifies
/// device-token auth against these entries, not against <c>device_auth_tokens</c> (that table is the
/// client side: tokens this install holds for connecting to a gateway).
/// </summary>
public sealed record StoredDeviceToken(
    string Role,
    string Token,
    IReadOnlyList<string> Scopes,
    long CreatedAtMs,
    long? RotatedAtMs = null,
    long? RevokedAtMs = null,
    long? LastUsedAtMs = null);
