using Pincer.Client.Connection;
using Pincer.Cli.Output;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands;

/// <summary>Turns a failed gateway round-trip into the reference's output and exit code 1.</summary>
internal static class GatewayCommandFailure
{
    public static int Report(CliContext ctx, Exception error, GatewayTarget? target, bool json, string humanPrefix)
    {
        switch (error)
        {
            case GatewayRequestException req when json:
                CliJson.Write(ctx.Out, CliErrors.RequestError(req));
                break;
            case GatewayRequestException req:
                ctx.Err.WriteLine($"{humanPrefix}: {req.Error.Message}");
                break;
            case GatewayTransportException transport when target is not null && json:
                CliJson.Write(ctx.Out, CliErrors.TransportError(transport, target));
                break;
            case GatewayTransportException transport when target is not null:
                CliErrors.WriteTransportHuman(ctx.Err, transport, target);
                break;
            case GatewayCredentialsRequiredException creds when json:
                CliJson.Write(ctx.Out, CliErrors.Simple("gateway_credentials_required", creds.Message));
                break;
            default:
                if (json)
                {
                    CliJson.Write(ctx.Out, CliErrors.Simple("cli_error", error.Message));
                }
                else
                {
                    ctx.Err.WriteLine($"{humanPrefix}: {error.Message}");
                }

                break;
        }

        return 1;
    }

    public static bool IsExpected(Exception ex) =>
        ex is GatewayRequestException or GatewayTransportException or GatewayCredentialsRequiredException or Parsing.CliUsageException;
}
