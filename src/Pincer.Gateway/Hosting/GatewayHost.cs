using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pincer.Config.Loading;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Control;
using Pincer.Gateway.Control.Methods;
using Pincer.Gateway.Devices;
using Pincer.Gateway.Events;
using Pincer.Gateway.Handshake;
using Pincer.Gateway.Health;
using Pincer.Gateway.Logging;
using Pincer.Gateway.Presence;
using Pincer.Storage.Sqlite;
using Pincer.Storage.Sqlite.Configuration;
using Pincer.Storage.Sqlite.Devices;
using Pincer.Storage.Sqlite.Identity;

namespace Pincer.Gateway.Hosting;

/// <summary>Entry point of the gateway process: <c>openclaw gateway run</c> calls <see cref="RunAsync"/>.</summary>
public static class GatewayHost
{
    /// <summary>Runs until <paramref name="stopping"/> fires or the host stops; returns the exit code.</summary>
    public static async Task<int> RunAsync(GatewayRunOptions options, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(options);
        while (true)
        {
            var (exitCode, restart) = await RunOnceAsync(options, stopping).ConfigureAwait(false);
            if (!restart || stopping.IsCancellationRequested)
            {
                return exitCode;
            }
        }
    }

    /// <summary>One host generation: load, listen, serve until stopped or a restart is requested.</summary>
    private static async Task<(int ExitCode, bool Restart)> RunOnceAsync(GatewayRunOptions options, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        if (await LegacyStoreGate.CheckAsync(options.StateDir, Console.Error, stopping).ConfigureAwait(false) is { } refused)
        {
            return (refused, false);
        }

        SqliteStateDatabase database;
        try
        {
            database = SqliteStateDatabase.Open(options.StateDir);
        }
        catch (StateDatabaseRefusedException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return (1, false);
        }

        await using var databaseScope = database.ConfigureAwait(false);
        var revisions = new ConfigRevisionProjector(await new ConfigRevisionKeyStore(database).LoadOrCreateAsync(stopping).ConfigureAwait(false));
        var identity = await GatewayIdentity.LoadOrCreateAsync(new GatewayIdentityStore(database), stopping).ConfigureAwait(false);
        var config = ConfigLoader.Load(options.ConfigPath, options.Environment, revisions);
        if (!config.Valid)
        {
            await Console.Error.WriteLineAsync($"Invalid config at {options.ConfigPath}:").ConfigureAwait(false);
            foreach (var issue in config.File.ParseIssues.Concat(config.Issues))
            {
                await Console.Error.WriteLineAsync($"- {(issue.Path.Length == 0 ? "<root>" : issue.Path)}: {issue.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run `openclaw config validate` for details; the gateway will not start with an invalid config.").ConfigureAwait(false);
            return (ExitConfigError, false);
        }

        if (config.String("gateway.mode") != "local" && !options.AllowUnconfigured)
        {
            await Console.Error.WriteLineAsync("Gateway start blocked: set gateway.mode=local in the config, or pass --allow-unconfigured.").ConfigureAwait(false);
            return (1, false);
        }

        var settings = GatewaySettings.Resolve(options, config);
        if (settings.Error is not null)
        {
            await Console.Error.WriteLineAsync(settings.Error).ConfigureAwait(false);
            return (1, false);
        }

        var app = Build(options, config, settings, revisions, database, identity);
        await using (app.ConfigureAwait(false))
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Pincer.Gateway");
            try
            {
                await app.StartAsync(stopping).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync($"Gateway failed to listen on port {settings.Port}: {ex.Message}").ConfigureAwait(false);
                return (1, false);
            }

            GatewayLog.Listening(log, string.Join(", ", settings.Endpoints.Select(e => $"ws://{e}")));
            GatewayLog.Ready(log, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (settings.GeneratedToken)
            {
                await Console.Out.WriteLineAsync("[gateway] no auth token configured; using a runtime-only token for this process").ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync($"[gateway] ready on ws://{settings.Endpoints[0]} ({(long)Stopwatch.GetElapsedTime(started).TotalMilliseconds} ms)").ConfigureAwait(false);

            // Start-up garbage (the parsed config schema above all) goes back to the OS before we idle;
            // the listener is already accepting, so this costs clients nothing.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var restart = app.Services.GetRequiredService<GatewayRestartSignal>().Requested;
            var stopped = Task.Delay(Timeout.Infinite, stopping);
            await Task.WhenAny(restart, stopped).ConfigureAwait(false);
            var restarting = restart.IsCompleted && !stopping.IsCancellationRequested;
            var reason = restarting ? restart.Result : "gateway stopping";
            if (restarting)
            {
                // The request that triggered the restart (config.set/patch/apply) answers first.
                await Task.Delay(RestartAnswerGrace, CancellationToken.None).ConfigureAwait(false);
            }

            GatewayLog.ShuttingDown(log, reason);
            app.Services.GetRequiredService<GatewayShutdown>().Announce(reason, restarting ? RestartExpectedMs : null);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(grace.Token).ConfigureAwait(false);
            return (0, restarting);
        }
    }

    /// <summary>EX_CONFIG from sysexits.h: the reference's exit status for a config it refuses.</summary>
    private const int ExitConfigError = 78;

    /// <summary>What a restart announces to clients so they reconnect instead of giving up.</summary>
    private const long RestartExpectedMs = 1500;

    private static readonly TimeSpan RestartAnswerGrace = TimeSpan.FromMilliseconds(250);

    private static WebApplication Build(GatewayRunOptions options, ConfigSnapshot config, GatewaySettings settings, ConfigRevisionProjector revisions,
        SqliteStateDatabase database, GatewayIdentity identity)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Pincer.Gateway" });
        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.AddSimpleConsole();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Protocol.ProtocolConstants.MaxPayloadBytes;
            foreach (var endpoint in settings.Endpoints)
            {
                kestrel.Listen(endpoint);
            }
        });

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(new GatewayRuntime(TimeProvider.System)
        {
            StateDir = options.StateDir,
            ConfigPath = options.ConfigPath,
            Port = settings.Port,
            Bind = settings.Bind,
            Auth = settings.Auth,
        });
        services.AddSingleton(new ConfigState(config));
        services.AddSingleton(revisions);
        services.AddSingleton(sp => new GatewayLogFile(config.String("logging.file"), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILoggerProvider, GatewayFileLoggerProvider>();
        services.AddSingleton(new DeviceRecordStore(database));
        services.AddSingleton(new Storage.Sqlite.Sessions.SessionGroupCatalogStore(database, TimeProvider.System));
        services.AddSingleton<Sessions.Groups.SessionGroups>();
        services.AddSingleton<IMethodGroup, SessionGroupMethods>();
        services.AddSingleton(identity);
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<GatewayCounters>();
        services.AddSingleton<EventBroadcaster>();
        services.AddSingleton<EventLoopMonitor>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<PresenceRegistry>();
        services.AddSingleton<SystemEventQueue>();
        services.AddSingleton<ClientPresence>();
        services.AddSingleton<AuthRateLimiter>();
        services.AddSingleton<WriteRateLimiter>();
        services.AddSingleton<IdempotencyCache>();
        services.AddSingleton<RequestActivity>();
        services.AddSingleton<Sessions.AgentStores>();
        services.AddSingleton<Sessions.StatusSessionsSummary>();
        Sessions.Write.SessionWriteServices.AddSessionWrites(services);
        Agents.AgentServices.AddAgentTurns(services);
        services.AddSingleton<IMethodGroup, SystemMethods>();
        services.AddSingleton<IMethodGroup, DeviceMethods>();
        services.AddSingleton<IMethodGroup, ConfigMethods>();
        services.AddSingleton<IMethodGroup, SessionsReadMethods>();
        services.AddSingleton<IMethodGroup, SessionsWriteMethods>();
        services.AddSingleton<Sessions.Cleanup.SessionsCleanupRunner>();
        services.AddSingleton<IMethodGroup, SessionsCleanupMethods>();
        services.AddSingleton<IMethodGroup, ChatMethods>();
        services.AddSingleton<IMethodGroup, ModelMethods>();
        services.AddSingleton<IMethodGroup, UsageMethods>();
        services.AddSingleton<Usage.UsageCostReport>();
        services.AddSingleton<Usage.SessionUsageDetail>();
        services.AddSingleton<Usage.SessionsUsageReport>();
        services.AddSingleton<MethodRegistry>();
        services.AddSingleton<MethodRouter>();
        services.AddSingleton<HelloOkBuilder>();
        services.AddSingleton<ConnectHandler>();
        services.AddSingleton<WebSocketSession>();
        services.AddSingleton<GatewayShutdown>();
        services.AddSingleton<ConfigReloader>();
        services.AddSingleton<GatewayRestartSignal>();
        services.AddHostedService<GatewayHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigReloader>());

        var app = builder.Build();
        app.UseWebSockets();
        var session = app.Services.GetRequiredService<WebSocketSession>();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var runtime = app.Services.GetRequiredService<GatewayRuntime>();
        var monitor = app.Services.GetRequiredService<EventLoopMonitor>();
        var configState = app.Services.GetRequiredService<ConfigState>();
        RequestDelegate handler = async context =>
        {
            if (context.WebSockets.IsWebSocketRequest)
            {
                await session.RunAsync(context, lifetime.ApplicationStopping).ConfigureAwait(false);
                return;
            }

            await HttpEndpoints.HandleAsync(context, runtime, monitor, configState).ConfigureAwait(false);
        };
        app.Run(handler);
        return app;
    }
}
