using Microsoft.AspNetCore.Http;
using Pincer.Gateway.Auth;

namespace Pincer.Gateway.Connections;

/// <summary>
/// Trusted-proxy mode: a request that carries the configured identity header must also carry the
/// proxy's attribution of the real client (X-Forwarded-For / Forwarded), or the reference refuses it.
/// </summary>
internal static class ProxyAttribution
{
    public static bool Missing(HttpContext http, GatewayAuthSettings auth)
    {
        if (auth.Mode != "trusted-proxy" || auth.TrustedProxy is not { } proxy)
        {
            return false;
        }

        var headers = http.Request.Headers;
        return headers.ContainsKey(proxy.UserHeader) && !headers.ContainsKey("X-Forwarded-For") && !headers.ContainsKey("Forwarded");
    }
}
