using System.Text.Json.Nodes;

namespace Pincer.Parity.Running;

/// <summary>What one gateway did in one scenario: the compared result plus the raw frame logs.</summary>
public sealed record RunTranscript(JsonObject Result, JsonObject Logs, IReadOnlyList<string> AdvertisedMethods, IReadOnlyList<string> AdvertisedEvents);
