namespace Backprop;

/// <summary>The languages the library's charts, tables and printed lines come in (see <see cref="Text.Language"/>).</summary>
public enum Language
{
    /// <summary>English, the default.</summary>
    English,

    /// <summary>Korean, in the terms of the book's Korean edition (밑바닥부터 시작하는 딥러닝 1).</summary>
    Korean,
}
