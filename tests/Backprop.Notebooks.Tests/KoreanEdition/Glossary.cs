namespace Backprop.Notebooks.Tests.KoreanEdition;

/// <summary>notebooks/ko/GLOSSARY.md: its table of English term, Korean edition's term, variants not to use.</summary>
internal sealed record Glossary(IReadOnlyList<(string English, string Korean, IReadOnlyList<string> Avoided)> Terms)
{
    public static string PathOf => Path.Combine(KoreanNotebooks.Folder, "GLOSSARY.md");

    public static Glossary Load()
    {
        var terms = new List<(string, string, IReadOnlyList<string>)>();
        foreach (var line in File.ReadLines(PathOf).Where(l => l.StartsWith('|')).Skip(2))
        {
            var columns = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            if (columns.Length != 3)
            {
                throw new InvalidDataException($"{PathOf}: a row has {columns.Length} columns, expected 3 (English | 한국어판 용어 | 쓰지 않는 표현): {line}");
            }
            var avoided = columns[2].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            terms.Add((columns[0], columns[1], avoided));
        }
        return new Glossary(terms);
    }

    public IEnumerable<string> Avoided => Terms.SelectMany(t => t.Avoided);

    /// <summary>The Korean edition's terms one by one ("매개변수 / 매개변수 갱신" gives both), longest first.</summary>
    public IEnumerable<string> Preferred => Terms
        .SelectMany(t => t.Korean.Split(['/', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Distinct()
        .OrderByDescending(term => term.Length);

    /// <summary>The avoided variants in <paramref name="text"/>, not counting those inside a preferred term (파라미터 in 하이퍼파라미터).</summary>
    public IReadOnlyList<string> AvoidedIn(string text)
    {
        var rest = Preferred.Aggregate(text, (current, term) => current.Replace(term, " ", StringComparison.Ordinal));
        return Avoided.Where(a => rest.Contains(a, StringComparison.Ordinal)).ToList();
    }
}
