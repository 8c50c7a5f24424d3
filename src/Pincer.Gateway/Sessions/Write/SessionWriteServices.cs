using Microsoft.Extensions.DependencyInjection;

namespace Pincer.Gateway.Sessions.Write;

/// <summary>Registers the session write side (the method group itself is registered with the others).</summary>
internal static class SessionWriteServices
{
    public static IServiceCollection AddSessionWrites(this IServiceCollection services)
    {
        services.AddSingleton<SessionTargetResolver>();
        services.AddSingleton<SessionEventSubscribers>();
        services.AddSingleton<SessionChangePublisher>();
        services.AddSingleton<SessionCreator>();
        services.AddSingleton<SessionPatchWriter>();
        services.AddSingleton<SessionResetter>();
        services.AddSingleton<SessionDeleter>();
        return services;
    }
}
