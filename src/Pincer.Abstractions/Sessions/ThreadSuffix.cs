namespace Pincer.Abstractions.Sessions;

/// <summary>A key split at its last <c>:thread:</c> marker; <see cref="BaseSessionKey"/> is the parent conversation's key.</summary>
public sealed record ThreadSuffix(string? BaseSessionKey, string? ThreadId);
