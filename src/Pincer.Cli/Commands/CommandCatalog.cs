using Pincer.Cli.Parsing;

namespace Pincer.Cli.Commands;

/// <summary>Every command this executable understands, with its options and handler.</summary>
internal static class CommandCatalog
{
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        new(["gateway"], GatewayRunCommand.Options, 0, GatewayRunCommand.RunAsync),
        new(["gateway", "run"], GatewayRunCommand.Options, 0, GatewayRunCommand.RunAsync),
        new(["gateway", "call"], GatewayCallCommand.Options, 1, GatewayCallCommand.RunAsync),
        new(["gateway", "status"], GatewayStatusCommand.Options, 0, GatewayStatusCommand.RunAsync),
        new(["health"], HealthCommand.Options, 0, HealthCommand.RunAsync),
        new(["status"], StatusCommand.Options, 0, StatusCommand.RunAsync),
    ];
}
