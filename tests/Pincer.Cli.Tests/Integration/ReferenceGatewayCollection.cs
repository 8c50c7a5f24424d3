namespace Pincer.Cli.Tests.Integration;

[CollectionDefinition(Name)]
public sealed class ReferenceGatewayCollection : ICollectionFixture<ReferenceGatewayFixture>
{
    public const string Name = "reference gateway";
}
