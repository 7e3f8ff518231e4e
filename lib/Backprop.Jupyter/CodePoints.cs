namespace Backprop.Jupyter;

/// <summary>
/// Converts cursor positions between the protocol's Unicode code points (messaging 5.2+) and
/// .NET's UTF-16 offsets, which differ after characters outside the Basic Multilingual Plane.
/// </summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 offset of code point <paramref name="codePoints"/> in <paramref name="text"/>, clamped to the text.</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var offset = 0;
        for (var seen = 0; seen < codePoints && offset < text.Length; seen++)
        {
            offset += char.IsHighSurrogate(text[offset]) && offset + 1 < text.Length && char.IsLowSurrogate(text[offset + 1]) ? 2 : 1;
        }
        return offset;
    }

    /// <summary>The number of code points before UTF-16 offset <paramref name="utf16Offset"/>.</summary>
    public static int FromUtf16(string text, int utf16Offset)
    {
        var end = Math.Clamp(utf16Offset, 0, text.Length);
        var count = 0;
        for (var i = 0; i < end; i++)
        {
            if (!(char.IsLowSurrogate(text[i]) && i > 0 && char.IsHighSurrogate(text[i - 1])))
            {
                count++;
            }
        }
        return count;
    }
}
