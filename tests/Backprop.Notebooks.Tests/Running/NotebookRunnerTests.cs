using Backprop.Notebooks.Model;
using Backprop.Notebooks.Running;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Running;

public sealed class NotebookRunnerTests
{
    private readonly List<FakeInterpreter> interpreters = new();

    private NotebookRunOptions Options(bool check = false, TimeSpan? timeout = null) => new()
    {
        Check = check,
        CellTimeout = timeout ?? TimeSpan.FromMinutes(1),
        CancelGrace = TimeSpan.FromMilliseconds(200),
        CreateInterpreter = directory =>
        {
            var fake = new FakeInterpreter(directory);
            interpreters.Add(fake);
            return fake;
        },
    };

    [Fact]
    public async Task Run_writes_outputs_and_execution_counts_back_into_the_file()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# Title", "out hello\nout world\nresult 42", "display - chart"));

        var result = await NotebookRunner.RunAsync(path, Options(), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(result.Written);
        var saved = NotebookDocument.Load(path);
        var first = saved.Cells[1];
        Assert.Equal(1, first.ExecutionCount);
        Assert.Collection(first.Outputs,
            o => Assert.Equal(("stdout", "hello\nworld\n"), (((StreamOutput)o).Name, ((StreamOutput)o).Text)),
            o => Assert.Equal("42", (string?)Assert.IsType<ExecuteResultOutput>(o).Data["text/plain"]));
        Assert.Equal(1, ((ExecuteResultOutput)first.Outputs[1]).ExecutionCount);
        Assert.Equal(2, saved.Cells[2].ExecutionCount);
        Assert.Equal("<b>chart</b>", (string?)Assert.IsType<DisplayDataOutput>(Assert.Single(saved.Cells[2].Outputs)).Data["text/html"]);
    }

