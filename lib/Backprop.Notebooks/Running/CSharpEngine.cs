using Backprop.Interactive;

namespace Backprop.Notebooks.Running;

/// <summary>Creates the project's C# interpreter (Roslyn scripting) for a notebook folder.</summary>
internal static class CSharpEngine
{
    public static IInterpreter Create(string workingDirectory)
    {
        var interpreter = new CSharpInterpreter(workingDirectory);
        interpreter.WarmUp(editorServices: false); // nothing asks a headless run for completions
        return interpreter;
    }
}
