namespace Pincer.Routing.Mentions;

/// <summary>A configured pattern that is not used, with the reference's reason code.</summary>
public sealed record RejectedMentionPattern(string Pattern, string Reason)
{
    public const string UnsafeNestedRepetition = "unsafe-nested-repetition";
    public const string InvalidRegex = "invalid-regex";
}
