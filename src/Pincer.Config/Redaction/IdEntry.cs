namespace Pincer.Config.Redaction;

/// <summary>First position of an array item id and how many items share it.</summary>
internal sealed class IdEntry(int index)
{
    public int Index { get; } = index;

    public int Count { get; set; } = 1;
}
