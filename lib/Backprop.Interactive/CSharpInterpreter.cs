using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Microsoft.DotNet.Interactive.Formatting;

namespace Backprop.Interactive;

/// <summary>
/// C# notebook cells as Roslyn script submissions, each continuing the state of the one before, with
/// the directives notebooks use (<c>#r "path.dll"</c>, <c>#r "nuget: Id, Version"</c>, <c>#i "nuget: source"</c>,
/// <c>#!csharp</c>), outputs through an <see cref="IOutputPublisher"/>, and completion and inspection by Roslyn.
/// </summary>
public sealed class CSharpInterpreter : IInterpreter
{
    /// <summary>Namespaces every cell can use without a using directive.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System",
        "System.Collections.Generic",
        "System.IO",
        "System.Linq",
        "System.Text",
        "System.Threading",
        "System.Threading.Tasks",
        "Backprop.Interactive",
        "Microsoft.DotNet.Interactive.Formatting",
    ];

    internal static readonly CSharpParseOptions ScriptParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script);

    private readonly string _workingDirectory;
    private readonly InteractiveAssemblyLoader _loader = new();
    private readonly ScriptGlobals _globals = new(() => CellContext.Active);
    private readonly NuGetRestorer _nuget;
    private readonly List<HistoryEntry> _history = [];
    private readonly List<string> _priorCells = [];
    private readonly List<NuGetPackage> _packages = [];
    private readonly List<string> _packageSources = [];
    private readonly HashSet<string> _referencedPaths = new(StringComparer.Ordinal);
    private readonly ShadowedVariables _shadowed = new();
    private readonly object _gate = new();
    private readonly AbandonedCells _abandoned = new();
    private readonly Lazy<ScriptWorkspace> _workspace;
    private IReadOnlyList<MetadataReference> _references;
    private IReadOnlyList<MetadataReference>? _completionReferences;
    private IReadOnlyList<MetadataReference>? _completionReferencesFor;
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private Task? _warmUp;
    private Task? _compilerWarmUp;
    private CancellationTokenSource? _editorWarmUpCancellation;
    private int _cellsRunning;
    private long _lastCellActivity = Environment.TickCount64;
    private bool _disposed;
    private int _executionCount = 1;

    /// <summary>Starts a session whose relative <c>#r</c> paths resolve against <paramref name="workingDirectory"/> (the notebook's folder).</summary>
    public CSharpInterpreter(string workingDirectory)
    {
        _workingDirectory = Path.GetFullPath(workingDirectory);
        _nuget = new NuGetRestorer(_workingDirectory);
        AssemblyResolution.Install();
        ConsoleRouter.Install();
        ConsoleInput.Install();
        CellRuntime.PublishAmbientCancellation();
        BackgroundCompilerPriority.Start();   // the runtime's re-optimizing of the compiler waits for free cores

        _references =
        [
            AssemblyResolution.Reference(typeof(ScriptGlobals).Assembly.Location),
            AssemblyResolution.Reference(typeof(Formatter).Assembly.Location),
        ];
        _options = ScriptOptions.Default
            .WithReferences([.. FrameworkReferences.ForScripts(), .. _references])
            .WithImports(DefaultImports)
            .WithMetadataResolver(new SessionMetadataResolver())
            .WithSourceResolver(new SourceFileResolver([], _workingDirectory))
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithLanguageVersion(LanguageVersion.Latest);
        _workspace = new Lazy<ScriptWorkspace>(() => new ScriptWorkspace([.. FrameworkReferences.ForCompletion(), .. _references], DefaultImports, typeof(ScriptGlobals)));
    }

    /// <inheritdoc />
    public InterpreterInfo Info { get; } = new(
        Implementation: "backprop-csharp",
        ImplementationVersion: typeof(CSharpInterpreter).Assembly.GetName().Version?.ToString(3) ?? "0.1.0",
        LanguageName: "C#",
        LanguageVersion: "14.0",
        MimeType: "text/x-csharp",
        FileExtension: ".cs",
        PygmentsLexer: "csharp",
        CodeMirrorMode: "text/x-csharp",
        Banner: $"Backprop.Notebooks C# kernel — Roslyn scripting on .NET {Environment.Version}");

    /// <inheritdoc />
    public int ExecutionCount => Volatile.Read(ref _executionCount);

    /// <inheritdoc />
    public IReadOnlyList<HistoryEntry> History
    {
        get
        {
            lock (_history)
            {
                return _history.ToList();
            }
        }
    }

    /// <summary>The folder relative <c>#r</c> paths resolve against.</summary>
    public string WorkingDirectory => _workingDirectory;

    /// <inheritdoc />
    public async Task<ExecutionOutcome> ExecuteAsync(ExecutionRequest request, IOutputPublisher publisher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(publisher);
        var store = request.StoreHistory && !request.Silent;
        var count = store ? Interlocked.Increment(ref _executionCount) - 1 : ExecutionCount;
        if (store)
        {
            lock (_history)
            {
                _history.Add(new HistoryEntry(0, count, request.Code));
            }
        }

        Task? compilerWarmUp;
        lock (_gate)
        {
            compilerWarmUp = _compilerWarmUp;
            _cellsRunning++;
            _lastCellActivity = Environment.TickCount64;
            // The cell has the CPU first: a warm-up of completion that is under way stops, and starts
            // over once the session is idle again.
            _editorWarmUpCancellation?.Cancel();
        }

        try
        {
            if (compilerWarmUp is { IsCompleted: false })
            {
                // Warming up does the same work the first cell needs: finish it rather than compete with it.
                await compilerWarmUp.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }

            return await ExecuteCellAsync(request, count, publisher, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _cellsRunning--;
                _lastCellActivity = Environment.TickCount64;
            }
        }
    }

    private async Task<ExecutionOutcome> ExecuteCellAsync(ExecutionRequest request, int count, IOutputPublisher publisher, CancellationToken cancellationToken)
    {
        using var context = new CellContext(publisher, cancellationToken, _workingDirectory) { Input = request.Input };
        context.Enter();
        if (_abandoned.Notice() is { } notice)
        {
            context.Stderr.Write(notice);
        }

        var run = new CellRun();
        // The cell runs on the thread pool so that a CPU-bound cell never holds the caller's thread.
        var running = Task.Run(
            () => CellMagics.RunAsync(request.Code, context, () => RunCellAsync(request.Code, count, context, run, cancellationToken), SessionVariables),
            CancellationToken.None);
        using var armed = CellRuntime.Arm(cancellationToken, running);
        var outcome = await WaitOrAbandonAsync(running, run, count, cancellationToken).ConfigureAwait(false);
        context.FlushStreams();
        return outcome with { Payload = context.TakePayloads() is { Count: > 0 } payloads ? payloads : null };
    }

    /// <summary>Whether a variable declared again in a later cell lets go of its earlier value (<see cref="ShadowedVariables"/>); off only to measure the difference.</summary>
    internal bool ReleaseShadowedVariables { get; set; } = true;

    /// <summary>How long an interrupted cell may take to stop before the session gives up waiting for it.</summary>
    /// <remarks>
    /// Cell code stops at its next check (<see cref="InterruptRewriter"/>), within microseconds; what may take
    /// longer is code it called that never checks. Jupyter's promise is a reply within a second of the interrupt.
    /// </remarks>
    internal TimeSpan InterruptGracePeriod { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>
    /// Waits for the cell; once interrupted, waits at most <see cref="InterruptGracePeriod"/> more. A cell
    /// still running then (in code that never checks for an interrupt) is left running in the background,
    /// said so to the frontend and to every later cell while it runs, and its state dropped, so the session
    /// goes on from the cell before it.
    /// </summary>
    private async Task<ExecutionOutcome> WaitOrAbandonAsync(Task<ExecutionOutcome> running, CellRun run, int count, CancellationToken cancellationToken)
    {
        var interrupted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => interrupted.TrySetResult()))
        {
            if (await Task.WhenAny(running, interrupted.Task).ConfigureAwait(false) == running)
            {
                return await running.ConfigureAwait(false);
            }
        }

        if (await Task.WhenAny(running, Task.Delay(InterruptGracePeriod, CancellationToken.None)).ConfigureAwait(false) == running)
        {
            return await running.ConfigureAwait(false);
        }

        lock (_gate)
        {
            if (!run.Finished)
            {
                run.Abandoned = true;
            }
        }

        if (!run.Abandoned)
        {
            return await running.ConfigureAwait(false);
        }

        _abandoned.Add(count, running);
        var message = AbandonedCells.Message(count);
        return new ExecutionOutcome(ExecutionStatus.Aborted, count, null, new ErrorInfo(nameof(OperationCanceledException), message, [$"OperationCanceledException: {message}"]));
    }

    /// <inheritdoc />
    public Task<CompletionOutcome> CompleteAsync(string code, int cursorPosition, CancellationToken cancellationToken)
    {
        var cell = DirectiveParser.Parse(code ?? "");
        return _workspace.Value.CompleteAsync(PriorCells(), CompletionReferences(), cell.Code, cursorPosition, cancellationToken);
    }

    /// <inheritdoc />
    public Task<InspectionOutcome> InspectAsync(string code, int cursorPosition, int detailLevel, CancellationToken cancellationToken)
    {
        var cell = DirectiveParser.Parse(code ?? "");
        return _workspace.Value.InspectAsync(PriorCells(), CompletionReferences(), cell.Code, cursorPosition, cancellationToken);
    }

    /// <inheritdoc />
    public IsCompleteOutcome IsComplete(string code)
    {
        var cell = DirectiveParser.Parse(code ?? "");
        if (cell.Error is not null)
        {
            return new IsCompleteOutcome("invalid");
        }

        if (string.IsNullOrWhiteSpace(cell.Code))
        {
            return new IsCompleteOutcome("complete");
        }

        var tree = SyntaxFactory.ParseSyntaxTree(cell.Code, ScriptParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            return new IsCompleteOutcome("incomplete", NextIndent(cell.Code));
        }

        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? new IsCompleteOutcome("invalid")
            : new IsCompleteOutcome("complete");
    }

    /// <inheritdoc />
    public void WarmUp(bool editorServices)
    {
        lock (_gate)
        {
            if (_warmUp is not null)
            {
                return;
            }

            // A throwaway submission compiled, emitted and run like a first cell, so the first real cell
            // finds Roslyn jitted (the first cell waits for this rather than compete with it).
            var compiled = Task.Run(async () =>
            {
                var warm = await CSharpScript.Create("var warm = 6 * 7;", _options, typeof(ScriptGlobals), _loader).RunAsync(_globals).ConfigureAwait(false);
                ValueFormatter.ToBundle(42);
                return warm;
            });
            _compilerWarmUp = compiled;
            _warmUp = editorServices ? Task.Run(() => WarmUpEditorServicesAsync(compiled)) : compiled;
        }
    }

    /// <summary>
    /// How long the session must have been without a running cell before completion is warmed up. Cells
    /// sent one after another (Run All, the headless runner) leave no such gap; a learner reading between
    /// cells does.
    /// </summary>
    internal TimeSpan IdleBeforeEditorWarmUp { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many editor warm-ups a starting cell has cancelled (for tests).</summary>
    internal int EditorWarmUpsCancelled { get; private set; }

    /// <summary>Whether an editor warm-up is under way now (for tests).</summary>
    internal bool EditorWarmUpRunning
    {
        get
        {
            lock (_gate)
            {
                return _editorWarmUpCancellation is not null;
            }
        }
    }

    /// <summary>Whether completion's workspace has been made (by a request or by the editor warm-up).</summary>
    internal bool EditorServicesStarted => _workspace.IsValueCreated;

    /// <summary>
    /// A continuing submission, completion and inspection (a few seconds of CPU), done only while the session
    /// is idle. On a two-core machine it would otherwise take a core from a cell that trains a network;
    /// a cell that starts cancels it (<see cref="ExecuteAsync"/>), and it starts over at the next idle moment.
    /// </summary>
    private async Task WarmUpEditorServicesAsync(Task<ScriptState<object>> compiled)
    {
        var warm = await compiled.ConfigureAwait(false);
        while (true)
        {
            using var cancellation = new CancellationTokenSource();
            bool? started;
            while ((started = TryStartEditorWarmUp(cancellation)) == false)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }

            if (started is null)
            {
                return;   // the session was disposed
            }

            try
            {
                var probe = await warm.ContinueWithAsync("warm.ToString() + \"!\"", _options, cancellation.Token).ConfigureAwait(false);
                ValueFormatter.ToBundle(probe.ReturnValue);
                await CompleteAsync("Math.Sqr", 8, cancellation.Token).ConfigureAwait(false);
                await InspectAsync("Math.Sqrt", 9, 0, cancellation.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // a cell started (or the session was disposed): wait for the next idle moment
                EditorWarmUpsCancelled++;
            }
            finally
            {
                lock (_gate)
                {
                    _editorWarmUpCancellation = null;
                }
            }
        }
    }

    /// <summary>Starts the editor warm-up if the session is idle: true; not idle yet: false; disposed: null.</summary>
    private bool? TryStartEditorWarmUp(CancellationTokenSource cancellation)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return null;
            }

            if (_cellsRunning > 0 || Environment.TickCount64 - _lastCellActivity < IdleBeforeEditorWarmUp.TotalMilliseconds)
            {
                return false;
            }

            _editorWarmUpCancellation = cancellation;
            return true;
        }
    }

    /// <summary>Waits for <see cref="WarmUp"/> to finish (for measurements and tests); returns at once if it was never started.</summary>
    public Task WarmUpCompletion
    {
        get
        {
            lock (_gate)
            {
                return _warmUp ?? Task.CompletedTask;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;   // ends the editor warm-up's wait for an idle moment
            _editorWarmUpCancellation?.Cancel();
        }

        if (_workspace.IsValueCreated)
        {
            _workspace.Value.Dispose();
        }

        _loader.Dispose();
    }

    private async Task<ExecutionOutcome> RunCellAsync(string code, int count, CellContext context, CellRun run, CancellationToken cancellationToken)
    {
        var cell = DirectiveParser.Parse(code);
        if (cell.Error is not null)
        {
            return Failed(count, new ErrorInfo(ErrorTranslator.DirectiveError, cell.Error, [cell.Error]));
        }

        try
        {
            await ApplyDirectivesAsync(cell.Directives, context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted(count);
        }
        catch (DirectiveException e)
        {
            return Failed(count, new ErrorInfo(ErrorTranslator.DirectiveError, e.Message, [e.Message]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            var message = $"{cell.Directives.FirstOrDefault()?.Text}: {e.Message}";
            return Failed(count, new ErrorInfo(ErrorTranslator.DirectiveError, message, [message]));
        }

        if (string.IsNullOrWhiteSpace(cell.Code))
        {
            return new ExecutionOutcome(ExecutionStatus.Ok, count, null, null);
        }

        ScriptState<object>? state;
        lock (_gate)
        {
            state = _state;
        }

        // The first cell that has code starts the chain of submissions; every later one continues it.
        var options = _options.WithFilePath($"cell{count}");
        var (script, diagnostics) = InterruptibleCompilation.Compile(
            cell.Code,
            code => state is null ? CSharpScript.Create(code, options, typeof(ScriptGlobals), _loader) : state.Script.ContinueWith(code, options),
            cancellationToken);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return Failed(count, ErrorTranslator.FromDiagnostics(diagnostics));
        }

        ScriptState<object> next;
        try
        {
            next = state is null
                ? await script.RunAsync(_globals, _ => true, CancellationToken.None).ConfigureAwait(false)
                : await script.RunFromAsync(state, _ => true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CompilationErrorException e)
        {
            return Failed(count, ErrorTranslator.FromDiagnostics(e.Diagnostics));
        }

        lock (_gate)
        {
            run.Finished = true;
            if (run.Abandoned)
            {
                return Interrupted(count);
            }

            _state = next;
            _priorCells.Add(cell.Code);
        }

        if (ReleaseShadowedVariables)
        {
            _shadowed.Release(next);   // a variable declared again lets go of its earlier value, as on rebinding in IPython
        }

        if (next.Exception is { } exception)
        {
            context.FlushStreams();
            return cancellationToken.IsCancellationRequested && IsCancellation(exception)
                ? Interrupted(count)
                : Failed(count, ErrorTranslator.FromException(exception));
        }

        if (!EndsWithExpression(script) || next.ReturnValue is null)
        {
            return new ExecutionOutcome(ExecutionStatus.Ok, count, null, null);
        }

        try
        {
            return new ExecutionOutcome(ExecutionStatus.Ok, count, ValueFormatter.ToBundle(next.ReturnValue), null);
        }
        catch (Exception e)
        {
            // A formatter that throws (a user's, or a library's) is the cell's error, not the kernel's.
            return Failed(count, ErrorTranslator.FromException(e));
        }
    }

    private async Task ApplyDirectivesAsync(IReadOnlyList<Directive> directives, CellContext context, CancellationToken cancellationToken)
    {
        var added = new List<string>();
        foreach (var source in directives.Where(d => d.Kind == DirectiveKind.PackageSource))
        {
            if (!_packageSources.Contains(source.Value, StringComparer.Ordinal))
            {
                _packageSources.Add(source.Value);
            }
        }

        foreach (var reference in directives.Where(d => d.Kind == DirectiveKind.AssemblyReference))
        {
            var path = Path.GetFullPath(Path.Combine(_workingDirectory, reference.Value));
            if (!File.Exists(path))
            {
                throw new DirectiveException($"#r on line {reference.Line}: file not found: {path} (\"{reference.Value}\" relative to {_workingDirectory})");
            }

            added.Add(path);
        }

        var packages = directives.Where(d => d.Kind == DirectiveKind.PackageReference).Select(d => new NuGetPackage(d.Value, d.Version)).ToList();
        if (packages.Count > 0)
        {
            var wanted = _packages.Where(p => !packages.Any(n => string.Equals(n.Id, p.Id, StringComparison.OrdinalIgnoreCase))).Concat(packages).ToList();
            string folder;
            try
            {
                folder = await _nuget.RestoreAsync(wanted, _packageSources, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                throw new DirectiveException(e.Message);
            }

            _packages.Clear();
            _packages.AddRange(wanted);
            AssemblyResolution.AddProbeDirectory(folder);
            added.AddRange(NuGetRestorer.ManagedAssemblies(folder));
        }

        var newReferences = new List<MetadataReference>();
        foreach (var path in added)
        {
            Assembly assembly;
            string referencePath;
            string? warning;
            try
            {
                (assembly, referencePath, warning) = AssemblyResolution.Load(path);
            }
            catch (BadImageFormatException)
            {
                throw new DirectiveException($"#r: {path} is not a .NET assembly");
            }
            catch (FileLoadException e)
            {
                throw new DirectiveException($"#r: {path} could not be loaded: {e.Message}");
            }

            if (warning is not null)
            {
                context.Stderr.Write(warning);
            }

            if (_referencedPaths.Add(referencePath))
            {
                newReferences.Add(AssemblyResolution.Reference(referencePath));
            }

            // Module initializers register formatters (Backprop.dll's do): run them as soon as the assembly is referenced.
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
        }

        if (newReferences.Count > 0)
        {
            lock (_gate)
            {
                _references = [.. _references, .. newReferences];
                _options = _options.AddReferences(newReferences);
            }
        }
    }

    private IReadOnlyList<MetadataReference> CompletionReferences()
    {
        lock (_gate)
        {
            if (!ReferenceEquals(_completionReferencesFor, _references))
            {
                _completionReferences = [.. FrameworkReferences.ForCompletion(), .. _references];
                _completionReferencesFor = _references;
            }

            return _completionReferences!;
        }
    }

    /// <summary>The variables the session's cells have declared (a name declared again appears again), for #!who and #!whos.</summary>
    private IReadOnlyList<ScriptVariable> SessionVariables()
    {
        lock (_gate)
        {
            return _state?.Variables ?? [];
        }
    }

    private IReadOnlyList<string> PriorCells()
    {
        lock (_gate)
        {
            return _priorCells.ToList();
        }
    }

    private static bool EndsWithExpression(Script script)
    {
        var tree = script.GetCompilation().SyntaxTrees.LastOrDefault();
        return tree?.GetRoot() is CompilationUnitSyntax root
            && root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            && statement.SemicolonToken.IsMissing;
    }

    private static string NextIndent(string code)
    {
        var lastLine = code.TrimEnd('\n', '\r').Split('\n').LastOrDefault(l => l.Trim().Length > 0) ?? "";
        var indent = lastLine[..(lastLine.Length - lastLine.TrimStart().Length)];
        return lastLine.TrimEnd().EndsWith('{') || lastLine.TrimEnd().EndsWith('(') ? indent + "    " : indent;
    }

    private static bool IsCancellation(Exception exception) =>
        exception is OperationCanceledException
        || (exception is AggregateException aggregate && aggregate.Flatten().InnerExceptions.All(e => e is OperationCanceledException));

    private static ExecutionOutcome Failed(int count, ErrorInfo error) => new(ExecutionStatus.Error, count, null, error);

    private static ExecutionOutcome Interrupted(int count) =>
        new(ExecutionStatus.Aborted, count, null, new ErrorInfo(nameof(OperationCanceledException), "cell interrupted", ["OperationCanceledException: cell interrupted"]));
}
