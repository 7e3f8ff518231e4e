namespace Backprop.Interactive;

/// <summary>A directive that cannot be carried out (missing file, unknown package); the message names what and where.</summary>
internal sealed class DirectiveException(string message) : Exception(message);
