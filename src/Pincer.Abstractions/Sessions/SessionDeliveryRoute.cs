namespace Pincer.Abstractions.Sessions;

/// <summary>Where a channel-shaped session key delivers to: channel, optional account, peer kind and id, optional thread.</summary>
public sealed record SessionDeliveryRoute(string Channel, string? AccountId, string PeerKind, string PeerId, string? ThreadId);
