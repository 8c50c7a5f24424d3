namespace Pincer.Storage.Sqlite.Tests;

/// <summary>A fact that needs the installed reference gateway (node + openclaw@2026.9.6); skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (ReferenceGateway.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
