namespace Pincer.Gateway.Agents;

/// <summary>Which door a turn came through; it decides how a session the turn creates is stamped.</summary>
internal enum TurnOrigin
{
    /// <summary><c>chat.send</c> / <c>sessions.send</c>: the session is an operator chat (<c>createdVia: operator</c>).</summary>
    Operator,

    /// <summary><c>agent</c> naming a session: created by the run (<c>createdVia: run</c>, its display name the key's rest).</summary>
    AgentRun,

    /// <summary><c>agent</c> naming no session: a one-off session keyed and identified by the run id, delivering nowhere.</summary>
    Explicit,
}
