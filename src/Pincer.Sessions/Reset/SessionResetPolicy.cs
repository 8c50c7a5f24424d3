namespace Pincer.Sessions.Reset;

/// <summary>
/// When a session starts over on its own: <c>none</c> (never; the default), <c>daily</c> (at
/// <see cref="AtHour"/> local time) or <c>idle</c> (after <see cref="IdleMinutes"/> without
/// interaction). A daily policy may also carry an idle limit; whichever comes first wins.
/// </summary>
/// <param name="Configured">Whether <c>session.reset</c>/<c>resetByType</c> said anything at all.</param>
public sealed record SessionResetPolicy(string Mode, int AtHour, long? IdleMinutes, bool Configured)
{
    public const string None = "none";
    public const string Daily = "daily";
    public const string Idle = "idle";
    public const int DefaultAtHour = 4;
}
