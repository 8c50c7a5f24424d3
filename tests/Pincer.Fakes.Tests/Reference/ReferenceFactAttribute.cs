namespace Pincer.Fakes.Tests.Reference;

/// <summary>A fact that needs the installed reference (node + openclaw); skipped with the reason otherwise.</summary>
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
