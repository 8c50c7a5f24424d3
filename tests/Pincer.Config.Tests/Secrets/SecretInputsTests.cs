using System.Text.Json.Nodes;
using Pincer.Config.Secrets;

namespace Pincer.Config.Tests.Secrets;

public sealed class SecretInputsTests
{
    private static readonly Dictionary<string, string> Env = new() { ["GW_TOKEN"] = "from-env" };

    [Fact]
    public void Literal_strings_pass_through_trimmed()
    {
        Assert.Equal(("abc", (ConfigIssue?)null), SecretInputs.Resolve(JsonValue.Create(" abc "), [], Env));
        Assert.Equal(((string?)null, (ConfigIssue?)null), SecretInputs.Resolve(null, [], Env));
        Assert.Null(SecretInputs.Resolve(JsonValue.Create("  "), [], Env).Value);
    }

    [Fact]
    public void Refs_and_shorthands_resolve()
    {
        Assert.Equal("from-env", SecretInputs.Resolve(JsonNode.Parse("""{"source":"env","provider":"default","id":"GW_TOKEN"}"""), [], Env).Value);
        Assert.Equal("from-env", SecretInputs.Resolve(JsonNode.Parse("""{"source":"env","id":"GW_TOKEN"}"""), [], Env).Value);
        Assert.Equal("from-env", SecretInputs.Resolve(JsonValue.Create("${GW_TOKEN}"), [], Env).Value);
        Assert.Equal("from-env", SecretInputs.Resolve(JsonValue.Create("$GW_TOKEN"), [], Env).Value);
        Assert.Equal(new SecretRef("env", "sys", "GW_TOKEN"),
            SecretInputs.Coerce(JsonNode.Parse("""{"source":"env","id":"GW_TOKEN"}"""), JsonNode.Parse("""{"secrets":{"defaults":{"env":"sys"}}}""")!.AsObject()));
    }

    [Fact]
    public void Unresolvable_ref_reports_the_path()
    {
        var (value, error) = SecretInputs.Resolve(JsonNode.Parse("""{"source":"env","provider":"default","id":"MISSING_VAR"}"""), [], Env, "gateway.auth.token");
        Assert.Null(value);
        Assert.Equal(new ConfigIssue("gateway.auth.token", "Environment variable \"MISSING_VAR\" is missing or empty."), error);
    }

    [Fact]
    public void Non_string_non_ref_is_an_error()
    {
        Assert.NotNull(SecretInputs.Resolve(JsonValue.Create(42), [], Env, "x").Error);
        Assert.False(SecretInputs.IsConfigured(JsonValue.Create(" "), []));
        Assert.True(SecretInputs.IsConfigured(JsonNode.Parse("""{"source":"file","provider":"f","id":"/a"}"""), []));
    }
}
