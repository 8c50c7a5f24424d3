using System.Text.Json.Nodes;

namespace Pincer.Parity.Running;

/// <summary>
/// Replaces a provider request's system prompt with what both implementations must agree on: its markdown
/// headings in order, and each workspace file it injects under <c># Project Context</c> (<c>## &lt;path&gt;</c> and
/// whether the file's text follows verbatim). Knows where each wire API carries the system prompt.
/// </summary>
public static class SystemPromptDigest
{
    private const string ProjectContext = "# Project Context";

    public static JsonNode? Apply(JsonNode? body)
    {
        if (body is not JsonObject o)
        {
            return body;
        }

        // OpenAI Chat Completions / Ollama: a leading system (or developer) message with string content.
        if (o["messages"] is JsonArray messages)
        {
            foreach (var m in messages.OfType<JsonObject>())
            {
                if ((string?)m["role"] is "system" or "developer" && m["content"] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    m["content"] = Digest(text);
                }
            }
        }

        // Anthropic: system text blocks, joined.
        if (o["system"] is JsonArray blocks)
        {
            o["system"] = Digest(string.Join("\n", blocks.OfType<JsonObject>().Select(b => (string?)b["text"] ?? "")));
        }

        // OpenAI Responses: instructions, or a leading developer/system input message.
        if (o["instructions"] is JsonValue instructions && instructions.TryGetValue<string>(out var ins))
        {
            o["instructions"] = Digest(ins);
        }

        if (o["input"] is JsonArray input)
        {
            foreach (var m in input.OfType<JsonObject>().Where(m => (string?)m["role"] is "system" or "developer"))
            {
                if (m["content"] is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    m["content"] = Digest(text);
                }
                else if (m["content"] is JsonArray items)
                {
                    // Typed message items carry the prompt as input_text parts.
                    m["content"] = Digest(string.Join("\n", items.OfType<JsonObject>().Select(p => (string?)p["text"] ?? "")));
                }
            }
        }

        // Gemini: systemInstruction.parts[].text.
        if (o["systemInstruction"] is JsonObject si && si["parts"] is JsonArray parts)
        {
            o["systemInstruction"] = Digest(string.Join("\n", parts.OfType<JsonObject>().Select(p => (string?)p["text"] ?? "")));
        }

        return o;
    }

    public static JsonObject Digest(string prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var lines = prompt.Split('\n');
        var headings = new JsonArray();
        foreach (var line in lines.Where(l => l.StartsWith('#')))
        {
            headings.Add((JsonNode)line);
        }

        return new JsonObject { ["headings"] = headings, ["workspaceFiles"] = WorkspaceFiles(prompt) };
    }

    /// <summary>
    /// Each <c>## /abs/path</c> heading under <c># Project Context</c>, with whether the file on disk follows it
    /// verbatim (its text up to the next path heading is compared, since file and prompt headings look alike).
    /// </summary>
    private static JsonArray WorkspaceFiles(string prompt)
    {
        var files = new JsonArray();
        var start = prompt.IndexOf("\n" + ProjectContext + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return files;
        }

        var lines = prompt[(start + ProjectContext.Length + 2)..].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("## /", StringComparison.Ordinal))
            {
                continue;
            }

            var path = lines[i][3..];
            var section = string.Join("\n", lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("## /", StringComparison.Ordinal)));
            var onDisk = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
            files.Add(new JsonObject
            {
                ["path"] = path,
                ["injected"] = onDisk is null ? "missing on disk"
                    : onDisk.Length == 0 ? "empty file"
                    : section.TrimStart('\n').StartsWith(onDisk, StringComparison.Ordinal) ? "verbatim" : "altered",
            });
        }

        return files;
    }
}
