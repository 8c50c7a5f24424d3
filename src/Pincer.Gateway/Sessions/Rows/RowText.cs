using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Abstractions.Text;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>The loose spellings the reference accepts for a few stored per-session switches.</summary>
internal static class RowText
{
    /// <summary><c>responseUsage</c>: <c>off</c>, <c>tokens</c> or <c>full</c>; null when unset or unrecognised.</summary>
    public static string? UsageDisplay(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        return JsText.TrimLower(raw) switch
        {
            "off" or "false" or "no" or "0" or "disable" or "disabled" => "off",
            "on" or "true" or "yes" or "1" or "enable" or "enabled" => "tokens",
            "tokens" or "token" or "tok" or "minimal" or "min" => "tokens",
            "full" or "session" => "full",
            _ => null,
        };
    }

    /// <summary><c>fastMode</c>: true, false or <c>"auto"</c>; null when unset or unrecognised.</summary>
    public static JsonNode? FastMode(JsonNode? raw)
    {
        if (raw is not JsonValue value)
        {
            return null;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String:
                return JsText.TrimLower(value.GetValue<string>()) switch
                {
                    "off" or "false" or "no" or "0" or "disable" or "disabled" or "normal" => false,
                    "on" or "true" or "yes" or "1" or "enable" or "enabled" or "fast" => true,
                    "auto" or "automatic" => "auto",
                    _ => null,
                };
            default:
                return null;
        }
    }
}
