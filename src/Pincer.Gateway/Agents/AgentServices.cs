using Microsoft.Extensions.DependencyInjection;
using Pincer.Gateway.Configuration;
using Pincer.Sessions.Lanes;

namespace Pincer.Gateway.Agents;

/// <summary>Registers the turn-taking side: the run registry, the lanes and what runs a turn on them.</summary>
internal static class AgentServices
{
    public static IServiceCollection AddAgentTurns(this IServiceCollection services)
    {
        services.AddSingleton<ChatRuns>();
        services.AddSingleton<ModelClients>();
        services.AddSingleton<TranscriptHistoryCache>();
        services.AddSingleton<TurnSessions>();
        services.AddSingleton<TurnConversation>();
        services.AddSingleton<SessionMessagePublisher>();
        services.AddSingleton<AgentTurnRunner>();
        services.AddSingleton(sp => new LaneRegistry(
            sp.GetRequiredService<AgentTurnRunner>(),
            LaneLimits.Resolve(sp.GetRequiredService<ConfigState>().Current.Resolved),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ChatTurns>();
        return services;
    }
}
