namespace Pincer.Storage.Sqlite.Identity;

/// <summary>
/// What a local client (the CLI) may present to a gateway on this machine: the shared
/// <c>primary</c> device identity and, when one was issued earlier, the device token stored for a
/// role in <c>device_auth_tokens</c>.
/// </summary>
public sealed record StoredClientDeviceAuth(GatewayIdentityRecord Identity, string? Token, IReadOnlyList<string> TokenScopes);
