namespace Pincer.Fakes.Tests.Reference;

/// <summary>A theory that needs the installed reference; skipped with the reason otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    public ReferenceTheoryAttribute()
    {
        if (ReferenceGateway.MissingReason() is { } reason)
        {
            Skip = reason;
        }
    }
}
