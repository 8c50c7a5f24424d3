using Pincer.Agents.Runs;
using Pincer.Providers;

namespace Pincer.Agents.Models;

/// <summary>A model ref resolved against the configured providers: where to call it and what it costs.</summary>
public sealed record ResolvedModel(ModelRef Ref, ProviderEndpoint Endpoint, ModelCost Cost);
