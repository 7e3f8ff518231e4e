namespace Backprop.Notebooks.Tests.KoreanEdition;

/// <summary>The parity rule itself, on small cells: what it lets a translation change and what it catches.</summary>
public sealed class CodeCellParityTests
{
    private const string Setup = "#r \"../lib/Backprop/bin/Release/net8.0/Backprop.dll\"\nusing Backprop;\nConsole.WriteLine(\"Backprop loaded\");";
    private const string KoreanSetup = "#r \"../../lib/Backprop/bin/Release/net8.0/Backprop.dll\"\nusing Backprop;\nText.Language = Language.Korean;   // 차트와 출력을 한국어로\nConsole.WriteLine(\"Backprop을 불러왔습니다\");";

    private static IReadOnlyList<string> Compare(string english, string korean) =>
        CodeCellParity.Differences([Setup, english], [KoreanSetup, korean]);

    [Fact]
    public void Same_code_with_translated_labels_and_comments_matches()
    {
        var english = "var loss = net.Loss(x, t);   // the loss\nConsole.WriteLine($\"loss {loss:F4} after {n} iterations\");";
        var korean = "var loss = net.Loss(x, t);   // 손실 함수 값\nConsole.WriteLine($\"{n}번 반복한 뒤 손실 {loss:F4}\");";

        Assert.Empty(Compare(english, korean));
    }

    [Fact]
    public void A_changed_number_or_name_is_a_difference()
    {
        Assert.Single(Compare("var lr = 0.1;", "var lr = 0.01;"));
        Assert.Single(Compare("var W1 = net.Params[\"W1\"];", "var W1 = net.Params[\"W2\"];"));
        Assert.Single(Compare("var x = f(a);", "var x = g(a);"));
    }

    [Fact]
    public void A_string_changed_without_Hangul_is_a_difference()
    {
        var differences = Compare("display(\"starting…\", \"text/plain\");", "display(\"시작…\", \"text/html\");");

        Assert.Contains("text/plain", Assert.Single(differences));
    }

    [Fact]
    public void A_changed_format_specifier_or_interpolation_hole_is_a_difference()
    {
        Assert.Single(Compare("Console.WriteLine($\"loss {loss:F4}\");", "Console.WriteLine($\"손실 {loss:F2}\");"));
        Assert.Single(Compare("Console.WriteLine($\"loss {loss}\");", "Console.WriteLine($\"손실 {loss * 2}\");"));
    }

    [Fact]
    public void A_missing_or_extra_cell_is_a_difference()
    {
        Assert.Contains("2 code cells in English but 3 in Korean", CodeCellParity.Differences([Setup, "var a = 1;"], [KoreanSetup, "var a = 1;", "var b = 2;"]));
    }

    [Fact]
    public void The_switch_line_belongs_in_the_first_cell_only_and_exactly_once()
    {
        Assert.Single(CodeCellParity.Differences([Setup], [KoreanSetup.Replace("Text.Language = Language.Korean;", "", StringComparison.Ordinal)]));
        Assert.Single(Compare("var a = 1;", "Text.Language = Language.Korean;\nvar a = 1;"));
        Assert.Single(Compare("var a = 1;", "Text.Language = Language.English;\nvar a = 1;"));
    }

    [Fact]
    public void The_library_path_is_one_folder_deeper_and_nothing_else()
    {
        Assert.Empty(CodeCellParity.Differences([Setup], [KoreanSetup]));
        Assert.Single(CodeCellParity.Differences([Setup], [KoreanSetup.Replace("../../lib", "../lib", StringComparison.Ordinal)]));
        Assert.Single(CodeCellParity.Differences([Setup], [KoreanSetup.Replace("net8.0", "net10.0", StringComparison.Ordinal)]));
    }
}
