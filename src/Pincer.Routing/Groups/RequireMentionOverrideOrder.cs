namespace Pincer.Routing.Groups;

/// <summary>Whether a runtime <c>requireMention</c> override (e.g. <c>/activation</c>) beats the configured value.</summary>
public enum RequireMentionOverrideOrder
{
    AfterConfig,
    BeforeConfig,
}
