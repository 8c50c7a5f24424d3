using Microsoft.Extensions.AI;
using Pincer.Providers;

namespace Pincer.Agents.Runs;

/// <summary>One model the run may call: where it lives and the client that speaks its wire API.</summary>
/// <param name="Endpoint">The resolved provider/model with its credential.</param>
/// <param name="Client">The provider client for <paramref name="Endpoint"/>.</param>
/// <param name="Conversation">What this model is sent: the system message and the replayed history, laid out for its API.</param>
/// <param name="Cost">The model's prices, for the usage cost written with each reply.</param>
public sealed record ModelAttempt(ProviderEndpoint Endpoint, IChatClient Client, IReadOnlyList<ChatMessage> Conversation, ModelCost Cost);
