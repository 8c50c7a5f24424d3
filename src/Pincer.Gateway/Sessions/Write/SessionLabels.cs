using Pincer.Abstractions.Text;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>Which session of an agent holds each label (labels are unique per agent, as in the reference).</summary>
internal sealed class SessionLabels(Dictionary<string, string> ownerByLabel)
{
    public static async Task<SessionLabels> LoadAsync(AgentStore store, CancellationToken cancellationToken)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in await store.Sessions.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (JsText.TrimToNull(record.Entry.Label) is { } label)
            {
                owners.TryAdd(label, record.SessionKey);
            }
        }

        return new SessionLabels(owners);
    }

    public bool InUseByOther(string label, string sessionKey) =>
        ownerByLabel.TryGetValue(label, out var owner) && owner != sessionKey;
}
