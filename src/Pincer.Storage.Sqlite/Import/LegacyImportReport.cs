namespace Pincer.Storage.Sqlite.Import;

/// <summary>
/// What an import pass did: <see cref="Changes"/> (rows written, originals archived), <see cref="Notices"/>
/// (informational), <see cref="Warnings"/> (a source left in place for repair). A pass with warnings has
/// not finished: the gateway keeps refusing readiness until a later pass imports what was left.
/// </summary>
public sealed class LegacyImportReport
{
    public List<string> Changes { get; } = [];

    public List<string> Notices { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>Per-kind counts of imported records (sessions, transcript events, jobs, …), for tests and summaries.</summary>
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    internal void Add(string counter, int value) => Counts[counter] = Counts.GetValueOrDefault(counter) + value;
}
