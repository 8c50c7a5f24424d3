namespace Pincer.Cli.Commands.Config;

/// <summary>An expected <c>config …</c> failure: the message is what the reference prints (exit 1).</summary>
internal sealed class ConfigCommandException(string message) : Exception(message);
