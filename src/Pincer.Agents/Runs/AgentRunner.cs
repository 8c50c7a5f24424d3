using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Pincer.Agents.Models;
using Pincer.Agents.Runs.Events;
using Pincer.Agents.Tools;
using Pincer.Providers;
using Pincer.Sessions.Transcripts;

namespace Pincer.Agents.Runs;

/// <summary>
/// One turn of the agent loop: call the model, stream its reply, run the tools it asks for, call it again with
/// the results, until it answers without tool calls — or the run is aborted, or the model fails for good.
/// Every reply and tool result is committed to the transcript as it completes, so a crash loses at most the
/// reply in flight. Failover happens only before anything streamed.
/// </summary>
public sealed class AgentRunner(ITranscriptStore transcripts, TimeProvider time)
{
    /// <summary>Model calls per turn before the loop is cut off.</summary>
    public const int DefaultMaxModelCalls = 64;

    public async Task<RunOutcome> RunAsync(AgentRunRequest request, IRunEventSink events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(events);
        var attempt = request.Model;
        var appended = new List<ChatMessage>();
        var leaf = request.ParentEntryId;
        var total = RunUsage.None;
        var last = RunUsage.None;
        var cost = 0d;
        var tools = new List<string>();
        var failures = 0;
        var fallbackSteps = 0;
        var announced = false;
        AssistantReplyBuilder? reply = null;
        for (var call = 0; call < request.MaxModelCalls; call++)
        {
            if (!announced)
            {
                events.Emit(new ModelSelected(Now(), attempt.Endpoint.Provider, attempt.Endpoint.Model));
                announced = true;
            }

            reply = new AssistantReplyBuilder();
            var startedMs = Now();
            var itemId = Guid.NewGuid().ToString() + ":" + (call + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                await StreamAsync(attempt, appended, request, reply, itemId, total, events, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                if (request.CommitAbortedReply)
                {
                    leaf = await CommitReplyAsync(request, attempt, reply, StopReasons.Aborted, startedMs, leaf, events, errorMessage: null, onlyIfContent: true).ConfigureAwait(false);
                }

                return Finish(events, request, attempt, reply, StopReasons.Aborted, aborted: true, total.Add(reply.Usage), reply.Usage, cost, tools, leaf, error: null);
            }
            catch (ProviderException error) when (!reply.HasContent && request.Planner is not null)
            {
                failures++;
                var next = await request.Planner.NextAsync(attempt, error, failures, cancellationToken).ConfigureAwait(false);
                if (next is null)
                {
                    return await FailAsync(request, attempt, reply, error, startedMs, leaf, total, cost, tools, events).ConfigureAwait(false);
                }

                events.Emit(new AttemptFailed(Now(), attempt.Endpoint.Provider, attempt.Endpoint.Model, error.Message,
                    FailoverNames.Reason(error.Kind), FailoverNames.RuntimeFailureKind(error.Kind, error.StatusCode)));
                if (next.Retry is { } retry)
                {
                    // A same-model retry goes through the attempt's set-up again, as the reference's run loop restarts it.
                    events.Emit(new AttemptRetrying(Now(), retry.Attempt, retry.MaxRetries, (long)next.Delay.TotalMilliseconds, retry.Reason));
                    events.Emit(new AttemptRestarted(Now(), itemId));
                    await Task.Delay(next.Delay, time, cancellationToken).ConfigureAwait(false);
                    events.Emit(new RunStatusChanged(Now(), "preparing_context"));
                    events.Emit(new RunStarted(Now()));
                    events.Emit(new RunStatusChanged(Now(), "starting_model"));
                    announced = false;
                }
                else
                {
                    // A fallback model starts a fresh attempt, workspace preparation included, as the reference's chain does.
                    fallbackSteps++;
                    events.Emit(new FallbackStepped(Now(), Ref(attempt), Ref(next.Attempt), FailoverNames.Reason(error.Kind),
                        error.StatusCode is { } status ? $"{status} {error.Message}" : error.Message, fallbackSteps));
                    events.Emit(new AttemptRestarted(Now(), itemId));
                    await Task.Delay(next.Delay, time, cancellationToken).ConfigureAwait(false);
                    events.Emit(new RunStatusChanged(Now(), "preparing_workspace"));
                    events.Emit(new RunStatusChanged(Now(), "preparing_context"));
                    events.Emit(new RunStarted(Now()));
                    events.Emit(new RunStatusChanged(Now(), "starting_model"));
                    announced = false;
                    if (SwitchesModel(attempt, next.Attempt))
                    {
                        leaf = await AppendModelSnapshotAsync(request, next.Attempt, leaf, events).ConfigureAwait(false);
                    }
                }

                attempt = next.Attempt;
                call--;
                continue;
            }
            catch (ProviderException error)
            {
                return await FailAsync(request, attempt, reply, error, startedMs, leaf, total, cost, tools, events).ConfigureAwait(false);
            }

            total = total.Add(reply.Usage);
            last = reply.Usage;
            cost += AssistantReplyBuilder.CostUsd(reply.Usage, attempt.Cost);
            var stop = StopReasons.From(reply.FinishReason, reply.ToolCalls.Count > 0);
            leaf = await CommitReplyAsync(request, attempt, reply, stop, startedMs, leaf, events, errorMessage: null, onlyIfContent: false).ConfigureAwait(false);
            if (reply.ToolCalls.Count == 0 && request.Steering is { } steering)
            {
                var (prompts, steeredLeaf) = await steering.TakeAsync(leaf, events, cancellationToken).ConfigureAwait(false);
                if (prompts.Count > 0)
                {
                    // The steered prompts go where a new turn's would: after this run's replies, behind the trailing
                    // internal-context message, as the reference's second call orders them.
                    leaf = steeredLeaf;
                    appended.Add(reply.ToChatMessage());
                    var conversation = attempt.Conversation;
                    attempt = attempt with { Conversation = [.. conversation.Take(conversation.Count - 1), .. appended, conversation[^1], .. prompts] };
                    appended.Clear();
                    announced = false;
                    continue;
                }
            }

            if (reply.ToolCalls.Count == 0)
            {
                return Finish(events, request, attempt, reply, stop, aborted: false, total, last, cost, tools, leaf, error: null);
            }

            appended.Add(reply.ToChatMessage());
            var results = new List<AIContent>();
            foreach (var toolCall in reply.ToolCalls)
            {
                var (result, entryLeaf) = await RunToolAsync(request, toolCall, leaf, events, cancellationToken).ConfigureAwait(false);
                leaf = entryLeaf;
                results.Add(result);
                if (result.AdditionalProperties?[ProviderConventions.ToolError] is not true)
                {
                    tools.Add(toolCall.Name);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    return Finish(events, request, attempt, reply, StopReasons.Aborted, aborted: true, total, last, cost, tools, leaf, error: null);
                }
            }

            appended.Add(new ChatMessage(ChatRole.Tool, results));
        }

        return Finish(events, request, attempt, reply!, StopReasons.Stop, aborted: false, total, last, cost, tools, leaf, error: null);
    }

    private async Task StreamAsync(ModelAttempt attempt, List<ChatMessage> appended, AgentRunRequest request, AssistantReplyBuilder reply,
        string itemId, RunUsage before, IRunEventSink events, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            // No MaxOutputTokens: each provider client applies the reference's default cap for its API from the
            // endpoint (Anthropic clamps it, Gemini and Ollama send none).
            ModelId = attempt.Endpoint.Model,
            AdditionalProperties = new AdditionalPropertiesDictionary { [ProviderConventions.ThinkingLevel] = request.ThinkingLevel },
        };
        if (request.Tools.Count > 0)
        {
            options.Tools = [.. request.Tools.Select(t => (AITool)t.Declaration)];
            options.ToolMode = ChatToolMode.Auto;
        }

        var text = "";
        await foreach (var update in attempt.Client.GetStreamingResponseAsync([.. attempt.Conversation, .. appended], options, cancellationToken).ConfigureAwait(false))
        {
            var delta = reply.Add(update);
            if (delta.Length > 0)
            {
                text += delta;
                events.Emit(new AssistantTextDelta(Now(), text, delta, itemId));
            }

            if (CarriesUsage(update))
            {
                // Reported as the usage arrives with the end of the message, as the reference does, not once the
                // connection has wound down: the held live text must not go out ahead of it.
                // The run's output so far: a turn that called the model again (steered input) counts both replies.
                events.Emit(new UsageReported(Now(), before.Add(reply.Usage)));
            }
        }
    }