    [Fact]
    public async Task Each_notebook_gets_a_fresh_interpreter_working_in_the_notebook_folder_and_disposed_after()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("out a"));

        await NotebookRunner.RunAsync(path, Options(), CancellationToken.None);
        await NotebookRunner.RunAsync(path, Options(), CancellationToken.None);

        Assert.Equal(2, interpreters.Count);
        Assert.All(interpreters, i => Assert.Equal(Path.GetDirectoryName(path), i.WorkingDirectory));
        Assert.All(interpreters, i => Assert.True(i.Disposed));
    }

    [Fact]
    public async Task A_second_run_with_the_same_outputs_leaves_the_file_byte_identical()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# 제목", "out 안녕\nresult 1", "display d x\nupdate d y"));
        await NotebookRunner.RunAsync(path, Options(), CancellationToken.None);
        var first = File.ReadAllBytes(path);

        var again = await NotebookRunner.RunAsync(path, Options(), CancellationToken.None);

        Assert.False(again.Written);
        Assert.Equal(first, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Consecutive_stream_text_of_one_name_is_merged_and_other_names_break_the_run()
    {
        var notebook = NotebookBuilder.Create("out a\nout b\nerr c\nout d");

        await NotebookRunner.ExecuteAsync(notebook, ".", "n", Options(), CancellationToken.None);

        Assert.Equal(
            new[] { ("stdout", "a\nb\n"), ("stderr", "c\n"), ("stdout", "d\n") },
            notebook.Cells[0].Outputs.Cast<StreamOutput>().Select(s => (s.Name, s.Text)));
    }

    [Fact]
    public async Task Update_display_replaces_the_earlier_display_in_place_even_in_an_earlier_cell()
    {
        var notebook = NotebookBuilder.Create("out before\ndisplay progress epoch-1\nout after\nupdate progress epoch-2", "update progress epoch-3\nout next");

        await NotebookRunner.ExecuteAsync(notebook, ".", "n", Options(), CancellationToken.None);

        var outputs = notebook.Cells[0].Outputs;
        Assert.Equal(3, outputs.Count);
        Assert.Equal("epoch-3", (string?)Assert.IsType<DisplayDataOutput>(outputs[1]).Data["text/plain"]);
        Assert.Equal("after\n", Assert.IsType<StreamOutput>(outputs[2]).Text);
        Assert.Equal("next\n", Assert.IsType<StreamOutput>(Assert.Single(notebook.Cells[1].Outputs)).Text);
    }

    [Fact]
    public async Task Clear_output_removes_earlier_outputs_now_or_at_the_next_output_when_waiting()
    {
        var notebook = NotebookBuilder.Create("out a\nclear\nout b", "out a\nclear-wait\nout b", "out a\nclear-wait");

        await NotebookRunner.ExecuteAsync(notebook, ".", "n", Options(), CancellationToken.None);

        Assert.Equal("b\n", Assert.IsType<StreamOutput>(Assert.Single(notebook.Cells[0].Outputs)).Text);
        Assert.Equal("b\n", Assert.IsType<StreamOutput>(Assert.Single(notebook.Cells[1].Outputs)).Text);
        Assert.Equal("a\n", Assert.IsType<StreamOutput>(Assert.Single(notebook.Cells[2].Outputs)).Text);
    }

    [Fact]
    public async Task A_failing_cell_stops_the_run_reports_its_number_and_leaves_the_file_unchanged()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# T", "out ok", "md:text", "throw DivideByZeroException Attempted to divide by zero.", "out never"));
        var before = File.ReadAllBytes(path);

        var result = await NotebookRunner.RunAsync(path, Options(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.Written);
        Assert.Equal(before, File.ReadAllBytes(path));
        var failure = result.Failure!;
        Assert.Equal(4, failure.CellNumber);
        Assert.Equal(2, failure.CodeCellNumber);
        Assert.Equal("DivideByZeroException", failure.EName);
        Assert.Equal($"{path}: cell 4 (code cell 2) failed: DivideByZeroException: Attempted to divide by zero.", failure.Message);
        Assert.Equal(new[] { "out ok", "throw DivideByZeroException Attempted to divide by zero." }, interpreters[0].Executed);
        Assert.Equal(2, result.Cells.Count);
    }

    [Fact]
    public async Task A_cell_over_the_timeout_is_cancelled_and_reported_and_the_file_is_unchanged()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("out ok", "hang", "out never"));
        var before = File.ReadAllBytes(path);

        var result = await NotebookRunner.RunAsync(path, Options(timeout: TimeSpan.FromMilliseconds(100)), CancellationToken.None);

        Assert.Equal(before, File.ReadAllBytes(path));
        var failure = result.Failure!;
        Assert.True(failure.TimedOut);
        Assert.Equal(2, failure.CellNumber);
        Assert.Equal("TimeoutError", failure.EName);
        Assert.Contains("timed out", failure.Message);
        Assert.Equal(CellRunStatus.TimedOut, result.Cells[^1].Status);
    }

    [Fact]
    public async Task A_cell_that_ignores_cancellation_is_abandoned_after_the_grace_period()
    {
        var notebook = NotebookBuilder.Create("hang-deaf", "out never");

        var result = await NotebookRunner.ExecuteAsync(notebook, ".", "n", Options(timeout: TimeSpan.FromMilliseconds(50)), CancellationToken.None);

        Assert.True(result.Failure!.TimedOut);
        Assert.Single(result.Cells);
    }

    [Fact]
    public async Task Check_executes_every_cell_without_writing()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("out a", "out b"));
        var before = File.ReadAllBytes(path);

        var result = await NotebookRunner.RunAsync(path, Options(check: true), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(result.Written);
        Assert.Equal(2, interpreters[0].Executed.Count);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Blank_code_cells_are_not_executed_and_keep_no_count()
    {
        var notebook = NotebookBuilder.Create("out a", "  \n", "out b");

        var result = await NotebookRunner.ExecuteAsync(notebook, ".", "n", Options(), CancellationToken.None);

        Assert.Equal(new[] { CellRunStatus.Ok, CellRunStatus.Skipped, CellRunStatus.Ok }, result.Cells.Select(c => c.Status));
        Assert.Null(notebook.Cells[1].ExecutionCount);
        Assert.Equal(2, notebook.Cells[2].ExecutionCount);
    }

    [Fact]
    public async Task A_notebook_with_no_code_cells_is_a_clear_error()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("md:# Only prose"), "prose.ipynb");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => NotebookRunner.RunAsync(path, Options(), CancellationToken.None));

        Assert.Equal($"{path}: the notebook has no code cells, so there is nothing to run", error.Message);
    }

    [Fact]
    public async Task Malformed_json_is_reported_with_file_and_line_before_anything_runs()
    {
        var path = Path.Combine(Fixture.NewFolder(), "bad.ipynb");
        File.WriteAllText(path, "{\n \"cells\": [\n");

        var error = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(path, Options(), CancellationToken.None));

        Assert.StartsWith($"{path}:3:", error.Message);
        Assert.Empty(interpreters);
    }

    [Fact]
    public async Task A_cell_in_another_polyglot_language_is_rejected_naming_the_cell()
    {
        var notebook = NotebookBuilder.Create("out a", "Write-Host hi");
        notebook.Cells[1].Metadata["polyglot_notebook"]!["kernelName"] = "pwsh";

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => NotebookRunner.ExecuteAsync(notebook, ".", "n.ipynb", Options(), CancellationToken.None));

        Assert.Equal("n.ipynb: cell 2 (code cell 2) is a pwsh cell; only C# cells run here", error.Message);
    }

    [Fact]
    public async Task Running_keeps_the_polyglot_metadata()
    {
        var path = NotebookBuilder.Save(NotebookBuilder.Create("out a"));

        await NotebookRunner.RunAsync(path, Options(), CancellationToken.None);

        var saved = NotebookDocument.Load(path);
        Assert.Equal(".net-csharp", (string?)saved.Metadata["kernelspec"]?["name"]);
        Assert.Equal("csharp", PolyglotMetadata.KernelNameOf(saved.Cells[0]));
        Assert.Equal("cell-1", saved.Cells[0].Id);
    }

    [Fact]
    public void Folders_expand_to_their_notebooks_in_name_order_skipping_checkpoints()
    {
        var folder = Fixture.NewFolder();
        foreach (var name in new[] { "b.ipynb", "a.ipynb", "notes.txt", ".ipynb_checkpoints/a-checkpoint.ipynb" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(folder, name))!);
            File.WriteAllText(Path.Combine(folder, name), "{}");
        }

        var found = NotebookPaths.Expand(new[] { folder });

        Assert.Equal(new[] { "a.ipynb", "b.ipynb" }, found.Select(Path.GetFileName));
    }
}
