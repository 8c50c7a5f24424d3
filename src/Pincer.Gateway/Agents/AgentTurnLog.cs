using Microsoft.Extensions.Logging;

namespace Pincer.Gateway.Agents;

internal static partial class AgentTurnLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "agent turn {RunId} failed")]
    public static partial void TurnFailed(ILogger logger, string runId, Exception error);
}
