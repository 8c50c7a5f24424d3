namespace Pincer.Fakes.Scripting;

/// <summary>The reference's `api` names for each wire (used as keys in JSON scripts and in provider config).</summary>
public static class FakeApis
{
    public static IReadOnlyList<FakeApi> All { get; } = Enum.GetValues<FakeApi>();

    public static string Name(this FakeApi api) => api switch
    {
        FakeApi.OpenAiCompletions => "openai-completions",
        FakeApi.OpenAiResponses => "openai-responses",
        FakeApi.AnthropicMessages => "anthropic-messages",
        FakeApi.GoogleGenerativeAi => "google-generative-ai",
        FakeApi.Ollama => "ollama",
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, null),
    };

    public static FakeApi Parse(string name)
    {
        foreach (var api in All)
        {
            if (api.Name() == name)
            {
                return api;
            }
        }

        throw new FormatException($"unknown api '{name}' (expected one of {string.Join(", ", All.Select(a => a.Name()))})");
    }
}
