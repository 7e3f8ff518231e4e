namespace Backprop.Notebooks.Html;

/// <summary>
/// The two editions of the notebooks: English in a folder, Korean in its <c>ko/</c> subfolder under the
/// same file names. A Korean notebook's page goes to <c>ko/</c> in the export; a notebook's counterpart
/// is the notebook of the same name in the other edition.
/// </summary>
internal static class Edition
{
    /// <summary>The Korean edition's folder name.</summary>
    public const string KoreanFolder = "ko";

    public static bool IsKorean(string notebookPath) =>
        string.Equals(Path.GetFileName(Path.GetDirectoryName(notebookPath)), KoreanFolder, StringComparison.Ordinal);

    /// <summary>The page's path in the export, with '/': <c>NAME.html</c>, or <c>ko/NAME.html</c> for the Korean edition.</summary>
    public static string PageName(string notebookPath) =>
        (IsKorean(notebookPath) ? KoreanFolder + "/" : "") + Path.GetFileNameWithoutExtension(notebookPath) + ".html";

    /// <summary>The full path of the notebook of the same name in the other edition (it may not exist).</summary>
    public static string CounterpartOf(string notebookPath)
    {
        var folder = Path.GetDirectoryName(notebookPath)!;
        var name = Path.GetFileName(notebookPath);
        return IsKorean(notebookPath)
            ? Path.Combine(Path.GetDirectoryName(folder)!, name)
            : Path.Combine(folder, KoreanFolder, name);
    }

    /// <summary>A page name as a link from a page of the same edition.</summary>
    public static string Relative(string pageName, bool fromKorean) =>
        fromKorean && pageName.StartsWith(KoreanFolder + "/", StringComparison.Ordinal) ? pageName[(KoreanFolder.Length + 1)..] : pageName;
}
