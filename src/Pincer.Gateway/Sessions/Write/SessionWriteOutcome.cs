using System.Text.Json.Nodes;
using Pincer.Sessions.Store;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>A committed session write: the answer, and what the <c>sessions.changed</c> that follows reports.</summary>
internal sealed record SessionWriteOutcome(JsonObject Payload, string StoreKey, string AgentId, string Reason, SessionEntry? Entry);
