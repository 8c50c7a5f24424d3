namespace Pincer.Config.Reload;

/// <summary>What a change under a config path needs from the running gateway.</summary>
public enum ReloadKind
{
    /// <summary>Nothing: the value is read on demand.</summary>
    None,

    /// <summary>Applied in-process without restarting the gateway.</summary>
    Hot,

    /// <summary>Needs a gateway restart.</summary>
    Restart,
}