    /// <summary>Whether the update is the one with the message's usage (checked per streamed chunk: indexed, so no enumerator is allocated).</summary>
    private static bool CarriesUsage(ChatResponseUpdate update)
    {
        var contents = update.Contents;
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<(FunctionResultContent Result, string? Leaf)> RunToolAsync(AgentRunRequest request, FunctionCallContent call, string? leaf,
        IRunEventSink events, CancellationToken cancellationToken)
    {
        var arguments = AssistantReplyBuilder.ArgumentsJson(call);
        events.Emit(new ToolCallStarted(Now(), call.CallId, call.Name, arguments));
        var tool = request.Tools.FirstOrDefault(t => t.Declaration.Name == call.Name);
        AgentToolResult result;
        if (tool is null)
        {
            result = new AgentToolResult($"Tool {call.Name} not found", IsError: true);
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(arguments.ToJsonString());
                result = await tool.InvokeAsync(document.RootElement.Clone(), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                result = new AgentToolResult("Tool call aborted", IsError: true);
            }
        }

        events.Emit(new ToolCallEnded(Now(), call.CallId, call.Name, result.Text, result.IsError));
        var message = new JsonObject
        {
            ["role"] = "toolResult",
            ["toolCallId"] = call.CallId,
            ["toolName"] = call.Name,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = result.Text }),
            ["isError"] = result.IsError,
            ["timestamp"] = Now(),
        };
        var newLeaf = await AppendAsync(request, message, leaf, events).ConfigureAwait(false);
        var content = new FunctionResultContent(call.CallId, result.Text)
        {
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                [ProviderConventions.ToolName] = call.Name,
                [ProviderConventions.ToolError] = result.IsError,
            },
        };
        return (content, newLeaf);
    }

    private async Task<RunOutcome> FailAsync(AgentRunRequest request, ModelAttempt attempt, AssistantReplyBuilder reply, ProviderException error,
        long startedMs, string? leaf, RunUsage total, double cost, List<string> tools, IRunEventSink events)
    {
        leaf = await CommitReplyAsync(request, attempt, reply, StopReasons.Error, startedMs, leaf, events, error.Message, onlyIfContent: false).ConfigureAwait(false);
        return Finish(events, request, attempt, reply, StopReasons.Error, aborted: false, total.Add(reply.Usage), reply.Usage, cost, tools, leaf, error);
    }

    private async Task<string?> CommitReplyAsync(AgentRunRequest request, ModelAttempt attempt, AssistantReplyBuilder reply, string stopReason,
        long startedMs, string? leaf, IRunEventSink events, string? errorMessage, bool onlyIfContent)
    {
        if (onlyIfContent && !reply.HasContent)
        {
            return leaf;
        }

        var message = reply.ToMessage(attempt.Endpoint.Api, attempt.Endpoint.Provider, attempt.Endpoint.Model, stopReason, startedMs, request.RunId, attempt.Cost, errorMessage);
        return await AppendAsync(request, message, leaf, events).ConfigureAwait(false);
    }

    private async Task<string?> AppendAsync(AgentRunRequest request, JsonObject message, string? leaf, IRunEventSink events)
    {
        // Commits are not cancelled with the run: an aborted reply is still part of the conversation.
        var entry = TranscriptEntry.CreateMessage(Guid.NewGuid().ToString(), leaf, time.GetUtcNow(), message);
        await transcripts.AppendAsync(request.SessionKey, request.SessionId, [entry], CancellationToken.None).ConfigureAwait(false);
        events.Emit(new TranscriptAppended(Now(), entry));
        return entry.Id;
    }

    private RunOutcome Finish(IRunEventSink events, AgentRunRequest request, ModelAttempt attempt, AssistantReplyBuilder reply, string stopReason,
        bool aborted, RunUsage total, RunUsage last, double cost, List<string> tools, string? leaf, ProviderException? error)
    {
        events.Emit(new RunFinishing(Now(), stopReason, aborted));
        return new RunOutcome
        {
            StopReason = stopReason,
            Aborted = aborted,
            FinalText = reply.Text,
            Provider = attempt.Endpoint.Provider,
            Model = attempt.Endpoint.Model,
            ResponseModel = reply.ResponseModel,
            Usage = total,
            LastCallUsage = last,
            CostUsd = cost,
            Error = error,
            SuccessfulToolNames = tools,
            LeafEntryId = leaf,
        };
    }

    private static bool SwitchesModel(ModelAttempt from, ModelAttempt to) =>
        (from.Endpoint.Provider, from.Endpoint.Api, from.Endpoint.Model) != (to.Endpoint.Provider, to.Endpoint.Api, to.Endpoint.Model);

    /// <summary>
    /// The transcript records which model answers from here on (a <c>model-snapshot</c> custom entry), as the
    /// reference does when a fallback takes over, so a replay knows the replies' provenance.
    /// </summary>
    private async Task<string?> AppendModelSnapshotAsync(AgentRunRequest request, ModelAttempt attempt, string? leaf, IRunEventSink events)
    {
        var now = time.GetUtcNow();
        var entry = new TranscriptEntry(new JsonObject
        {
            ["type"] = TranscriptEntryTypes.Custom,
            ["customType"] = "model-snapshot",
            ["data"] = new JsonObject
            {
                ["timestamp"] = now.ToUnixTimeMilliseconds(), ["provider"] = attempt.Endpoint.Provider, ["modelApi"] = attempt.Endpoint.Api,
                ["modelId"] = attempt.Endpoint.Model,
            },
            ["id"] = Guid.NewGuid().ToString(),
            ["parentId"] = leaf,
            ["timestamp"] = TranscriptEntry.FormatTimestamp(now),
        });
        await transcripts.AppendAsync(request.SessionKey, request.SessionId, [entry], CancellationToken.None).ConfigureAwait(false);
        events.Emit(new TranscriptAppended(Now(), entry));
        return entry.Id;
    }

    private static string Ref(ModelAttempt attempt) => attempt.Endpoint.Provider + "/" + attempt.Endpoint.Model;

    private long Now() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
