namespace Pincer.Parity.Running;

/// <summary>Which implementation a run talks to.</summary>
public enum GatewayKind
{
    Reference,
    Pincer,
}
