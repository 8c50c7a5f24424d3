using System.Text.RegularExpressions;

namespace Pincer.Routing.Mentions;

/// <summary>Usable mention regexes (with the sources they came from) and the patterns that were refused.</summary>
public sealed record CompiledMentionPatterns(
    IReadOnlyList<Regex> Regexes,
    IReadOnlyList<string> Sources,
    IReadOnlyList<RejectedMentionPattern> Rejected);
