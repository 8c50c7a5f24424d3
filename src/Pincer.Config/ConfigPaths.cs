namespace Pincer.Config;

/// <summary>Placeholder so the project compiles; replaced by the config loader.</summary>
internal static class ConfigPaths;
