using System.Text.Json.Nodes;
using Pincer.Cli.Output;

namespace Pincer.Cli.Commands.Config;

/// <summary>Small JSON text helpers for messages (quoted strings, JS-style scalar rendering).</summary>
internal static class CliJsonText
{
    public static string Quote(string value) => CliJson.Format(JsonValue.Create(value));

    /// <summary><c>String(value)</c> for a scalar: strings bare, numbers and booleans as JSON text.</summary>
    public static string Scalar(JsonValue value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
}
