namespace Pincer.Abstractions.Sessions;

/// <summary>
/// A group or channel conversation read from a key without channel knowledge: <see cref="RawId"/> may still
/// carry channel-specific thread/topic suffixes; <see cref="Prefix"/> is the key up to and including the kind.
/// </summary>
public sealed record SessionConversationRef(string Channel, string Kind, string RawId, string Prefix);
