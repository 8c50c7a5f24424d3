namespace Pincer.Bench;

/// <summary>Every gateway still alive, so that Ctrl-C / SIGTERM / a crash still kills them.</summary>
internal static class ProcessRegistry
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<GatewayProcess> Live = [];

    public static void Track(GatewayProcess p)
    {
        lock (Gate)
        {
            Live.Add(p);
        }
    }

    public static void Untrack(GatewayProcess p)
    {
        lock (Gate)
        {
            Live.Remove(p);
        }
    }

    public static void KillAll()
    {
        GatewayProcess[] copy;
        lock (Gate)
        {
            copy = [.. Live];
        }
        foreach (var p in copy)
        {
            p.Dispose();
        }
    }
}
