namespace Pincer.Agents.Prompting;

/// <summary>The one-line runtime facts (<c>Runtime: agent=… | session=… | …</c>) with the reference's fields in its order.</summary>
public static class RuntimeLine
{
    public static string Build(PromptInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return "Runtime: " + string.Join(" | ", new[]
        {
            $"agent={inputs.AgentId}",
            $"session={inputs.SessionKey}",
            $"sessionId={inputs.SessionId}",
            $"host={inputs.HostName}",
            inputs.RepoRoot is { } repo ? $"repo={repo}" : null,
            $"os={inputs.OperatingSystem}",
            $"node={inputs.Runtime}",
            "active_node=unknown",
            $"model={inputs.ModelRef}",
            $"default_model={inputs.DefaultModelRef}",
            $"shell={inputs.Shell}",
            $"channel={inputs.Channel}",
            "capabilities=markdowndetails",
        }.OfType<string>());
    }
}
