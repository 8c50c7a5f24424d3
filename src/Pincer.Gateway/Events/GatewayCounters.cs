namespace Pincer.Gateway.Events;

/// <summary>Monotonic presence/health versions shared by hello-ok snapshots and broadcasts.</summary>
internal sealed class GatewayCounters
{
    private long _presence = 1;
    private long _health = 1;

    public StateVersion Current => new(Interlocked.Read(ref _presence), Interlocked.Read(ref _health));

    public StateVersion BumpPresence()
    {
        Interlocked.Increment(ref _presence);
        return Current;
    }

    public StateVersion BumpHealth()
    {
        Interlocked.Increment(ref _health);
        return Current;
    }
}
