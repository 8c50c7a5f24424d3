using Pincer.Config.Validation;
using Xunit.Abstractions;

namespace Pincer.Config.Tests.Validation;

public sealed class ConfigValidatorCorpusTests(ITestOutputHelper output)
{
    /// <summary>
    /// Files where we knowingly differ from the reference, with the reason. Keep this list short
    /// and honest; the summary test prints the live numbers.
    /// </summary>
    private static readonly Dictionary<string, string> KnownDivergences = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> Names() => [.. CorpusCase.All().Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesReference(string name)
    {
        if (KnownDivergences.ContainsKey(name))
        {
            return;
        }

        var c = CorpusCase.All().Single(x => x.Name == name);
        var ours = ConfigValidator.ValidateDetailed(c.Config);
        Assert.Equal(c.Valid, ours.Valid);
        Assert.Equal(c.Issues.Select(i => i.Path), ours.Issues.Select(i => i.Path));
        foreach (var (theirs, mine) in c.Issues.Zip(ours.Issues))
        {
            if (CorpusCase.IsFormatMessage(theirs.Message))
            {
                Assert.Equal(theirs.Message, mine.Message);
            }
        }

        Assert.Equal(c.Warnings.Select(w => w.Path), ours.Warnings.Select(w => w.Path));
    }

    [Fact]
    public void ReportsMatchRate()
    {
        int total = 0, verdict = 0, paths = 0, messages = 0;
        foreach (var c in CorpusCase.All())
        {
            total++;
            var ours = ConfigValidator.ValidateDetailed(c.Config);
            var v = c.Valid == ours.Valid;
            var p = v && c.Issues.Select(i => i.Path).SequenceEqual(ours.Issues.Select(i => i.Path));
            var m = p && c.Issues.Zip(ours.Issues).All(x => !CorpusCase.IsFormatMessage(x.First.Message) || x.First.Message == x.Second.Message);
            verdict += v ? 1 : 0;
            paths += p ? 1 : 0;
            messages += m ? 1 : 0;
            if (!m)
            {
                output.WriteLine($"{c.Name}: ref valid={c.Valid} [{string.Join("; ", c.Issues.Select(i => $"{i.Path}: {i.Message}"))}]");
                output.WriteLine($"{new string(' ', c.Name.Length)}  ours valid={ours.Valid} [{string.Join("; ", ours.Issues.Select(i => $"{i.Path}: {i.Message}"))}]");
            }
        }

        output.WriteLine($"corpus {total}: verdict {verdict}, paths {paths}, messages {messages}");
        Assert.True(total >= 50, $"corpus has only {total} recorded cases");
    }
}
