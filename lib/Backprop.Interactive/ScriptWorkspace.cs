using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Host.Mef;
using Microsoft.CodeAnalysis.QuickInfo;
using Microsoft.CodeAnalysis.Text;

namespace Backprop.Interactive;

/// <summary>
/// Completion and inspection for the session: a Roslyn workspace with one script document holding
/// the cells run so far (their usings first) followed by the code being typed.
/// </summary>
internal sealed class ScriptWorkspace : IDisposable
{
    private readonly AdhocWorkspace _workspace = new(MefHostServices.DefaultHost);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ProjectId _projectId;
    private readonly DocumentId _documentId;
    private IReadOnlyList<MetadataReference> _references;

    public ScriptWorkspace(IReadOnlyList<MetadataReference> references, IEnumerable<string> imports, Type globalsType)
    {
        _references = references;
        _projectId = ProjectId.CreateNewId();
        _documentId = DocumentId.CreateNewId(_projectId);
        var project = ProjectInfo.Create(
            _projectId,
            VersionStamp.Create(),
            "Notebook",
            "Notebook",
            LanguageNames.CSharp,
            isSubmission: true,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: imports),
            parseOptions: CSharpInterpreter.ScriptParseOptions,
            metadataReferences: references,
            hostObjectType: globalsType);
        var solution = _workspace.CurrentSolution
            .AddProject(project)
            .AddDocument(DocumentInfo.Create(_documentId, "cell.csx", sourceCodeKind: SourceCodeKind.Script,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(""), VersionStamp.Create()))));
        _workspace.TryApplyChanges(solution);
    }

    public async Task<CompletionOutcome> CompleteAsync(
        IReadOnlyList<string> priorCells, IReadOnlyList<MetadataReference> references, string code, int cursor, CancellationToken cancellationToken)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (document, offset) = Prepare(priorCells, references, code);
            var service = CompletionService.GetService(document);
            if (service is null)
            {
                return new CompletionOutcome([], cursor, cursor, new JsonObject());
            }

            var position = offset + cursor;
            var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken).ConfigureAwait(false);
            var start = Math.Clamp(list.Span.Start - offset, 0, cursor);
            var prefix = code[start..cursor];
            var items = list.ItemsList
                .Where(i => i.FilterText.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                .OrderBy(i => i.FilterText.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(i => i.SortText, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var matches = items.Select(i => i.DisplayText).Distinct().ToList();
            var types = new JsonArray(items
                .DistinctBy(i => i.DisplayText)
                .Select(i => (JsonNode)new JsonObject
                {
                    ["start"] = start,
                    ["end"] = cursor,
                    ["text"] = i.DisplayText,
                    ["type"] = (i.Tags.FirstOrDefault() ?? "text").ToLowerInvariant(),
                })
                .ToArray());
            return new CompletionOutcome(matches, start, cursor, new JsonObject { ["_jupyter_types_experimental"] = types });
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<InspectionOutcome> InspectAsync(
        IReadOnlyList<string> priorCells, IReadOnlyList<MetadataReference> references, string code, int cursor, CancellationToken cancellationToken)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (document, offset) = Prepare(priorCells, references, code);
            var service = QuickInfoService.GetService(document);
            if (service is null)
            {
                return new InspectionOutcome(false, null);
            }

            var info = await service.GetQuickInfoAsync(document, offset + cursor, cancellationToken).ConfigureAwait(false);
            if (info is null && cursor > 0)
            {
                info = await service.GetQuickInfoAsync(document, offset + cursor - 1, cancellationToken).ConfigureAwait(false);
            }

            if (info is null || info.Sections.IsEmpty)
            {
                return new InspectionOutcome(false, null);
            }

            var description = info.Sections.FirstOrDefault(s => s.Kind == QuickInfoSectionKinds.Description)?.Text;
            var rest = info.Sections
                .Where(s => s.Kind != QuickInfoSectionKinds.Description && !string.IsNullOrWhiteSpace(s.Text))
                .Select(s => s.Text.Trim());
            var text = string.Join("\n\n", new[] { description?.Trim() }.Concat(rest).Where(t => !string.IsNullOrEmpty(t)));
            return new InspectionOutcome(true, MimeBundle.PlainText(text));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The previous cells as one script: every using directive first (scripts need them on top), then the cells' statements.</summary>
    internal static string PriorCode(IReadOnlyList<string> cells)
    {
        var usings = new List<string>();
        var bodies = new List<string>();
        foreach (var cell in cells)
        {
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(cell, CSharpInterpreter.ScriptParseOptions).GetRoot();
            usings.AddRange(root.Usings.Select(u => u.ToString()));
            var bodyStart = root.Usings.Count > 0 ? root.Usings.Last().FullSpan.End : 0;
            bodies.Add(cell[bodyStart..]);
        }

        return string.Concat(usings.Distinct().Select(u => u + "\n")) + string.Concat(bodies.Select(b => b + "\n;\n"));
    }

    private (Document Document, int Offset) Prepare(IReadOnlyList<string> priorCells, IReadOnlyList<MetadataReference> references, string code)
    {
        var prior = PriorCode(priorCells);
        var solution = _workspace.CurrentSolution;
        if (!ReferenceEquals(references, _references))
        {
            solution = solution.WithProjectMetadataReferences(_projectId, references);
            _references = references;
        }

        solution = solution.WithDocumentText(_documentId, SourceText.From(prior + code));
        _workspace.TryApplyChanges(solution);
        return (_workspace.CurrentSolution.GetDocument(_documentId)!, prior.Length);
    }

    public void Dispose()
    {
        _workspace.Dispose();
        _gate.Dispose();
    }
}
