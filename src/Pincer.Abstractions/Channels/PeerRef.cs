namespace Pincer.Abstractions.Channels;

/// <summary>
/// The other side of a conversation as a channel adapter reports it: a kind label and an opaque id.
/// The kind stays a string because the reference keeps labels it does not recognise verbatim in keys.
/// </summary>
public sealed record PeerRef(string Kind, string Id)
{
    public static PeerRef Direct(string id) => new(ChatTypes.Direct, id);

    public static PeerRef Group(string id) => new(ChatTypes.Group, id);

    public static PeerRef Channel(string id) => new(ChatTypes.Channel, id);

    /// <summary>The recognised kind, or null for a label the reference does not know.</summary>
    public ChatType? ChatType => ChatTypes.Normalize(Kind);
}
