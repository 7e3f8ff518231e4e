using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Backprop.Interactive;

/// <summary>
/// Frees what an earlier cell's variable held once a later cell declares a variable of the same name,
/// as IPython does when a name is rebound. Each cell is a Roslyn submission whose variables are fields
/// of its own object, and the session keeps every submission's object: without this, re-running
/// <c>var data = Mnist.Load();</c> keeps each earlier copy for ever, out of reach by name.
/// </summary>
/// <remarks>
/// An earlier field is kept when code that may still run refers to it — a lambda, an anonymous method,
/// a query, a method, a property or a type declared in any cell — found with Roslyn's semantic model on
/// each submission's compilation. A reference to the value held anywhere else (a list, a chart, another
/// variable) keeps the value itself alive as usual: only the shadowed field lets go.
/// </remarks>
internal sealed class ShadowedVariables
{
    // Roslyn's ScriptVariable keeps the submission object and the field it reads; they tell which cell declared it.
    private static readonly FieldInfo? InstanceField = typeof(ScriptVariable).GetField("_instance", BindingFlags.NonPublic | BindingFlags.Instance);
    private static readonly FieldInfo? FieldField = typeof(ScriptVariable).GetField("_field", BindingFlags.NonPublic | BindingFlags.Instance);

    private readonly ConditionalWeakTable<Script, Submission> _submissions = new();

    /// <summary>
    /// Sets to null every reference-typed variable of <paramref name="state"/>'s earlier submissions that a
    /// later submission declares again and that no deferred code refers to; returns how many it released.
    /// </summary>
    public int Release(ScriptState<object> state)
    {
        var referenced = new HashSet<(string ClassName, string Field)>();
        for (var script = state.Script; script is not null; script = script.Previous)
        {
            referenced.UnionWith(_submissions.GetValue(script, Submission.Of).ReferencedFromDeferredCode);
        }

        // ScriptState.Variables lists every submission's variables, the earliest submission first
        var variables = state.Variables;
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Length; i++)
        {
            latest[variables[i].Name] = i;
        }

        var released = 0;
        for (var i = 0; i < variables.Length; i++)
        {
            var variable = variables[i];
            if (latest[variable.Name] == i || variable.IsReadOnly || variable.Type.IsValueType
                || InstanceField?.GetValue(variable) is not { } submission || FieldField?.GetValue(variable) is not FieldInfo field
                || referenced.Contains((submission.GetType().Name, field.Name)) || field.GetValue(submission) is null)
            {
                continue;
            }
            field.SetValue(submission, null);
            released++;
        }
        return released;
    }

    /// <summary>Which submission fields (by submission class and field name) one submission's deferred code refers to.</summary>
    private sealed record Submission(IReadOnlyList<(string ClassName, string Field)> ReferencedFromDeferredCode)
    {
        public static Submission Of(Script script)
        {
            var compilation = script.GetCompilation();
            var referenced = new List<(string, string)>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                var model = compilation.GetSemanticModel(tree);
                var deferred = tree.GetRoot().DescendantNodes(descendIntoChildren: node => !IsDeferred(node)).Where(IsDeferred);
                foreach (var name in deferred.SelectMany(node => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()))
                {
                    if (model.GetSymbolInfo(name).Symbol is IFieldSymbol { ContainingType: { IsScriptClass: true } owner } field)
                    {
                        referenced.Add((owner.Name, field.Name));
                    }
                }
            }
            return new Submission(referenced);
        }

        /// <summary>Code that may run after its cell has finished: a lambda, an anonymous method, a query, a local function, a method, a property, a type.</summary>
        private static bool IsDeferred(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax
            or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseTypeDeclarationSyntax
            or DelegateDeclarationSyntax;
    }
}
