namespace Pincer.Sessions.Lanes;

/// <summary>One unit of work a lane hands to its runner: a prompt and the messages it stands for.</summary>
public sealed class LaneTurn
{
    internal LaneTurn(LaneTurnKind kind, string prompt, IReadOnlyList<LaneMessage> sources)
    {
        Kind = kind;
        Prompt = prompt;
        Sources = sources;
    }

    /// <summary>How the turn came to be.</summary>
    public LaneTurnKind Kind { get; }

    /// <summary>
    /// The user-turn text: a message's own text for direct and followup turns, the combined block for a
    /// collected turn, the overflow notice for a summary turn.
    /// </summary>
    public string Prompt { get; }

    /// <summary>The messages this turn answers, in arrival order (routing, reply target, run ids).</summary>
    public IReadOnlyList<LaneMessage> Sources { get; }

    /// <summary>The newest source: replies route where it came from.</summary>
    public LaneMessage Origin => Sources[^1];

    internal static LaneTurn Single(LaneTurnKind kind, LaneMessage message) => new(kind, message.Text, [message]);
}
