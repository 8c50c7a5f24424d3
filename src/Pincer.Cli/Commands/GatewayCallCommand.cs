using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Cli.Output;
using Pincer.Cli.Parsing;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands;

/// <summary><c>openclaw gateway call &lt;method&gt; [--params json] [--url --token --password --port --timeout --expect-final --json]</c>.</summary>
internal static class GatewayCallCommand
{
    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("params", true), new("url", true), new("token", true), new("password", true), new("port", true),
        new("timeout", true), new("expect-final", false), new("expect-url", true), new("json", false),
    ];

    public static async Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var json = cmd.Has("json");
        if (cmd.Positionals.Count == 0)
        {
            throw new CliUsageException("missing required argument \"method\"");
        }

        var method = cmd.Positionals[0];
        JsonNode? parameters;
        try
        {
            // The reference passes whatever JSON value --params holds (arrays included); only bad JSON fails.
            parameters = JsonNode.Parse(cmd.Value("params") ?? "{}") ?? new JsonObject();
        }
        catch (JsonException)
        {
            return Fail(ctx, json, "--params is not valid JSON.");
        }

        GatewayTarget? target = null;
        try
        {
            target = GatewayTargetResolver.Resolve(ctx, cmd.Value("url"), cmd.Value("token"), cmd.Value("password"), cmd.Value("port"));
            if (cmd.Value("expect-url") is { } expected && !string.Equals(expected.TrimEnd('/'), target.UrlText.TrimEnd('/'), StringComparison.Ordinal))
            {
                return Fail(ctx, json, $"resolved gateway url {target.UrlText} differs from --expect-url {expected}");
            }

            var timeout = CommandTimeouts.Parse(cmd.Value("timeout"), CommandTimeouts.Default);
            var payload = await GatewayCaller.CallAsync(target, GatewayCallIdentity.Cli, MethodScopes.LeastPrivilege(method),
                method, parameters, timeout, cmd.Has("expect-final"), ctx.Stopping).ConfigureAwait(false);
            if (!json)
            {
                ctx.Out.WriteLine($"Gateway call: {method}");
            }

            CliJson.Write(ctx.Out, payload);
            return 0;
        }
        catch (Exception ex) when (GatewayCommandFailure.IsExpected(ex))
        {
            return GatewayCommandFailure.Report(ctx, ex, target, json, "Gateway call failed");
        }
    }

    private static int Fail(CliContext ctx, bool json, string message)
    {
        if (json)
        {
            CliJson.Write(ctx.Out, CliErrors.Simple("cli_error", message));
        }
        else
        {
            ctx.Err.WriteLine(message);
        }

        return 1;
    }
}
