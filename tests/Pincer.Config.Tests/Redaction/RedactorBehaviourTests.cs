using System.Text.Json.Nodes;
using Pincer.Config.Redaction;

namespace Pincer.Config.Tests.Redaction;

/// <summary>Rules of the reference's redaction that the recorded corpus does not reach.</summary>
public sealed class RedactorBehaviourTests
{
    private const string S = ConfigRedactor.Sentinel;

    // "@S" in test JSON stands for the sentinel, which keeps the literals readable.
    private static JsonNode Json(string text) => JsonNode.Parse(text.Replace("@S", S, StringComparison.Ordinal))!;

    private static string Text(string text) => text.Replace("@S", S, StringComparison.Ordinal);

    [Fact]
    public void SensitiveFalseHintOverridesTheNameHeuristic()
    {
        var hints = Json("""{"a.apiKey":{"sensitive":false},"b.*":{"sensitive":false}}""").AsObject();
        var redacted = ConfigRedactor.Redact(Json("""{"a":{"apiKey":"k1"},"b":{"token":"k2"},"c":{"token":"k3"}}"""), hints);
        Assert.Equal("""{"a":{"apiKey":"k1"},"b":{"token":"k2"},"c":{"token":"__OPENCLAW_REDACTED__"}}""", redacted.Config!.ToJsonString());
        Assert.Equal(["k3"], redacted.SensitiveValues);
    }

    [Fact]
    public void EnvPlaceholdersAndEmptyStringsAreNotSecrets()
    {
        var redacted = ConfigRedactor.Redact(Json("""{"hooks":{"token":"${HOOK_TOKEN}"},"gateway":{"auth":{"token":"  "}}}"""));
        Assert.Equal("""{"hooks":{"token":"${HOOK_TOKEN}"},"gateway":{"auth":{"token":"  "}}}""", redacted.Config!.ToJsonString());
        Assert.Empty(redacted.SensitiveValues);
    }

    [Fact]
    public void WithoutHintsServiceAccountObjectsAreHiddenWhole()
    {
        var redacted = ConfigRedactor.Redact(Json("""{"x":{"serviceAccount":{"key":"pk","email":"e"}}}"""), uiHints: null);
        Assert.Equal(Text("""{"x":{"serviceAccount":"@S"}}"""), redacted.Config!.ToJsonString());
        Assert.Equal(["pk", "e"], redacted.SensitiveValues);
    }

    [Fact]
    public void ArraysOfSecretsUseTheFieldName()
    {
        var redacted = ConfigRedactor.Redact(Json("""{"plugins":{"entries":{"x":{"config":{"apiKeys":["a","${B}"],"names":["n"]}}}}}"""));
        Assert.Equal(Text("""{"plugins":{"entries":{"x":{"config":{"apiKeys":["@S","${B}"],"names":["n"]}}}}}"""), redacted.Config!.ToJsonString());
    }

    [Fact]
    public void ObjectsUnderASensitiveHintAreHiddenWhole()
    {
        var redacted = ConfigRedactor.Redact(Json("""{"plugins":{"entries":{"onepassword":{"enabled":true,"config":{"vault":"v"}}}}}"""));
        Assert.Equal(Text("""{"plugins":{"entries":{"onepassword":"@S"}}}"""), redacted.Config!.ToJsonString());
        Assert.Equal(["v"], redacted.SensitiveValues);
    }

    [Fact]
    public void NonStringValuesUnderASensitiveHintAreHiddenButNotCollected()
    {
        var hints = Json("""{"a.flag":{"sensitive":true},"a.count":{"sensitive":true}}""").AsObject();
        var redacted = ConfigRedactor.Redact(Json("""{"a":{"flag":true,"count":3,"other":1}}"""), hints);
        Assert.Equal(Text("""{"a":{"flag":"@S","count":"@S","other":1}}"""), redacted.Config!.ToJsonString());
        Assert.Empty(redacted.SensitiveValues);
    }

    [Theory]
    [InlineData("https://u:p@h.example/v1", true)]
    [InlineData("https://u@h.example/v1", true)]
    [InlineData("https://h.example/v1?api_key=x", true)]
    [InlineData("https://h.example/v1?X-Auth-Token=x", true)]
    [InlineData("https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PAL/getMe", true)]
    [InlineData("https://h.example/v1?model=x", false)]
    [InlineData("https://h.example:8443/v1", false)]
    [InlineData("http://127.0.0.1:11434", false)]
    public void UrlFieldsAreHiddenOnlyWhenTheyCarryCredentials(string url, bool hidden)
    {
        var config = new JsonObject { ["models"] = new JsonObject { ["providers"] = new JsonObject { ["p"] = new JsonObject { ["baseUrl"] = url } } } };
        var redacted = ConfigRedactor.Redact(config).Config!["models"]!["providers"]!["p"]!["baseUrl"]!.GetValue<string>();
        Assert.Equal(hidden ? S : url, redacted);
    }

