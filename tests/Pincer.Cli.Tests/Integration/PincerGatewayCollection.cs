namespace Pincer.Cli.Tests.Integration;

[CollectionDefinition(Name)]
public sealed class PincerGatewayCollection : ICollectionFixture<PincerGatewayFixture>
{
    public const string Name = "pincer gateway";
}
