using System.Text.Json.Nodes;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Auth;

/// <summary>
/// Builds the reference's connect-time auth rejection: code INVALID_REQUEST, a message that
/// depends on the client kind (the reference's own clients classify failures by it), and
/// details {code, authReason, canRetryWithDeviceToken, recommendedNextStep}.
/// </summary>
internal static class AuthFailure
{
    public static RpcError Build(string reason, string authMode, string authProvided, string clientId, string clientMode,
        bool isLocal, bool hasDevice, bool sentDeviceToken, long? retryAfterMs = null)
    {
        var canRetry = reason == "token_mismatch" && hasDevice && !sentDeviceToken;
        var details = new JsonObject
        {
            ["code"] = DetailCode(reason),
            ["authReason"] = reason,
            ["canRetryWithDeviceToken"] = canRetry,
            ["recommendedNextStep"] = NextStep(reason, canRetry),
        };
        var error = RpcError.InvalidRequest(Message(reason, authMode, authProvided, clientId, clientMode, isLocal), details);
        return reason == "rate_limited" ? error with { Retryable = true, RetryAfterMs = retryAfterMs } : error;
    }

    private static string DetailCode(string reason) => reason switch
    {
        "token_missing" => "AUTH_TOKEN_MISSING",
        "token_mismatch" => "AUTH_TOKEN_MISMATCH",
        "token_missing_config" => "AUTH_TOKEN_NOT_CONFIGURED",
        "password_missing" => "AUTH_PASSWORD_MISSING",
        "password_mismatch" => "AUTH_PASSWORD_MISMATCH",
        "password_missing_config" => "AUTH_PASSWORD_NOT_CONFIGURED",
        "device_token_mismatch" => "AUTH_DEVICE_TOKEN_MISMATCH",
        "scope_mismatch" => "AUTH_SCOPE_MISMATCH",
        "rate_limited" => "AUTH_RATE_LIMITED",
        "bootstrap_token_invalid" => "AUTH_BOOTSTRAP_TOKEN_INVALID",
        _ when reason.StartsWith("trusted_proxy_", StringComparison.Ordinal) => "AUTH_IDENTITY_HEADER_REQUIRED",
        _ => "AUTH_UNAUTHORIZED",
    };

    private static string NextStep(string reason, bool canRetry) => reason switch
    {
        "token_mismatch" when canRetry => "retry_with_device_token",
        "rate_limited" => "wait_then_retry",
        "token_missing_config" or "password_missing_config" => "update_auth_configuration",
        "token_mismatch" or "password_mismatch" or "token_missing" or "password_missing" or "device_token_mismatch" => "update_auth_credentials",
        _ => "review_auth_configuration",
    };

    // Wire text, reproduced because the reference's clients fall back to matching on it.
    private static string Message(string reason, string authMode, string authProvided, string clientId, string clientMode, bool isLocal)
    {
        var isCli = clientId == "cli" || clientMode == "cli";
        var isUi = clientId is "openclaw-control-ui" or "webchat-ui" or "webchat" || clientMode is "ui" or "webchat";
        var tokenHint = isCli
            ? isLocal ? "use this gateway's gateway.auth.token or pair the device" : "set gateway.remote.token to match gateway.auth.token"
            : isUi ? "open the dashboard URL and paste the token in Control UI settings" : "provide gateway auth token";
        var passwordHint = isCli
            ? isLocal ? "use this gateway's gateway.auth.password" : "set gateway.remote.password to match gateway.auth.password"
            : isUi ? "enter the password in Control UI settings" : "provide gateway auth password";
        return reason switch
        {
            "token_missing" => $"unauthorized: gateway token missing ({(isUi ? "paste in Control UI settings or openclaw doctor --generate-gateway-token; restart" : tokenHint)})",
            "token_mismatch" => $"unauthorized: gateway token mismatch ({tokenHint})",
            "token_missing_config" => "unauthorized: gateway token not configured on gateway (set gateway.auth.token)",
            "password_missing" => $"unauthorized: gateway password missing ({passwordHint})",
            "password_mismatch" => $"unauthorized: gateway password mismatch ({passwordHint})",
            "password_missing_config" => "unauthorized: gateway password not configured on gateway (set gateway.auth.password)",
            "rate_limited" => "unauthorized: too many failed authentication attempts (retry later)",
            "device_token_mismatch" => "unauthorized: device token mismatch (rotate/reissue device token)",
            "scope_mismatch" => "unauthorized: device token scope mismatch (re-pair or approve scope upgrade)",
            _ when authMode == "token" && authProvided == "none" => $"unauthorized: gateway token missing ({tokenHint})",
            _ when authMode == "token" && authProvided == "device-token" => "unauthorized: device token rejected (pair/repair this device, or provide gateway token)",
            _ when authMode == "password" && authProvided == "none" => $"unauthorized: gateway password missing ({passwordHint})",
            _ => "unauthorized",
        };
    }
}
