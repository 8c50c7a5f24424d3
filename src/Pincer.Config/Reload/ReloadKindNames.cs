namespace Pincer.Config.Reload;

/// <summary>Wire spelling of <see cref="ReloadKind"/> (<c>reloadKind</c> in <c>config.schema.lookup</c>).</summary>
public static class ReloadKindNames
{
    public static string ToWire(this ReloadKind kind) => kind switch
    {
        ReloadKind.Hot => "hot",
        ReloadKind.Restart => "restart",
        _ => "none",
    };
}
