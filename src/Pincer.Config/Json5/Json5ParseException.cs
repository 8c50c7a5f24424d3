namespace Pincer.Config.Json5;

/// <summary>
/// A JSON5 syntax error. <see cref="Exception.Message"/> uses the same wording and position
/// convention as the npm <c>json5</c> package (1-based line; column counted in UTF-16 units,
/// only <c>\n</c> starts a new line) so diagnostics match what reference users have seen.
/// </summary>
public sealed class Json5ParseException : FormatException
{
    public Json5ParseException()
    {
    }

    public Json5ParseException(string message)
        : base(message)
    {
    }

    public Json5ParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Json5ParseException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
