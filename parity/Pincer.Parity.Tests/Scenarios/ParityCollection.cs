namespace Pincer.Parity.Tests.Scenarios;

/// <summary>Scenario tests and the harness self-test share started gateways and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ParityCollection : ICollectionFixture<ParityFixture>
{
    public const string Name = "parity";
}
