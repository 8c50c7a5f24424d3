using System.Text.Json.Nodes;
using Pincer.Gateway.Sessions.Cleanup;
using Pincer.Gateway.Sessions.Write;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// <c>sessions.cleanup</c>: session store maintenance applied on demand. Subscribers get one keyless
/// <c>sessions.changed</c> (<c>reason: cleanup</c>) per cleaned store after the answer, whether or
/// not anything changed, as the reference sends them.
/// </summary>
internal sealed class SessionsCleanupMethods(SessionsCleanupRunner runner, SessionChangePublisher changes) : IMethodGroup
{
    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("sessions.cleanup", "SessionsCleanupParamsSchema", CleanupAsync),
    ];

    private async ValueTask<JsonNode?> CleanupAsync(RequestContext request, CancellationToken cancellationToken)
    {
        var (result, stores) = await runner.RunAsync(SessionsCleanupRequest.From(request.Params), cancellationToken).ConfigureAwait(false);
        request.AfterResponse.Add(() =>
        {
            for (var i = 0; i < stores; i++)
            {
                changes.ListChanged("cleanup");
            }
        });
        return result;
    }
}
