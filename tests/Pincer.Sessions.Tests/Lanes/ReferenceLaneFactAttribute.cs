namespace Pincer.Sessions.Tests.Lanes;

/// <summary>A fact that runs the installed reference's queue modules; skipped with the reason when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ReferenceLaneFactAttribute : FactAttribute
{
    public ReferenceLaneFactAttribute()
    {
        if (ReferenceQueueProbe.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
