using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Backprop.Interactive;

/// <summary>
/// Makes a cell interruptible without its help: puts a check of <see cref="CellRuntime.Pending"/> at the top of every
/// loop body, method, local function, constructor, accessor and lambda of the cell, and sends
/// <c>Thread.Sleep</c>, <c>Task.Delay</c> and <c>Console.ReadKey</c> to <see cref="CellRuntime"/>'s
/// interruptible forms; threads and timers the cell starts end quietly on interrupt. Nothing is put on a new line, so compiler messages and stack traces keep the
/// cell's own line numbers.
/// </summary>
/// <remarks>
/// An expression lambda's value is wrapped in <see cref="CellRuntime.Pass{T}"/>, which fails to compile
/// where the value is void or has no type of its own; the caller leaves those lambdas out
/// (<see cref="WrappedLambdaAt"/>) and rewrites again.
/// </remarks>
internal sealed class InterruptRewriter : CSharpSyntaxRewriter
{
    private const string Runtime = "global::Backprop.Interactive.CellRuntime";
    private const string PassAnnotationKind = "interrupt-pass";

    private static readonly StatementSyntax Check = SyntaxFactory.ParseStatement($"if ({Runtime}.Pending != 0) {Runtime}.Poll();");
    private static readonly ExpressionSyntax PassMethod = SyntaxFactory.ParseExpression(Runtime + ".Pass");

    private readonly IReadOnlySet<int> _unwrapped;
    private readonly bool _wrapLambdas;
    private int _lambdas;

    private InterruptRewriter(IReadOnlySet<int> unwrapped, bool wrapLambdas)
    {
        _unwrapped = unwrapped;
        _wrapLambdas = wrapLambdas;
    }

    /// <summary>
    /// The rewritten cell, or null when it cannot be rewritten safely (it does not parse). Expression lambdas
    /// numbered in <paramref name="unwrapped"/> (or all, without <paramref name="wrapLambdas"/>) are left as they are.
    /// </summary>
    public static SyntaxNode? Rewrite(string code, IReadOnlySet<int> unwrapped, bool wrapLambdas = true)
    {
        var tree = SyntaxFactory.ParseSyntaxTree(code, CSharpInterpreter.ScriptParseOptions);
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var rewritten = new InterruptRewriter(unwrapped, wrapLambdas).Visit(tree.GetRoot());
        // Reparse the text (as the compiler will) so that positions match; a rewrite that moved a line is not used.
        var text = rewritten.ToFullString();
        return CountLines(text) == CountLines(code) ? rewritten : null;
    }

