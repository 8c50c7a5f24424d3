namespace Pincer.Protocol.Auth;

/// <summary>
/// Builds the exact string a device signs at connect (spec/protocol.md §4.2). Both the gateway
/// (verify) and our clients (sign) use this, so the two can never drift apart.
/// </summary>
public static class DeviceAuthPayload
{
    public static string V3(string deviceId, string clientId, string clientMode, string role,
        IReadOnlyList<string> scopes, long signedAtMs, string? token, string nonce, string? platform, string? deviceFamily) =>
        string.Join('|', "v3", deviceId, clientId, clientMode, role, string.Join(',', scopes),
            signedAtMs.ToString(System.Globalization.CultureInfo.InvariantCulture), token ?? "", nonce,
            NormalizeMetadata(platform), NormalizeMetadata(deviceFamily));

    public static string V2(string deviceId, string clientId, string clientMode, string role,
        IReadOnlyList<string> scopes, long signedAtMs, string? token, string nonce) =>
        string.Join('|', "v2", deviceId, clientId, clientMode, role, string.Join(',', scopes),
            signedAtMs.ToString(System.Globalization.CultureInfo.InvariantCulture), token ?? "", nonce);

    /// <summary>Trimmed and ASCII-lower-cased, empty when absent — as the reference pins metadata.</summary>
    public static string NormalizeMetadata(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "";
        }

        var trimmed = value.Trim();
        return string.Create(trimmed.Length, trimmed, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
            {
                var c = s[i];
                span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
        });
    }
}
