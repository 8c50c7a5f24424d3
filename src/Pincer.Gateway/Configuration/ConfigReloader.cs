using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pincer.Config.Loading;
using Pincer.Config.Reload;
using Pincer.Config.Writing;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Events;

namespace Pincer.Gateway.Configuration;

/// <summary>
/// Hybrid reload: watches the config file, re-reads and validates it after a short debounce,
/// applies hot paths live and records restart-only paths, and announces every applied revision
/// as <c>config.changed</c>. Invalid edits are skipped and the last good config stays active.
/// </summary>
internal sealed class ConfigReloader(
    ConfigState state,
    GatewayRunOptions options,
    ConfigRevisionProjector revisions,
    GatewayRestartSignal restart,
    EventBroadcaster events,
    TimeProvider time,
    ILogger<ConfigReloader> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private static readonly string[] ReadScopes = [OperatorScopes.Read];
    private readonly Lock _gate = new();
    // The environment the gateway started with (process env + .env + profile), so a reload resolves
    // ${VAR} exactly as start-up did.
    private readonly IReadOnlyDictionary<string, string> _env = options.Environment;

    public ConfigSnapshot WriteAndApply(string text)
    {
        lock (_gate)
        {
            AtomicFileWriter.WriteAllText(state.Current.Path, text);
            return ReloadLocked() ?? state.Current;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var path = state.Current.Path;
        var directory = Path.GetDirectoryName(path);
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        using var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        var changed = new SemaphoreSlim(0);
        void OnChange(object sender, FileSystemEventArgs e) => changed.Release();
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Renamed += (s, e) => changed.Release();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(Debounce, time, stoppingToken).ConfigureAwait(false);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    ReloadLocked();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
    }

    /// <summary>Reads the file again; applies it when it differs and is valid. Returns the applied snapshot.</summary>
    private ConfigSnapshot? ReloadLocked()
    {
        var previous = state.Current;
        var next = ConfigLoader.Load(previous.Path, _env, revisions);
        if (next.Hash == previous.Hash)
        {
            return null;
        }

        if (!next.Valid)
        {
            var issue = next.File.ParseIssues.Concat(next.Issues).FirstOrDefault();
            GatewayLog.ConfigReloadSkipped(logger, issue is null ? "unknown" : $"{issue.Path}: {issue.Message}");
            return null;
        }

        var paths = ConfigDiff.ChangedPaths(previous.Resolved, next.Resolved);
        var restartPaths = paths.Where(p => ReloadClassifier.KindOf(p) == ReloadKind.Restart).ToList();
        state.Apply(next);
        GatewayLog.ConfigReloaded(logger, restartPaths.Count > 0 ? "restart" : "hot", string.Join(",", paths));
        events.Broadcast("config.changed", new JsonObject
        {
            ["path"] = next.Path,
            ["hash"] = next.Hash,
            ["ts"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, ReadScopes);

        // hybrid (the default) restarts in-process for restart-only paths; "off" keeps running on the old values.
        if (restartPaths.Count > 0 && next.String("gateway.reload.mode") != "off")
        {
            restart.Request("config change requires gateway restart");
        }

        return next;
    }
}
