namespace Pincer.Fakes.Scripting;

/// <summary>The provider wire formats the fake speaks; <see cref="FakeApis"/> maps them to the reference's api names.</summary>
public enum FakeApi
{
    OpenAiCompletions,
    OpenAiResponses,
    AnthropicMessages,
    GoogleGenerativeAi,
    Ollama,
}
