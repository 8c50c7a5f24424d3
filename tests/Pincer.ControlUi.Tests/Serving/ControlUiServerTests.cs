using System.Text;
using Microsoft.AspNetCore.Http;
using Pincer.ControlUi.Serving;

namespace Pincer.ControlUi.Tests.Serving;

/// <summary>The asset server on its own: paths, cache headers, ETag revalidation and the security headers.</summary>
public sealed class ControlUiServerTests
{
    private static readonly ControlUiOptions Root = ControlUiOptions.Default;

    private static async Task<(bool Handled, HttpResponse Response, string Body)> GetAsync(string path, ControlUiOptions? options = null,
        string method = "GET", string host = "127.0.0.1:18789", string? ifNoneMatch = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.Host = new HostString(host);
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }

        var body = new MemoryStream();
        context.Response.Body = body;
        var handled = await ControlUiServer.TryServeAsync(context, options ?? Root);
        return (handled, context.Response, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task The_root_is_the_app_shell_revalidated_on_every_load()
    {
        var (handled, response, body) = await GetAsync("/");
        Assert.True(handled);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("no-cache", response.Headers.CacheControl.ToString());
        Assert.StartsWith("\"", response.Headers.ETag.ToString(), StringComparison.Ordinal);
        Assert.Contains($"/assets/{ControlUiServer.Version}/app/main.js", body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", body, StringComparison.Ordinal);
        // No inline script anywhere: the CSP forbids it and the page does not need it.
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", body);
    }

    [Fact]
    public async Task Every_response_carries_a_strict_policy_and_the_hardening_headers()
    {
        var (_, response, _) = await GetAsync("/");
        var csp = response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' ws://127.0.0.1:18789 wss://127.0.0.1:18789;", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
        Assert.Equal("DENY", response.Headers.XFrameOptions.ToString());
    }

    [Theory]
    [InlineData("evil.example; script-src *")]
    [InlineData("127.0.0.1:1 https://evil.example")]
    public async Task A_strange_host_header_never_widens_connect_src(string host)
    {
        var (_, response, _) = await GetAsync("/", host: host);
        var csp = response.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("connect-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app/main.js", "text/javascript; charset=utf-8")]
    [InlineData("app.css", "text/css; charset=utf-8")]
    [InlineData("app/views/chat.js", "text/javascript; charset=utf-8")]
    public async Task Versioned_assets_are_immutable(string asset, string type)
    {
        var (handled, response, body) = await GetAsync($"/assets/{ControlUiServer.Version}/{asset}");
        Assert.True(handled);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(type, response.ContentType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl.ToString());
        Assert.NotEmpty(body);
    }

    [Fact]
    public async Task An_asset_asked_for_under_an_old_version_is_served_but_not_kept()
    {
        var (handled, response, _) = await GetAsync("/assets/000000000000/app/main.js");
        Assert.True(handled);
        Assert.Equal("no-cache", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task A_matching_etag_gets_304_without_a_body()
    {
        var (_, first, _) = await GetAsync("/");
        var etag = first.Headers.ETag.ToString();
        var (handled, response, body) = await GetAsync("/", ifNoneMatch: etag);
        Assert.True(handled);
        Assert.Equal(304, response.StatusCode);
        Assert.Empty(body);
        Assert.Equal(etag, response.Headers.ETag.ToString());

        var (_, other, _) = await GetAsync("/", ifNoneMatch: "\"something-else\"");
        Assert.Equal(200, other.StatusCode);
    }

    [Fact]
    public async Task Head_answers_headers_only()
    {
        var (handled, response, body) = await GetAsync("/", method: "HEAD");
        Assert.True(handled);
        Assert.Equal(200, response.StatusCode);
        Assert.True(response.ContentLength > 0);
        Assert.Empty(body);
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/healthz")]
    [InlineData("/assets/")]
    [InlineData("/assets/x")]
    [InlineData("/assets/v1/missing.js")]
    [InlineData("/assets/v1/../index.html")]
    [InlineData("/app/main.js")]
    public async Task Unknown_paths_are_left_to_the_gateway(string path)
    {
        var (handled, _, _) = await GetAsync(path);
        Assert.False(handled);
    }

    [Fact]
    public async Task Only_get_and_head_are_served()
    {
        var (handled, _, _) = await GetAsync("/", method: "POST");
        Assert.False(handled);
    }

    [Fact]
    public async Task Disabled_serves_nothing()
    {
        var (handled, _, _) = await GetAsync("/", new ControlUiOptions(false, ""));
        Assert.False(handled);
    }

    [Fact]
    public async Task A_base_path_prefixes_every_url()
    {
        var options = new ControlUiOptions(true, "/openclaw");
        var (redirected, redirect, _) = await GetAsync("/openclaw", options);
        Assert.True(redirected);
        Assert.Equal(308, redirect.StatusCode);
        Assert.Equal("/openclaw/", redirect.Headers.Location.ToString());

        var (handled, _, body) = await GetAsync("/openclaw/", options);
        Assert.True(handled);
        Assert.Contains($"/openclaw/assets/{ControlUiServer.Version}/app.css", body, StringComparison.Ordinal);
        Assert.Contains("data-base=\"/openclaw\"", body, StringComparison.Ordinal);
        var (asset, _, _) = await GetAsync($"/openclaw/assets/{ControlUiServer.Version}/app/main.js", options);
        Assert.True(asset);
        var (root, _, _) = await GetAsync("/", options);
        Assert.False(root);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("/", "")]
    [InlineData("openclaw", "/openclaw")]
    [InlineData("/openclaw/", "/openclaw")]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a\"><script>", null)]
    [InlineData("/a/../b", null)]
    [InlineData("//evil.example", null)]
    public void Base_paths_are_normalised_or_refused(string? value, string? expected) =>
        Assert.Equal(expected, ControlUiOptions.NormalizeBasePath(value));
}
