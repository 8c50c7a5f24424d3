using System.Text.Json.Nodes;

namespace Pincer.Config.Loading;

/// <summary>One read of the config file and everything it includes.</summary>
public sealed record ConfigFileSnapshot
{
    /// <summary>Absolute path of the main config file.</summary>
    public required string Path { get; init; }

    public required bool Exists { get; init; }

    /// <summary>The file text exactly as read (a BOM is kept), or <c>null</c> when missing.</summary>
    public string? Raw { get; init; }

    /// <summary>The parsed main file before includes; <c>{}</c> when missing or unparsable.</summary>
    public required JsonNode? Parsed { get; init; }

    /// <summary>After <c>$include</c> expansion, before <c>${VAR}</c> substitution (what the user authored).</summary>
    public JsonNode? Authored { get; init; }

    /// <summary>After includes and <c>${VAR}</c> substitution; <c>null</c> when parsing or includes failed.</summary>
    public JsonNode? Resolved { get; init; }

    /// <summary>Lexical and canonical paths of every include, sorted, for file watching.</summary>
    public IReadOnlyList<string> IncludedPaths { get; init; } = [];

    /// <summary>
    /// Content revision (hex SHA-256) of the main file plus every include; changes whenever any of
    /// them changes. Project it with <see cref="ConfigRevisionProjector.ProjectRawHash"/> for clients.
    /// </summary>
    public required string Hash { get; init; }

    /// <summary>base64url SHA-256 of the key-sorted JSON of <see cref="Resolved"/>, or <c>null</c>.</summary>
    public string? ResolvedHash { get; init; }

    /// <summary>Per include (lexical path): hash of its content, for write-conflict checks.</summary>
    public IReadOnlyDictionary<string, string> IncludeFileHashes { get; init; } = new Dictionary<string, string>();

    /// <summary>Parse and include failures (path <c>""</c>); non-empty means the file is unusable.</summary>
    public IReadOnlyList<ConfigIssue> ParseIssues { get; init; } = [];

    /// <summary>Non-fatal findings, e.g. a <c>${VAR}</c> that is unset, at its config path.</summary>
    public IReadOnlyList<ConfigIssue> Warnings { get; init; } = [];

    /// <summary>The environment used for substitution: the caller's plus the config's <c>env</c> vars.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();
}
