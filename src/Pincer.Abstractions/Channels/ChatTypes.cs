using Pincer.Abstractions.Text;

namespace Pincer.Abstractions.Channels;

/// <summary>Wire names of <see cref="ChatType"/> and the reference's label normalisation.</summary>
public static class ChatTypes
{
    public const string Direct = "direct";
    public const string Group = "group";
    public const string Channel = "channel";

    /// <summary>The reference's <c>normalizeChatType</c>: <c>dm</c> is an alias of <c>direct</c>; unknown labels give null.</summary>
    public static ChatType? Normalize(string? raw) => JsText.TrimLower(raw) switch
    {
        "direct" or "dm" => ChatType.Direct,
        "group" => ChatType.Group,
        "channel" => ChatType.Channel,
        _ => null,
    };

    public static string ToWireName(this ChatType type) => type switch
    {
        ChatType.Direct => Direct,
        ChatType.Group => Group,
        ChatType.Channel => Channel,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
