namespace Backprop;

/// <summary>
/// The one switch for the language of what the library shows: chart titles, axis titles and legends,
/// matrix captions and progress lines. A notebook of the Korean edition sets it once in its setup cell
/// (<c>Text.Language = Language.Korean;</c>); everything drawn or printed after that is in Korean.
/// Exception messages stay in English, as .NET's own do.
/// </summary>
public static class Text
{
    private static volatile int _language = (int)Language.English;

    /// <summary>The language of the library's labels for the whole process; <see cref="Language.English"/> unless set.</summary>
    public static Language Language
    {
        get => (Language)_language;
        set => _language = Enum.IsDefined(value)
            ? (int)value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Text.Language: {value} is not a language — expected {string.Join(" or ", Enum.GetNames<Language>())}");
    }
}