    /// <summary>The number of the wrapped expression lambda whose <see cref="CellRuntime.Pass{T}"/> call holds <paramref name="span"/>, if any (the innermost).</summary>
    public static int? WrappedLambdaAt(SyntaxNode rewritten, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        rewritten.GetAnnotatedNodes(PassAnnotationKind)
            .Where(n => n.Span.Contains(span))
            .OrderBy(n => n.Span.Length)
            .Select(n => (int?)int.Parse(n.GetAnnotations(PassAnnotationKind).First().Data!, System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Checked(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Checked(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Checked(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Checked(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Checked(visited.Statement));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (visited.Body is { } body)
        {
            return visited.WithBody(Checked(body));
        }
        return visited.ExpressionBody is { } arrow && !visited.Modifiers.Any(SyntaxKind.ExternKeyword)
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, visited.SemicolonToken, visited.ReturnType, visited.Modifiers))
            : visited;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body)
        {
            return visited.WithBody(Checked(body));
        }
        return visited.ExpressionBody is { } arrow && !visited.Modifiers.Any(SyntaxKind.ExternKeyword)
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(BodyOf(arrow, visited.SemicolonToken, visited.ReturnType, visited.Modifiers))
            : visited;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(Checked(body)) : visited;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(Checked(body)) : visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var number = _lambdas++;
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.Block is { } block ? visited.WithBlock(Checked(block))
            : visited.ExpressionBody is { } expression ? visited.WithExpressionBody(Passed(expression, number))
            : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var number = _lambdas++;
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.Block is { } block ? visited.WithBlock(Checked(block))
            : visited.ExpressionBody is { } expression ? visited.WithExpressionBody(Passed(expression, number))
            : visited;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(Checked(visited.Block));
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (visited.Expression is not MemberAccessExpressionSyntax access)
        {
            return visited;
        }
        var target = access.Expression.ToString().Replace("global::", "", StringComparison.Ordinal);
        var method = access.Name.Identifier.ValueText;
        var arguments = visited.ArgumentList.Arguments.Count;
        var redirected = (target, method, arguments) switch
        {
            ("Thread" or "System.Threading.Thread", "Sleep", 1) => true,
            ("Task" or "System.Threading.Tasks.Task", "Delay", 1) => true,
            ("Console" or "System.Console", "ReadKey", 0 or 1) => true,
            _ => false,
        };
        return redirected
            ? visited.WithExpression(access.WithExpression(SyntaxFactory.ParseExpression(Runtime).WithTriviaFrom(access.Expression)))
            : visited;
    }

    public override SyntaxNode? VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
    {
        // An interrupt check throwing on a thread or timer of the cell's own would end the process: guard its start.
        var visited = (ObjectCreationExpressionSyntax)base.VisitObjectCreationExpression(node)!;
        var type = visited.Type.ToString().Replace("global::", "", StringComparison.Ordinal);
        var arguments = visited.ArgumentList?.Arguments ?? default;
        var guard = (type, arguments.Count) switch
        {
            ("Thread" or "System.Threading.Thread", 1 or 2) => "GuardedThread",
            ("Timer" or "System.Threading.Timer", >= 2) => "GuardedTimer",
            _ => null,
        };
        if (guard is null || arguments[0].NameColon is not null)
        {
            return visited;
        }
        var first = arguments[0];
        var guarded = SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression($"{Runtime}.{guard}"),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(first.Expression.WithoutTrivia()))));
        return visited.WithArgumentList(visited.ArgumentList!.WithArguments(arguments.Replace(first, first.WithExpression(guarded.WithTriviaFrom(first.Expression)))));
    }

    private static StatementSyntax Checked(StatementSyntax body)
    {
        if (body is BlockSyntax block)
        {
            return Checked(block);
        }
        var braced = SyntaxFactory.Block(CheckStatement(), body.WithoutLeadingTrivia().WithoutTrailingTrivia());
        return braced.WithLeadingTrivia(body.GetLeadingTrivia()).WithTrailingTrivia(body.GetTrailingTrivia());
    }

    private static BlockSyntax Checked(BlockSyntax block) => block.WithStatements(block.Statements.Insert(0, CheckStatement()));

    private static StatementSyntax CheckStatement() => Check;

    /// <summary><c>=&gt; expr;</c> as <c>{ Check(); return expr; }</c> (or <c>expr;</c> when the member returns nothing), on the same lines.</summary>
    private static BlockSyntax BodyOf(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        var expression = arrow.Expression.WithoutTrivia();
        var async = modifiers.Any(SyntaxKind.AsyncKeyword);
        var returnsNothing = returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            || (async && returnType is IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" }
                or QualifiedNameSyntax { Right: IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } });
        var semicolonToken = SyntaxFactory.Token(SyntaxKind.SemicolonToken);
        StatementSyntax statement = expression is ThrowExpressionSyntax thrown
            ? SyntaxFactory.ThrowStatement(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ThrowKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)), thrown.Expression.WithoutTrivia(), semicolonToken)
            : returnsNothing
                ? SyntaxFactory.ExpressionStatement(expression, semicolonToken)
                : SyntaxFactory.ReturnStatement(SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReturnKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)), expression, semicolonToken);
        var open = SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(arrow.GetLeadingTrivia()).WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia);
        var close = SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(arrow.Expression.GetTrailingTrivia()).WithTrailingTrivia(semicolon.TrailingTrivia);
        return SyntaxFactory.Block(open, SyntaxFactory.List([CheckStatement(), statement.WithLeadingTrivia(arrow.Expression.GetLeadingTrivia())]), close);
    }

    private ExpressionSyntax Passed(ExpressionSyntax expression, int number)
    {
        if (!_wrapLambdas || _unwrapped.Contains(number) || !MayHaveAValue(expression))
        {
            return expression;
        }
        var call = SyntaxFactory.InvocationExpression(
            PassMethod,
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(expression.WithoutTrivia()))));
        return call.WithTriviaFrom(expression).WithAdditionalAnnotations(new SyntaxAnnotation(PassAnnotationKind, number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>False for bodies that surely have no value of their own type (assignments, ++, throw, lambdas, null, default, new(), […]).</summary>
    private static bool MayHaveAValue(ExpressionSyntax expression) => expression is not (
        AssignmentExpressionSyntax
        or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }
        or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }
        or ThrowExpressionSyntax
        or LambdaExpressionSyntax
        or AnonymousMethodExpressionSyntax
        or LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression or (int)SyntaxKind.DefaultLiteralExpression }
        or ImplicitObjectCreationExpressionSyntax
        or CollectionExpressionSyntax
        or StackAllocArrayCreationExpressionSyntax
        or ImplicitStackAllocArrayCreationExpressionSyntax
        or RefExpressionSyntax
        or InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Console" }, Name.Identifier.ValueText: "Write" or "WriteLine" } });

    private static int CountLines(string text) => Microsoft.CodeAnalysis.Text.SourceText.From(text).Lines.Count;
}
