using System.Text.Json.Nodes;
using Pincer.Config.Secrets;

namespace Pincer.Config.Tests.Secrets;

public sealed class SecretRefTests
{
    [Theory]
    [InlineData("""{"source":"env","provider":"default","id":"OPENAI_API_KEY"}""", true)]
    [InlineData("""{"source":"env","provider":"default","id":"openai"}""", false)]
    [InlineData("""{"source":"env","provider":"Bad","id":"A"}""", false)]
    [InlineData("""{"source":"file","provider":"vault","id":"/providers/openai/apiKey"}""", true)]
    [InlineData("""{"source":"file","provider":"vault","id":"value"}""", true)]
    [InlineData("""{"source":"file","provider":"vault","id":"/a~2b"}""", false)]
    [InlineData("""{"source":"file","provider":"vault","id":"relative"}""", false)]
    [InlineData("""{"source":"exec","provider":"op","id":"vault/openai/api-key"}""", true)]
    [InlineData("""{"source":"exec","provider":"op","id":"aws/secret#json_key"}""", true)]
    [InlineData("""{"source":"exec","provider":"op","id":"a/../b"}""", false)]
    [InlineData("""{"source":"store","provider":"default","id":"TOKEN"}""", true)]
    public void Grammar(string json, bool valid)
    {
        var reference = SecretRef.TryRead(JsonNode.Parse(json));
        Assert.NotNull(reference);
        Assert.Equal(valid, reference.IsValid);
    }

    [Theory]
    [InlineData("""{"source":"env","provider":"default"}""")]
    [InlineData("""{"source":"env","provider":"default","id":"A","extra":1}""")]
    [InlineData("""{"source":"http","provider":"default","id":"A"}""")]
    [InlineData("""{"source":"env","provider":" ","id":"A"}""")]
    [InlineData("\"${OPENAI_API_KEY}\"")]
    public void Not_a_secret_ref(string json)
    {
        Assert.Null(SecretRef.TryRead(JsonNode.Parse(json)));
    }
}
