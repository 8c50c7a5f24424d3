namespace Pincer.Sessions.Store;

/// <summary>A stored session: its key (e.g. <c>agent:main:main</c>) and its entry.</summary>
public sealed record SessionRecord(string SessionKey, SessionEntry Entry);
