namespace Pincer.Cli.Tests.Integration;

/// <summary>A fact that is skipped, with the reason shown, when the reference install is absent.</summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (!ReferenceInstall.Available)
        {
            Skip = ReferenceInstall.MissingReason;
        }
    }
}
