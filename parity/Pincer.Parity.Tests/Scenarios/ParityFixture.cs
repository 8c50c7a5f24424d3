using Pincer.Parity.Suite;

namespace Pincer.Parity.Tests.Scenarios;

/// <summary>One suite (one set of started gateways) for all scenario tests; writes the scoreboard on dispose.</summary>
public sealed class ParityFixture : IDisposable
{
    public ParitySuite Suite { get; } = ParitySuite.FromEnvironment();

    public void Dispose() => Suite.Dispose();
}
