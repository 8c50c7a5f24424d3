namespace Pincer.Gateway.Events;

/// <summary>The presence/health counters carried on presence and health broadcasts.</summary>
internal readonly record struct StateVersion(long Presence, long Health);
