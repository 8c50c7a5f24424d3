using Pincer.Cli.Commands.Config;
using Pincer.Cli.Commands.Doctor;
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
        new(["config", "get"], ConfigGetCommand.Options, 1, ConfigGetCommand.RunAsync),
        new(["config", "set"], ConfigSetCommand.Options, 2, ConfigSetCommand.RunAsync),
        new(["config", "unset"], ConfigUnsetCommand.Options, 1, ConfigUnsetCommand.RunAsync),
        new(["config", "file"], ConfigFileCommand.Options, 0, ConfigFileCommand.RunAsync),
        new(["config", "validate"], ConfigValidateCommand.Options, 0, ConfigValidateCommand.RunAsync),
        new(["config", "schema"], ConfigSchemaCommand.Options, 0, ConfigSchemaCommand.RunAsync),
        new(["doctor"], DoctorCommand.Options, 0, DoctorCommand.RunAsync),
    ];
}
