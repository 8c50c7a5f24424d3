using Microsoft.Extensions.AI;

namespace Pincer.Agents.Runs;

/// <summary>
/// Messages steered into a running turn: at the boundary after a reply, the run takes what arrived meanwhile,
/// and — when anything did — calls the model again with those prompts instead of ending.
/// </summary>
public interface IRunSteering
{
    /// <summary>
    /// Takes the steered messages, commits each as a user entry under <paramref name="leaf"/>, and returns the
    /// prompts to send (empty when none arrived) with the new transcript leaf.
    /// </summary>
    Task<(IReadOnlyList<ChatMessage> Prompts, string? Leaf)> TakeAsync(string? leaf, IRunEventSink events, CancellationToken cancellationToken);
}
