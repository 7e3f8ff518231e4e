using Backprop.Interactive;

namespace Backprop.Notebooks.Running;

/// <summary>Creates the project's C# interpreter (Roslyn scripting) for a notebook folder.</summary>
internal static class CSharpEngine
{
    private const string TypeName = "Backprop.Interactive.CSharpInterpreter";

    public static IInterpreter Create(string workingDirectory)
    {
        var type = typeof(IInterpreter).Assembly.GetType(TypeName)
            ?? throw new InvalidOperationException($"this build has no C# engine ({TypeName} is missing from {typeof(IInterpreter).Assembly.GetName().Name})");
        return (IInterpreter)Activator.CreateInstance(type, workingDirectory)!;
    }
}
