namespace Pincer.Abstractions.Sessions;

/// <summary>An isolated cron key with its terminal <c>:run:&lt;runId&gt;</c> split off; <see cref="RunId"/> is null otherwise.</summary>
public sealed record CronRunScope(string? BaseSessionKey, string? RunId);
