namespace Pincer.Cli.Tests.Integration;

/// <summary>A theory that is skipped, with the reason shown, when the reference install is absent.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    public ReferenceTheoryAttribute()
    {
        if (!ReferenceInstall.Available)
        {
            Skip = ReferenceInstall.MissingReason;
        }
    }
}
