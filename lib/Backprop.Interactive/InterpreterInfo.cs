namespace Backprop.Interactive;

/// <summary>Facts about the interpreter for kernel_info_reply.</summary>
public sealed record InterpreterInfo(
    string Implementation,
    string ImplementationVersion,
    string LanguageName,
    string LanguageVersion,
    string MimeType,
    string FileExtension,
    string PygmentsLexer,
    string CodeMirrorMode,
    string Banner);