    [Fact]
    public void RestorePutsOriginalsBackAndKeepsEdits()
    {
        var original = Json("""{"gateway":{"auth":{"token":"t","mode":"token"}},"hooks":{"token":"h"}}""");
        var incoming = Json("""{"gateway":{"auth":{"token":"@S","mode":"password"}},"hooks":{"token":"new"}}""");
        Assert.Equal("""{"gateway":{"auth":{"token":"t","mode":"password"}},"hooks":{"token":"new"}}""", ConfigRedactor.Restore(incoming, original)!.ToJsonString());
    }

    [Fact]
    public void RestoreWithoutOriginalNamesTheHeuristicPath()
    {
        var error = Assert.Throws<ConfigRedactionException>(() => ConfigRedactor.Restore(Json("""{"hooks":{"token":"@S"}}"""), Json("{}")));
        Assert.Equal($"Sentinel value \"{S}\" in key hooks.token is not valid as real data", error.Message);
    }

    [Fact]
    public void SentinelOnANonSensitivePathIsRejected()
    {
        var error = Assert.Throws<ConfigRedactionException>(() => ConfigRedactor.Restore(Json("""{"list":[1,"@S"]}"""), Json("{}")));
        Assert.Equal($"Reserved redaction sentinel \"{S}\" is not valid config data (list[1]).", error.Message);
    }

    [Fact]
    public void SentinelInASecretArrayWithoutOriginalBecomesNull()
    {
        var restored = ConfigRedactor.Restore(Json("""{"x":{"apiKeys":["@S","@S"]}}"""), Json("""{"x":{"apiKeys":["a"]}}"""));
        Assert.Equal("""{"x":{"apiKeys":["a",null]}}""", restored!.ToJsonString());
    }

    [Fact]
    public void ArrayItemsPairByIdWhenReordered()
    {
        var original = Json("""{"x":{"items":[{"id":"a","token":"ta"},{"id":"b","token":"tb"}]}}""");
        var incoming = Json("""{"x":{"items":[{"id":"b","token":"@S"},{"id":"a","token":"@S"}]}}""");
        Assert.Equal("""{"x":{"items":[{"id":"b","token":"tb"},{"id":"a","token":"ta"}]}}""", ConfigRedactor.Restore(incoming, original)!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"source":"env","provider":"default","id":"K"}""", """{"source":"file","provider":"default","id":"__OPENCLAW_REDACTED__"}""", "SecretRef at skills.entries.*.apiKey changed source/provider while id is redacted. Provide an explicit id when changing source/provider.")]
    [InlineData("""{"source":"env","id":"K"}""", """{"source":"env","provider":"default","id":"__OPENCLAW_REDACTED__"}""", "SecretRef at skills.entries.*.apiKey requires a provider field to restore the redacted id automatically (original ref lacks provider).")]
    [InlineData("\"plain\"", """{"source":"env","provider":"default","id":"__OPENCLAW_REDACTED__"}""", "SecretRef at skills.entries.*.apiKey contains a redacted id placeholder with no matching original value.")]
    [InlineData("""{"source":"env","provider":"default","id":"K"}""", """{"source":"env","id":"__OPENCLAW_REDACTED__"}""", "SecretRef at skills.entries.*.apiKey must include source, provider, and id when redacted placeholders are present.")]
    public void RedactedSecretRefsMustKeepTheirStore(string originalRef, string incomingRef, string message)
    {
        var error = Assert.Throws<ConfigRedactionException>(() => ConfigRedactor.Restore(
            Json("""{"skills":{"entries":{"n":{"apiKey":""" + incomingRef + "}}}}"),
            Json("""{"skills":{"entries":{"n":{"apiKey":""" + originalRef + "}}}}")));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void NonObjectWritesAreInvalidConfig()
    {
        Assert.Equal("invalid config", Assert.Throws<ConfigRedactionException>(() => ConfigRedactor.Restore(JsonValue.Create(5), null)).Message);
        Assert.Equal("invalid config", Assert.Throws<ConfigRedactionException>(() => ConfigRedactor.Restore(null, null)).Message);
    }

    [Fact]
    public void RawKeepsCommentsAndFallsBackToNullWhenASecretIsAlsoOrdinaryText()
    {
        const string raw = "{ // note\n gateway: { auth: { token: 'abc123' } } }";
        var parsed = Json("""{"gateway":{"auth":{"token":"abc123"}}}""");
        Assert.Equal($"{{ // note\n gateway: {{ auth: {{ token: '{S}' }} }} }}", ConfigRedactor.RedactRaw(raw, ["abc123"], parsed, parsed));

        const string clash = "{ gateway: { auth: { token: 'loopback' }, bind: 'loopback' } }";
        var clashParsed = Json("""{"gateway":{"auth":{"token":"loopback"},"bind":"loopback"}}""");
        Assert.Null(ConfigRedactor.RedactRaw(clash, ["loopback"], clashParsed, clashParsed));
    }

    [Fact]
    public void InvalidSnapshotsExposeNothing()
    {
        var snapshot = ConfigRedactor.RedactSnapshot(false, "{ token: 'x' }", Json("""{"token":"x"}"""), null, null);
        Assert.Null(snapshot.Raw);
        Assert.Null(snapshot.Parsed);
        Assert.Equal("{}", snapshot.Resolved!.ToJsonString());
        Assert.Equal("{}", snapshot.Config!.ToJsonString());
    }
}
