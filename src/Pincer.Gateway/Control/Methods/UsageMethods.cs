using System.Text.Json.Nodes;
using Pincer.Gateway.Usage;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// What the models used and cost, from the transcripts: <c>usage.status</c>, <c>usage.cost</c>,
/// <c>sessions.usage</c>, <c>sessions.usage.timeseries</c> and <c>sessions.usage.logs</c>.
/// </summary>
internal sealed class UsageMethods(UsageCostReport cost, SessionsUsageReport sessions, SessionUsageDetail detail, TimeProvider time) : IMethodGroup
{
    public IEnumerable<MethodRegistration> Methods() =>
    [
        // Provider quota windows come from subscription sign-ins, which Pincer does not offer: no provider reports one.
        new("usage.status", null, (_, _) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["updatedAt"] = time.GetUtcNow().ToUnixTimeMilliseconds(), ["providers"] = new JsonArray() })),
        new("usage.cost", null, async (r, ct) => await cost.BuildAsync(r.Params, ct).ConfigureAwait(false)),
        new("sessions.usage", "SessionsUsageParamsSchema", async (r, ct) => await sessions.BuildAsync(r.Params, ct).ConfigureAwait(false)),
        new("sessions.usage.timeseries", null, async (r, ct) => await detail.TimeseriesAsync(r.Params, ct).ConfigureAwait(false)),
        new("sessions.usage.logs", null, async (r, ct) => await detail.LogsAsync(r.Params, ct).ConfigureAwait(false)),
    ];
}
