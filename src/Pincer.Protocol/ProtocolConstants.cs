namespace Pincer.Protocol;

/// <summary>Numbers the reference fixes in its server constants (spec/protocol.md §1, §3.4, §9).</summary>
public static class ProtocolConstants
{
    public const int ProtocolVersion = 4;
    public const int MinClientProtocol = 4;
    public const int MinNodeProtocol = 3;
    public const int MinProbeProtocol = 3;

    /// <summary>Pre-auth frame ceiling (MAX_PREAUTH_PAYLOAD_BYTES).</summary>
    public const int MaxPreAuthPayloadBytes = 65_536;

    /// <summary>Post-auth frame ceiling (MAX_PAYLOAD_BYTES = 25 MiB).</summary>
    public const int MaxPayloadBytes = 26_214_400;

    /// <summary>Per-connection outbound ceiling before the slow-consumer rule (50 MiB).</summary>
    public const long MaxBufferedBytes = 52_428_800;

    public const int TickIntervalMs = 30_000;
    public const int HandshakeTimeoutMs = 15_000;
    public const int PingIntervalMs = 25_000;
    public const int HealthRefreshIntervalMs = 60_000;
    public const int MaxPreAuthSocketsPerIp = 32;
    public const int MaxPendingHandshakeFrames = 15;
    public const int SignatureSkewMs = 120_000;

    /// <summary>Attachment ceiling: ¾ of (25 MiB − 256 KiB), so the base64 form fits one frame.</summary>
    public const long AttachmentMaxBytes = 19_464_192;
    public const long AttachmentMaxImageBytes = 6_291_456;
}
