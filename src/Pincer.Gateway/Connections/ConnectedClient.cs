namespace Pincer.Gateway.Connections;

/// <summary>What a connection said about itself in <c>connect.params.client</c> and its device.</summary>
internal sealed record ConnectedClient(
    string Id,
    string Mode,
    string Version,
    string Platform,
    string? DeviceFamily,
    string? DisplayName,
    string? InstanceId,
    string? DeviceId,
    IReadOnlyList<string> Caps,
    DateTimeOffset ConnectedAt);
