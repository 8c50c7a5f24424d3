using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Pincer.Sessions.Lanes;

namespace Pincer.Gateway.Agents;

/// <summary>
/// The idempotency key of a collected turn's user entry, as the reference stamps it:
/// <c>followup-collect:&lt;sessionId&gt;:&lt;sha256 hex&gt;</c> over the JSON array of each source's
/// <c>[messageId, enqueuedAt, prompt]</c>, so a retried dispatch of the same messages writes the same entry.
/// </summary>
internal static class CollectedTurnKey
{
    public static string For(string sessionId, IReadOnlyList<LaneMessage> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var source in sources)
            {
                var input = source.Payload as TurnInput;
                json.WriteStartArray();
                json.WriteStringValue(source.RunId ?? source.MessageId ?? "");
                json.WriteNumberValue(input?.Run.AcceptedAtMs ?? 0);
                json.WriteStringValue(source.Text);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        return $"followup-collect:{sessionId}:{hash}";
    }
}
