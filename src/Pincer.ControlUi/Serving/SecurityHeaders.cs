using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Pincer.ControlUi.Serving;

/// <summary>
/// The headers every Control UI response carries. The CSP allows only this origin's own files (no inline script or
/// style, no eval), and sockets only back to the host the page came from, so neither injected markup nor a crafted
/// link can make the page talk to anyone else.
/// </summary>
internal static partial class SecurityHeaders
{
    public static void Apply(HttpResponse response, string? requestHost)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(requestHost);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
    }

    /// <summary>The policy; <c>connect-src</c> names this host's ws/wss origin when the Host header is a plain host.</summary>
    public static string ContentSecurityPolicy(string? requestHost)
    {
        var sockets = requestHost is { Length: > 0 } host && PlainHost().IsMatch(host) ? $" ws://{host} wss://{host}" : "";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + $"connect-src 'self'{sockets}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; "
            + "manifest-src 'self'; worker-src 'none'";
    }

    [GeneratedRegex(@"^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$")]
    private static partial Regex PlainHost();
}
