using CasDirectory.IntegrationTests.Fixtures;
using NUnit.Framework;

namespace CasDirectory.IntegrationTests.Shell;

/// <summary>
/// Every one-liner of the corpus, pasted as published into casdir "&lt;line&gt;" on a fresh sample lab: it runs,
/// shows EMS's columns and values, and has the effect it has in Exchange (checked with a second line).
/// </summary>
[TestFixture]
public sealed class OneLinerCorpusTests : FreshLabTest
{
    public static IEnumerable<TestCaseData> Corpus() =>
        OneLiner.Corpus.Select(o => new TestCaseData(o).SetName($"Pasted_into_casdir: {o.Id}"));

    [Test]
    public void The_corpus_has_at_least_forty_published_one_liners_each_with_its_source() =>
        Assert.That(OneLiner.Corpus.Where(o => o.Source.Length > 10 && o.Line.Length > 0).Select(o => o.Id).Distinct().Count(), Is.GreaterThanOrEqualTo(40));

    [TestCaseSource(nameof(Corpus))]
    public void Runs_as_published(OneLiner oneLiner)
    {
        foreach (var step in oneLiner.Setup)
            Assert.That(Lab.Casdir(step).ExitCode, Is.Zero, $"setup: {step}");

        var result = Lab.Casdir(oneLiner.Line);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Expectations.Assert(oneLiner, result.Output, Lab);
    }
}

/// <summary>What a one-liner must show, and the effect its check line must find.</summary>
public static class Expectations
{
    public static void Assert(OneLiner oneLiner, string output, LabDirectory lab)
    {
        foreach (var row in oneLiner.Rows)
            NUnit.Framework.Assert.That(output, Does.Match(Table.Row(row)), $"{oneLiner.Id}: row '{row}' in\n{output}");
        foreach (var text in oneLiner.Contains)
            NUnit.Framework.Assert.That(output, Does.Contain(text), oneLiner.Id);
        if (oneLiner.Check is not { } check)
            return;
        var after = lab.Casdir(check.Line);
        NUnit.Framework.Assert.That(after.ExitCode, Is.Zero, $"{oneLiner.Id} check: {after}");
        foreach (var row in check.Rows)
            NUnit.Framework.Assert.That(after.Output, Does.Match(Table.Row(row)), $"{oneLiner.Id}: effect '{row}' in\n{after.Output}");
        foreach (var text in check.Contains)
            NUnit.Framework.Assert.That(after.Output, Does.Contain(text), $"{oneLiner.Id}: effect '{text}' in\n{after.Output}");
    }
}
