namespace Pincer.Agents.Runs.Events;

/// <summary>
/// Something a run did, in order. The gateway turns these into <c>agent</c>/<c>chat</c>/<c>session.message</c>
/// events; delivery to channels reads the same stream. <see cref="AtMs"/> is Unix milliseconds.
/// </summary>
public abstract record RunEvent(long AtMs);
