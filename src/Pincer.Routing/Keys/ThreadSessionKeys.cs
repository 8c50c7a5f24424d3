namespace Pincer.Routing.Keys;

/// <summary>A thread's own session key and, when it has one, the parent conversation's key.</summary>
public sealed record ThreadSessionKeys(string SessionKey, string? ParentSessionKey);
