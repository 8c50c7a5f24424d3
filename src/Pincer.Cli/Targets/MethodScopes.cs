using Pincer.Protocol.Catalog;

namespace Pincer.Cli.Targets;

/// <summary>
/// Which operator scopes <c>gateway call</c> asks for. The reference asks for the least privilege the
/// method needs (one scope), and for its full CLI set when the method is unknown to its table.
/// </summary>
internal static class MethodScopes
{
    /// <summary>The reference's CLI default set, in its order.</summary>
    public static readonly IReadOnlyList<string> CliDefault =
    [
        "operator.admin", "operator.read", "operator.write", "operator.approvals",
        "operator.questions", "operator.pairing", "operator.talk.secrets",
    ];

    public static IReadOnlyList<string> LeastPrivilege(string method)
    {
        var info = ProtocolCatalog.Find(method);
        return info?.Scope switch
        {
            null => CliDefault,
            // Node-only methods need no operator scope. TODO: "dynamic" methods derive the scope
            // from params in the reference; until that table is ported they get the full CLI set.
            "node" => [],
            "dynamic" => CliDefault,
            var scope => [scope],
        };
    }
}
