namespace Pincer.Fakes.Scripting;

/// <summary>A tool call the fake model makes; <paramref name="ArgumentsJson"/> is a JSON object text.</summary>
public sealed record FakeToolCall(string Name, string ArgumentsJson = "{}", string? Id = null);
