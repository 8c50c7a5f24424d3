namespace Pincer.Parity.Running;

/// <summary>Where the repo, the reference install and the Pincer executable live on this machine.</summary>
public static class ParityPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ParityDir => Path.Combine(RepoRoot, "parity");

    public static string ScenariosDir => Path.Combine(ParityDir, "scenarios");

    public static string GoldenDir => Path.Combine(ParityDir, "golden");

    public static string ArtifactsDir => Path.Combine(RepoRoot, "artifacts", "parity");

    /// <summary>The reference's install folder, or null when it is not installed here.</summary>
    public static string? ReferenceDir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("OPENCLAW_REF_DIR");
            var candidates = new List<string>();
            if (!string.IsNullOrWhiteSpace(env))
            {
                candidates.Add(env);
            }

            candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "openclaw-reference"));
            return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "bin", "openclaw")));
        }
    }

    public static string? ReferenceCli => ReferenceDir is { } d ? Path.Combine(d, "bin", "openclaw") : null;

    /// <summary>Pincer's <c>openclaw</c>: $PINCER_BIN, else the Release build, else the Debug build.</summary>
    public static string PincerCli
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PINCER_BIN");
            if (!string.IsNullOrWhiteSpace(env))
            {
                return env;
            }

            var release = Path.Combine(RepoRoot, "src", "Pincer.Cli", "bin", "Release", "net10.0", "openclaw");
            var debug = Path.Combine(RepoRoot, "src", "Pincer.Cli", "bin", "Debug", "net10.0", "openclaw");
            return File.Exists(release) || !File.Exists(debug) ? release : debug;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pincer.slnx")))
            {
                return dir.FullName;
            }
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pincer.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pincer.slnx not found above " + AppContext.BaseDirectory);
    }
}
