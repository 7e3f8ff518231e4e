using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Notebooks.Html;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Chapter;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.KoreanEdition;

/// <summary>
/// The Korean edition (notebooks/ko/) kept in step with the English notebooks: the same code (see
/// <see cref="CodeCellParity"/>), executed and committed with outputs, prose mostly in Hangul, in the
/// Korean edition's terms (notebooks/ko/GLOSSARY.md).
/// </summary>
public sealed partial class KoreanEditionTests
{
    /// <summary>Share of Hangul among the letters of the prose (code, formulas and URLs left out).</summary>
    internal const double MinimumHangulShare = 0.6;

    [Fact]
    public void Every_Korean_notebook_is_a_chapter_notebook_of_the_same_name()
    {
        var korean = Directory.GetFiles(KoreanNotebooks.Folder, "*.ipynb").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.NotEmpty(korean);
        Assert.All(korean, name => Assert.Contains(name, ChapterNotebooks.Names));
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks.Translated), MemberType = typeof(KoreanNotebooks))]
    public void Has_the_English_notebooks_code_cells_plus_the_language_switch(string name)
    {
        var differences = CodeCellParity.Differences(
            KoreanNotebooks.CodeSources(ChapterNotebooks.PathOf(name)),
            KoreanNotebooks.CodeSources(KoreanNotebooks.PathOf(name)));

        Assert.True(differences.Count == 0, $"ko/{name}.ipynb differs from {name}.ipynb:\n" + string.Join("\n", differences));
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks.Translated), MemberType = typeof(KoreanNotebooks))]
    public void Is_committed_executed_with_outputs_and_no_errors(string name)
    {
        var cells = KoreanNotebooks.Cells(KoreanNotebooks.Read(KoreanNotebooks.PathOf(name)), "code").ToList();

        for (var i = 0; i < cells.Count; i++)
        {
            Assert.True(cells[i]["execution_count"] is JsonValue, $"ko/{name}: code cell {i + 1} has no execution count — run the notebook before committing");
            var outputs = cells[i]["outputs"]!.AsArray();
            Assert.DoesNotContain(outputs, o => (string?)o!["output_type"] == "error");
            Assert.DoesNotContain(outputs, o => (string?)o!["output_type"] == "stream" && (string?)o["name"] == "stderr");
        }
        Assert.Equal(Enumerable.Range(1, cells.Count), cells.Select(c => (int)c["execution_count"]!));
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks.Translated), MemberType = typeof(KoreanNotebooks))]
    public void Keeps_the_English_notebooks_kernel_metadata(string name)
    {
        var english = KoreanNotebooks.Read(ChapterNotebooks.PathOf(name))["metadata"]!;
        var korean = KoreanNotebooks.Read(KoreanNotebooks.PathOf(name))["metadata"]!;

        Assert.True(JsonNode.DeepEquals(english["kernelspec"], korean["kernelspec"]), $"ko/{name}: kernelspec differs from the English notebook's");
        Assert.True(JsonNode.DeepEquals(english["polyglot_notebook"], korean["polyglot_notebook"]), $"ko/{name}: polyglot_notebook metadata differs from the English notebook's");
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks.Translated), MemberType = typeof(KoreanNotebooks))]
    public void Its_prose_is_mostly_Hangul_and_follows_the_template(string name)
    {
        var markdown = KoreanNotebooks.Markdown(KoreanNotebooks.PathOf(name));

        var share = HangulShare.Of(markdown);

        Assert.True(share >= MinimumHangulShare, $"ko/{name}: {share:P0} of the prose's letters are Hangul, expected at least {MinimumHangulShare:P0}");
        Assert.StartsWith("# ", markdown);
        Assert.Contains("## 이번에 배울 내용", markdown);
        Assert.Contains("## 연습 문제", markdown);
    }

    [Theory]
    [MemberData(nameof(ChapterNotebooks.All), MemberType = typeof(ChapterNotebooks))]
    public void The_English_notebooks_prose_does_not_pass_for_Korean(string name)
    {
        var share = HangulShare.Of(KoreanNotebooks.Markdown(ChapterNotebooks.PathOf(name)));

        Assert.True(share < MinimumHangulShare / 4, $"{name}: {share:P0} Hangul — the measure no longer tells English prose from Korean");
    }

    [Fact]
    public void The_glossary_has_the_chapters_terms_and_the_variants_to_avoid()
    {
        var glossary = Glossary.Load();
        var korean = string.Join(" ", glossary.Terms.Select(t => t.Korean));

        foreach (var term in new[] { "계산 그래프", "국소적 계산", "연쇄법칙", "순전파", "역전파", "오차역전파법", "곱셈 계층", "덧셈 계층", "활성화 함수",
                     "Affine 계층", "소프트맥스 함수", "교차 엔트로피 오차", "정답 레이블", "원-핫 인코딩", "기울기", "기울기 확인", "수치 미분", "미니배치",
                     "에폭", "학습률", "매개변수 갱신", "가중치", "편향", "손실 함수", "오버피팅", "항등 함수", "오차제곱합", "합성 함수", "국소적 미분" })
        {
            Assert.Contains(term, korean);
        }
        Assert.All(glossary.Terms, t => Assert.All(t.Avoided, a => Assert.DoesNotContain(a, t.Korean)));
        Assert.True(glossary.Avoided.Count() >= 30, $"{glossary.Avoided.Count()} variants to avoid");
        Assert.Equal(["파라미터"], glossary.AvoidedIn("파라미터를 갱신한다"));
        Assert.Empty(glossary.AvoidedIn("하이퍼파라미터와 매개변수 갱신"));
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks.Translated), MemberType = typeof(KoreanNotebooks))]
    public void Uses_the_glossarys_terms_not_the_variants_it_avoids(string name)
    {
        var notebook = KoreanNotebooks.Read(KoreanNotebooks.PathOf(name));
        var text = string.Join("\n", notebook["cells"]!.AsArray().Select(c => KoreanNotebooks.Source(c!.AsObject())));

        var found = Glossary.Load().AvoidedIn(text);

        Assert.True(found.Count == 0, $"ko/{name} uses {string.Join(", ", found)} — see notebooks/ko/GLOSSARY.md for the Korean edition's terms");
    }

    [Theory]
    [MemberData(nameof(KoreanNotebooks.Translated), MemberType = typeof(KoreanNotebooks))]
    public void Links_to_notebooks_point_at_Korean_notebooks_that_exist(string name)
    {
        var markdown = KoreanNotebooks.Markdown(KoreanNotebooks.PathOf(name));

        foreach (Match link in NotebookLink().Matches(markdown))
        {
            var target = Path.GetFullPath(Path.Combine(KoreanNotebooks.Folder, link.Groups["path"].Value));
            Assert.True(File.Exists(target), $"ko/{name} links to {link.Groups["path"].Value}, which does not exist");
        }
    }

    [Fact]
    public async Task Exported_Korean_pages_have_the_English_pages_charts_and_formulas()
    {
        var output = Path.Combine(Fixture.NewFolder(), "site");
        var export = await HtmlExporter.ExportAsync(NotebookPaths.Expand([ChapterNotebooks.Folder]), new HtmlExportOptions(output), CancellationToken.None);
        var pages = export.Pages.ToDictionary(p => p.FileName);

        var korean = pages.Values.Where(p => p.FileName.StartsWith("ko/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(korean);
        Assert.All(korean, page =>
        {
            var english = pages[page.FileName["ko/".Length..]];
            Assert.True(page.Charts == english.Charts && page.Formulas == english.Formulas,
                $"{page.FileName}: {page.Charts} charts and {page.Formulas} formulas, the English page {english.Charts} and {english.Formulas}");
        });
    }

    [GeneratedRegex(@"\]\((?<path>[^):#]+\.(ipynb|md))(#[^)]*)?\)")]
    private static partial Regex NotebookLink();
}
