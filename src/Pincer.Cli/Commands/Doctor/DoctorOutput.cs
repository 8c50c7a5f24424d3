namespace Pincer.Cli.Commands.Doctor;

/// <summary>
/// Doctor's plain-text layout: a title, titled sections of <c>- </c> bullets, a closing line. The
/// reference draws the same sections as framed boxes; the facts and their order are what match.
/// </summary>
internal sealed class DoctorOutput(TextWriter writer)
{
    public void Title(string title) => writer.WriteLine(title);

    public void Section(string title, IReadOnlyCollection<string> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine($"{title}:");
        foreach (var line in lines)
        {
            writer.WriteLine(line.StartsWith("- ", StringComparison.Ordinal) ? line : $"- {line}");
        }
    }

    public void Done(string text)
    {
        writer.WriteLine();
        writer.WriteLine(text);
    }
}
