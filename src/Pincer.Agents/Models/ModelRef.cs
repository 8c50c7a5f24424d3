namespace Pincer.Agents.Models;

/// <summary>A <c>provider/model</c> reference; the model part may itself contain slashes (<c>openrouter/a/b</c>).</summary>
public sealed record ModelRef(string Provider, string Model)
{
    public static ModelRef? Parse(string? text)
    {
        var trimmed = text?.Trim();
        var slash = trimmed?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (trimmed is null || slash <= 0 || slash == trimmed.Length - 1)
        {
            return null;
        }

        return new ModelRef(trimmed[..slash].Trim().ToLowerInvariant(), trimmed[(slash + 1)..].Trim());
    }

    public override string ToString() => Provider + "/" + Model;
}
