namespace Pincer.Config.Reload;

/// <summary>
/// The reference's reload policy as data: core owners first, then plugin-registered prefixes
/// (browser, and the channel plugins that ship in the package: telegram, a2a, reef), then the
/// broad defaults. Sorted like the reference — more segments first, then fewer wildcards, ties
/// keep declaration order — so the first match is the most specific rule.
/// </summary>
internal static class ReloadRuleTable
{
    private static readonly string[] TelegramNoopFields =
        ["dmPolicy", "allowFrom", "groupAllowFrom", "groupPolicy", "replyToMode", "streaming", "textChunkLimit"];

    /// <summary>Rules as a gateway with no channel plugin loaded sees them (no channel configured).</summary>
    public static IReadOnlyList<ReloadRule> Rules { get; } = Build([]);

    /// <param name="channelPluginIds">Loaded channel plugins among those shipped (telegram, a2a, reef).</param>
    public static List<ReloadRule> Build(IReadOnlyCollection<string> channelPluginIds)
    {
        var declared = new List<ReloadRule>();
        void Add(ReloadKind kind, params string[] prefixes) => declared.AddRange(prefixes.Select(p => new ReloadRule(p, kind)));

        // Core owners.
        Add(ReloadKind.None, "gateway.remote", "gateway.reload");
        Add(ReloadKind.Restart, "gateway.auth.token", "gateway.auth.password", "mcp.apps", "secrets.egressProxy", "gateway.portals");
        Add(ReloadKind.Hot,
            "gateway.http.endpoints", "gateway.http.securityHeaders.strictTransportSecurity", "gateway.tools", "gateway.cliAgents",
            "gateway.controlUi.enabled", "gateway.controlUi.environment", "gateway.controlUi.communityInvite", "gateway.controlUi.github",
            "gateway.controlUi.sessionObserver", "gateway.controlUi.embedSandbox", "gateway.controlUi.allowExternalEmbedUrls",
            "gateway.controlUi.automaticallyFetchFavicons", "gateway.controlUi.experimental.customPlugins", "gateway.controlUi.allowedOrigins",
            "gateway.controlUi.dangerouslyAllowHostHeaderOriginFallback", "gateway.nodes.browser", "gateway.nodes.pairing",
            "gateway.nodes.commands", "gateway.nodes.pluginTools.enabled", "gateway.nodes.allowSkills", "gateway.push.apns.relay",
            "gateway.terminal", "gateway.auth.rateLimit", "gateway.roles", "gateway.trustedProxies", "gateway.allowRealIpFallback",
            "gateway.auth.allowTailscale", "gateway.auth.identityScopes", "gateway.auth.trustedProxy", "diagnostics.enabled",
            "discovery.mdns.mode", "mcp.apps.sandboxOrigin", "agents.defaults", "desktop.host", "cloudWorkers");
        Add(ReloadKind.Hot, "hooks.gmail");
        Add(ReloadKind.Hot, "hooks.internal", "agents.defaults.workspace");
        Add(ReloadKind.Hot, "hooks");
        Add(ReloadKind.Hot, "agents.defaults.heartbeat", "agents.defaults.models", "agents.defaults.modelPolicy", "agents.defaults.model", "models", "agent.heartbeat");
        Add(ReloadKind.Hot, "agents.entries");
        Add(ReloadKind.Hot, "agents.entries.*.decisionModel");
        Add(ReloadKind.Hot, "agents.defaults.sessionStore", "agents.ownership");
        Add(ReloadKind.Hot, "skills.workshop.autonomous.mode");
        Add(ReloadKind.Hot, "agents.defaults.decisionModel");
        Add(ReloadKind.Hot, "plugins.load", "plugins.installs");
        Add(ReloadKind.Hot, "cron");
        Add(ReloadKind.Hot, "transcripts", "cloudWorkers.profiles");
        Add(ReloadKind.Hot, "mcp", "gateway.publicOrigin");
        Add(ReloadKind.Hot, "talk.provider", "talk.realtime.provider");

        // Plugin registrations (browser plugin).
        Add(ReloadKind.Restart, "browser");
        Add(ReloadKind.Hot,
            "browser.profiles", "browser.defaultProfile", "browser.headless", "browser.executablePath", "browser.attachOnly",
            "browser.cdpUrl", "browser.noSandbox", "browser.extraArgs", "browser.snapshotDefaults", "browser.tabCleanup",
            "browser.allowSystemProfileImport");

        // Settings shared by every channel: hot while any channel plugin is loaded, inert otherwise.
        Add(channelPluginIds.Count > 0 ? ReloadKind.Hot : ReloadKind.None,
            "agents.defaults.mediaMaxMb", "channels.defaults", "channels.modelByChannel", "messages.inbound", "messages.ackReactionScope",
            "commands", "accessGroups", "tts", "surfaces", "acp.stream", "diagnostics.flags");

        // Channel plugins.
        foreach (var id in channelPluginIds)
        {
            Add(ReloadKind.Hot, $"channels.{id}");
            if (id == "telegram")
            {
                Add(ReloadKind.None, "messages.inbound", "messages.ackReactionScope");
                Add(ReloadKind.None, TelegramNoopFields.SelectMany(f => new[] { $"channels.telegram.{f}", $"channels.telegram.accounts.*.{f}" }).ToArray());
            }
        }

        foreach (var id in channelPluginIds)
        {
            Add(ReloadKind.Hot, $"plugins.entries.{id}");
        }

        Add(ReloadKind.Hot, "session.scope", "session.store");

        // Broad defaults.
        Add(ReloadKind.None,
            "meta", "identity", "wizard", "logging", "agents", "bindings", "audio", "agent", "routing", "messages", "session", "talk",
            "skills", "secrets", "tui", "ui");
        Add(ReloadKind.Hot,
            "tools", "approvals.exec", "approvals.plugin", "auth.order", "auth.profiles", "broadcast", "memory.citations", "worktreeRoot",
            "worktreeAcceleration", "security.audit.suppressions", "security.installPolicy", "diagnostics.cacheTrace.enabled", "acp",
            "attachments.ttlHours", "update.checkOnStart", "update.channel", "update.auto.enabled", "telemetry.enabled", "telemetry.consentedAt");
        Add(ReloadKind.Hot, "plugins");
        Add(ReloadKind.Hot, "channels");
        Add(ReloadKind.Restart, "gateway", "discovery");

        // Service-owned prefixes (browser-control) are hot regardless of the owning rule.
        Add(ReloadKind.Hot, "browser.enabled", "browser.evaluateEnabled", "browser.ssrfPolicy", "browser.extensionRelay.allowLegacyAuth");

        return [.. declared
            .Select((rule, index) => (rule, index))
            .OrderByDescending(x => x.rule.SegmentCount)
            .ThenBy(x => x.rule.WildcardCount)
            .ThenBy(x => x.index)
            .Select(x => x.rule)];
    }
}
