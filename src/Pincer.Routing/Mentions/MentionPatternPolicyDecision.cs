namespace Pincer.Routing.Mentions;

/// <summary>
/// Whether regex mention patterns apply in one conversation under <c>channels.&lt;channel&gt;.mentionPatterns</c>
/// (<c>mode: allow</c> with <c>denyIn</c>, or <c>mode: deny</c> with <c>allowIn</c>).
/// </summary>
public sealed record MentionPatternPolicyDecision(string EffectiveMode, bool AllowMatched, bool DenyMatched, bool Enabled);
