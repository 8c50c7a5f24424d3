using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Tests.Reference;

/// <summary>
/// Every scripted error, as the fake sends it, is turned into the error the reference's transport
/// throws and run through the reference's failover classifier (classify-errors.mjs): the kind we
/// meant must be the reason the reference derives.
/// </summary>
public sealed class ReferenceErrorClassificationTests
{
    private static readonly Dictionary<FakeErrorKind, string> Intended = new()
    {
        [FakeErrorKind.InvalidKey] = "auth",
        [FakeErrorKind.RateLimit] = "rate_limit",
        [FakeErrorKind.ServerError] = "server_error",
        [FakeErrorKind.Overloaded] = "overloaded",
        [FakeErrorKind.Billing] = "billing",
        [FakeErrorKind.ContextOverflow] = "context_overflow",
    };

    // Real provider answers the reference files under another reason than their name suggests. These are
    // facts Pincer's classifier must reproduce, not fake bugs: OpenAI's insufficient_quota and Gemini's
    // depleted-credits 429s count as rate limits, Ollama's "server busy" 503 as a server error.
    private static readonly Dictionary<(FakeApi, FakeErrorKind), string> ReferenceDiffers = new()
    {
        [(FakeApi.OpenAiCompletions, FakeErrorKind.Billing)] = "rate_limit",
        [(FakeApi.OpenAiResponses, FakeErrorKind.Billing)] = "rate_limit",
        [(FakeApi.GoogleGenerativeAi, FakeErrorKind.Billing)] = "rate_limit",
        [(FakeApi.Ollama, FakeErrorKind.Overloaded)] = "server_error",
    };

    [ReferenceFact]
    public async Task The_reference_classifies_each_fake_error_as_intended()
    {
        var cases = new JsonArray();
        var labels = new List<(FakeApi Api, FakeErrorKind Kind)>();
        foreach (var api in FakeApis.All)
        {
            foreach (var kind in Enum.GetValues<FakeErrorKind>())
            {
                await using var server = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(kind)));
                var (response, body) = await WireClient.SendAsync(server, api, stream: true);
                var headers = new JsonObject();
                foreach (var (name, values) in response.Headers)
                {
                    headers[name] = string.Join(", ", values);
                }

                cases.Add(new JsonObject { ["api"] = api.Name(), ["status"] = (int)response.StatusCode, ["headers"] = headers, ["body"] = JsonNode.Parse(body) });
                labels.Add((api, kind));
            }
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "classify-errors.mjs");
        var (code, output) = await ReferenceGateway.RunAsync(ReferenceGateway.Node, [script], TimeSpan.FromSeconds(120), cases.ToJsonString());
        Assert.True(code == 0, output);
        var results = JsonNode.Parse(output)!.AsArray();
        var wrong = labels.Zip(results)
            .Where(p => (string?)p.Second!["reason"] != ReferenceDiffers.GetValueOrDefault(p.First, Intended[p.First.Kind]))
            .Select(p => $"{p.First.Api.Name()} {p.First.Kind}: reference says {(string?)p.Second!["reason"] ?? "null"} for \"{(string?)p.Second!["message"]}\"")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }
}
