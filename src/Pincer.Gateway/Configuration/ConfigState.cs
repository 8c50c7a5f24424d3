namespace Pincer.Gateway.Configuration;

/// <summary>
/// The config the running gateway has applied: the authored file, the resolved tree, its hash.
/// Replaced atomically on reload; readers take one snapshot and never see a half-applied one.
/// </summary>
internal sealed class ConfigState
{
    private volatile ConfigSnapshot _current;

    public ConfigState(ConfigSnapshot initial) => _current = initial;

    public ConfigSnapshot Current => _current;

    public event Action<ConfigSnapshot, ConfigSnapshot>? Changed;

    public void Apply(ConfigSnapshot next)
    {
        var previous = _current;
        _current = next;
        Changed?.Invoke(previous, next);
    }
}
