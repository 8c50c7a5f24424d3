namespace Pincer.Gateway.Control;

/// <summary>How many requests are being handled right now (<c>status.shutdownBudget.activeWork.rootRequests</c>).</summary>
internal sealed class RequestActivity
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public void Begin() => Interlocked.Increment(ref _inFlight);

    public void End() => Interlocked.Decrement(ref _inFlight);
}
