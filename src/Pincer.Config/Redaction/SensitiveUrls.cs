using System.Text.RegularExpressions;

namespace Pincer.Config.Redaction;

/// <summary>
/// URL-valued fields are not secret as a whole, only when they carry credentials: user-info, an
/// auth-like query parameter, or a Telegram bot token in the path. Redaction only needs to know
/// whether such a part is present (the whole value is then replaced by the sentinel), so this
/// answers that question instead of producing a masked URL.
/// </summary>
internal static partial class SensitiveUrls
{
    private const int MaxDepth = 8;

    private static readonly HashSet<string> SecretQueryNames = new(StringComparer.Ordinal)
    {
        "token", "key", "api_key", "apikey", "secret", "access_token", "auth_token", "password", "pass",
        "passwd", "auth", "jwt", "session", "id_token", "code", "client_secret", "app_secret", "hook_token",
        "refresh_token", "signature", "x_amz_signature", "x_amz_security_token", "private_key", "credential",
        "authorization", "sig", "x_api_key", "x_access_token", "x_auth_token",
    };

    [GeneratedRegex(@"(?:^|_)token(?:_[a-f0-9]{16,})?$")]
    private static partial Regex ScopedTokenName();

    [GeneratedRegex(@"/bot\d{6,}(?::|%3[aA])[A-Za-z0-9_-]{20,}(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex TelegramBotPath();

    // Separators a query name may hide behind: controls, spaces, '+', Hangul fillers.
    [GeneratedRegex(@"[\p{C}\p{Z}\u115F\u1160\u3164\uFFA0+]")]
    private static partial Regex NameSeparators();

    // user-info after a special scheme or a protocol-relative "//".
    [GeneratedRegex(@"(?:\b(?:https?|wss?|ftp):[\\/]{0,2}|[\\/]{2,})[^\\/?#\s]*@", RegexOptions.IgnoreCase)]
    private static partial Regex EmbeddedUserInfo();

    [GeneratedRegex(@"[?&#]([^=&#]+)=")]
    private static partial Regex QueryNames();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex HasScheme();

    [GeneratedRegex(@"%[0-9a-fA-F]{2}")]
    private static partial Regex PercentEscape();

    /// <summary>Config paths whose URL values may embed credentials even without a schema tag.</summary>
    public static bool IsSensitiveUrlConfigPath(string path)
    {
        if (path.EndsWith(".baseUrl", StringComparison.Ordinal) || path.EndsWith(".httpUrl", StringComparison.Ordinal)
            || path.EndsWith(".cdpUrl", StringComparison.Ordinal) || path.EndsWith(".request.proxy.url", StringComparison.Ordinal))
        {
            return true;
        }

        var rest = path.StartsWith("nodeHost.", StringComparison.Ordinal) ? path["nodeHost.".Length..] : path;
        if (!rest.StartsWith("mcp.servers.", StringComparison.Ordinal) || !rest.EndsWith(".url", StringComparison.Ordinal))
        {
            return false;
        }

        var server = rest["mcp.servers.".Length..^".url".Length];
        return server.Length > 0 && !server.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>True when the value carries a credential that the reference would mask.</summary>
    public static bool CarriesCredentials(string value) => CarriesCredentials(value, 0);

    public static bool IsSecretQueryName(string name)
    {
        var current = NameSeparators().Replace(name, string.Empty);
        var unresolved = false;
        for (var depth = 0; depth <= MaxDepth; depth++)
        {
            string decoded;
            try
            {
                decoded = NameSeparators().Replace(Uri.UnescapeDataString(current), string.Empty);
            }
            catch (UriFormatException)
            {
                unresolved = current.Contains('%', StringComparison.Ordinal);
                break;
            }

            if (decoded == current)
            {
                break;
            }

            current = decoded;
            unresolved = depth == MaxDepth && current.Contains('%', StringComparison.Ordinal);
        }

        // A name still percent-encoded after the decode budget is treated as hiding something.
        unresolved |= PercentEscape().IsMatch(current) && Uri.UnescapeDataString(current) != current;
        var normalized = current.ToLowerInvariant().Replace('-', '_');
        return unresolved || SecretQueryNames.Contains(normalized) || ScopedTokenName().IsMatch(normalized);
    }

    private static bool CarriesCredentials(string value, int depth)
    {
        if (depth > MaxDepth)
        {
            return true;
        }

        if (TelegramBotPath().IsMatch(value) || EmbeddedUserInfo().IsMatch(value))
        {
            return true;
        }

        if (HasScheme().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            return true;
        }

        foreach (Match match in QueryNames().Matches(value))
        {
            if (IsSecretQueryName(match.Groups[1].Value))
            {
                return true;
            }
        }

        // A URL nested in an encoded parameter or path: look again once decoded.
        if (PercentEscape().IsMatch(value))
        {
            string decoded;
            try
            {
                decoded = Uri.UnescapeDataString(value);
            }
            catch (UriFormatException)
            {
                return false;
            }

            if (decoded != value)
            {
                return CarriesCredentials(decoded, depth + 1);
            }
        }

        return false;
    }
}
