namespace Pincer.ControlUi.Serving;

/// <summary>The few media types the Control UI ships; anything else is refused rather than sniffed.</summary>
internal static class ContentTypes
{
    public static string? For(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json; charset=utf-8",
        ".webmanifest" => "application/manifest+json",
        _ => null,
    };
}
