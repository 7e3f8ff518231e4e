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
    private readonly ConditionalWeakTable<Script, Submission> _submissions = new();

    /// <summary>
    /// Sets to null every reference-typed variable of <paramref name="state"/>'s earlier submissions that a
    /// later submission declares again and that no deferred code refers to; returns how many it released.
    /// </summary>
    public int Release(ScriptState<object> state)
    {
        var chain = new List<Submission>();
        for (var script = state.Script; script is not null; script = script.Previous)
        {
            chain.Add(_submissions.GetValue(script, Submission.Of));
        }
        chain.Reverse();

        // ScriptState.Variables lists every submission's fields in order, one submission after another
        var variables = state.Variables;
        if (variables.Length != chain.Sum(s => s.Fields.Count))
        {
            return 0;   // not the layout this was written for: keep everything
        }

        var referenced = chain.SelectMany(s => s.ReferencedFromDeferredCode).ToHashSet();
        var lastDeclaredIn = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < chain.Count; k++)
        {
            foreach (var name in chain[k].Fields)
            {
                lastDeclaredIn[name] = k;
            }
        }

        var released = 0;
        var index = 0;
        for (var k = 0; k < chain.Count; k++)
        {
            // one submission's variables: the same names as its compilation's fields (constants may come in another order)
            var block = variables.Skip(index).Take(chain[k].Fields.Count).ToList();
            index += chain[k].Fields.Count;
            if (!block.Select(v => v.Name).ToHashSet().SetEquals(chain[k].Fields))
            {
                continue;   // out of step with the compilations: keep this submission's values rather than guess
            }
            foreach (var variable in block)
            {
                if (lastDeclaredIn[variable.Name] > k && !variable.IsReadOnly && !variable.Type.IsValueType
                    && !referenced.Contains((chain[k].ClassName, variable.Name)) && variable.Value is not null)
                {
                    variable.Value = null;
                    released++;
                }
            }
        }
        return released;
    }

    /// <summary>What one submission declares (its variables, as fields of its class) and which submission fields its deferred code refers to.</summary>
    private sealed record Submission(string ClassName, IReadOnlyList<string> Fields, IReadOnlyList<(string ClassName, string Field)> ReferencedFromDeferredCode)
    {
        public static Submission Of(Script script)
        {
            var compilation = script.GetCompilation();
            var scriptClass = compilation.ScriptClass;
            if (scriptClass is null)
            {
                return new Submission("", [], []);
            }

            // the fields ScriptState.Variables lists: its public, named ones, in declaration order
            var fields = scriptClass.GetMembers().OfType<IFieldSymbol>()
                .Where(f => !f.IsImplicitlyDeclared && f.Name.Length > 0 && (char.IsLetterOrDigit(f.Name[0]) || f.Name[0] == '_'))
                .Select(f => f.Name)
                .ToList();

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
            return new Submission(scriptClass.Name, fields, referenced);
        }

        /// <summary>Code that may run after its cell has finished: a lambda, an anonymous method, a query, a local function, a method, a property, a type.</summary>
        private static bool IsDeferred(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or QueryExpressionSyntax
            or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseTypeDeclarationSyntax
            or DelegateDeclarationSyntax;
    }
}
