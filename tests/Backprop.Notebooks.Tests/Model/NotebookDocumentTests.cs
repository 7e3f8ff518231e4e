using System.Text.Json.Nodes;
using Backprop.Notebooks.Model;
using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Model;

public sealed class NotebookDocumentTests
{
    [Theory]
    [InlineData("01-outputs.ipynb")]
    [InlineData("02-chart.ipynb")]
    public void Reading_and_writing_a_Jupyter_written_notebook_gives_the_same_bytes(string name)
    {
        var text = Fixture.Text(name);

        var written = NotebookDocument.Parse(text, name).ToJson();

        Assert.Equal(text, written);
    }

    [Fact]
    public void Polyglot_metadata_survives_a_round_trip()
    {
        var notebook = NotebookDocument.Parse(NotebookDocument.Parse(Fixture.Text("01-outputs.ipynb"), "x").ToJson(), "x");

        Assert.Equal(".net-csharp", (string?)notebook.Metadata["kernelspec"]?["name"]);
        Assert.Equal(".NET (C#)", (string?)notebook.Metadata["kernelspec"]?["display_name"]);
        Assert.Equal("C#", (string?)notebook.Metadata["kernelspec"]?["language"]);
        Assert.Equal("C#", (string?)notebook.Metadata["language_info"]?["name"]);
        Assert.Equal("csharp", (string?)notebook.Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
        Assert.Equal("csharp", (string?)notebook.Metadata["polyglot_notebook"]?["kernelInfo"]?["items"]?[0]?["name"]);
        var code = notebook.Cells.First(c => c.IsCode);
        Assert.Equal("csharp", PolyglotMetadata.KernelNameOf(code));
        Assert.Equal("csharp", (string?)code.Metadata["dotnet_interactive"]?["language"]);
        Assert.Equal("c1", code.Id);
    }

    [Fact]
    public void Cell_source_and_stream_text_are_joined_in_memory_and_split_into_lines_on_disk()
    {
        var notebook = NotebookDocument.Parse(Fixture.Text("01-outputs.ipynb"), "x");
        var code = notebook.Cells[1];

        Assert.StartsWith("#r \"../lib/Backprop/bin/Release/net8.0/Backprop.dll\"\nusing Backprop.Layers;\n", code.Source);
        var stream = Assert.IsType<StreamOutput>(Assert.Single(code.Outputs));
        Assert.Equal("loaded\nsecond line <b>not bold</b>\n", stream.Text);

        code.Source = "a\r\nb\nc";
        var written = JsonNode.Parse(notebook.ToJson())!["cells"]![1]!["source"]!.AsArray();
        Assert.Equal(new[] { "a\r\n", "b\n", "c" }, written.Select(n => (string)n!));
    }

    [Fact]
    public void Outputs_of_every_kind_are_read_with_their_fields()
    {
        var cells = NotebookDocument.Parse(Fixture.Text("01-outputs.ipynb"), "x").Cells;

        var html = Assert.IsType<DisplayDataOutput>(cells[2].Outputs[0]);
        Assert.StartsWith("<table><thead>", (string?)html.Data["text/html"]);
        var png = Assert.IsType<ExecuteResultOutput>(cells[3].Outputs[0]);
        Assert.Equal(3, png.ExecutionCount);
        Assert.StartsWith("iVBORw0KGgo", (string?)png.Data["image/png"]);
        var plot = Assert.IsType<DisplayDataOutput>(cells[4].Outputs[0]);
        Assert.IsType<JsonObject>(plot.Data[MimeTypes.Plotly]);
        var error = Assert.IsType<ErrorOutput>(cells[6].Outputs[1]);
        Assert.Equal("DivideByZeroException", error.EName);
        Assert.Equal("Attempted to divide by zero.", error.EValue);
        Assert.Equal(2, error.Traceback.Count);
    }

    [Fact]
    public void Unknown_keys_at_every_level_are_kept()
    {
        const string json = """
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {"tags": ["x"]}, "outputs": [
              {"output_type": "stream", "name": "stdout", "text": "hi", "vendor": 1}], "source": "", "custom": {"a": 1.50}}],
             "metadata": {"anything": {"deep": [1, 2e-05]}}, "nbformat": 4, "nbformat_minor": 4, "top": true}
            """;

        var again = JsonNode.Parse(NotebookDocument.Parse(json, "x").ToJson())!;

        Assert.Equal(true, (bool?)again["top"]);
        Assert.Equal("2e-05", again["metadata"]!["anything"]!["deep"]![1]!.ToJsonString());
        Assert.Equal("1.50", again["cells"]![0]!["custom"]!["a"]!.ToJsonString());
        Assert.Equal(1, (int?)again["cells"]![0]!["outputs"]![0]!["vendor"]);
        Assert.Equal("x", (string?)again["cells"]![0]!["metadata"]!["tags"]![0]);
    }

    [Fact]
    public void Written_json_escapes_like_python_and_keeps_non_ascii_text()
    {
        var notebook = new NotebookDocument { Metadata = PolyglotMetadata.ForNotebook() };
        notebook.Cells.Add(new NotebookCell("markdown", "따옴표 \"q\" \\ tab\t bell\u0007 <tag>"));

        var json = notebook.ToJson();

        Assert.Contains("\"따옴표 \\\"q\\\" \\\\ tab\\t bell\\u0007 <tag>\"", json);
        Assert.EndsWith("}\n", json);
        Assert.Contains("\n \"metadata\": {\n  \"kernelspec\": {\n   \"display_name\": \".NET (C#)\",", json);
    }

    [Fact]
    public void Malformed_json_names_the_file_line_and_position()
    {
        const string json = "{\n \"cells\": [\n  {\"cell_type\": \"code\",,}\n ]\n}";

        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse(json, "notebooks/broken.ipynb"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("notebooks/broken.ipynb:3:", error.Message);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "the top level is an array")]
    [InlineData("{\"cells\": []}", "it has no \"nbformat\" key")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "\"nbformat\" is the number 3, expected 4")]
    [InlineData("{\"nbformat\": 4, \"cells\": {}}", "\"cells\" is an object, expected a list")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"source\": \"x\"}]}", "cell 1 has no \"cell_type\"")]
    public void A_json_file_that_is_not_an_nbformat_4_notebook_is_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<NotebookFormatException>(() => NotebookDocument.Parse(json, "n.ipynb"));

        Assert.StartsWith("n.ipynb: ", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Save_replaces_the_file_and_leaves_no_temporary_file()
    {
        var path = Fixture.CopyToScratch("02-chart.ipynb");
        var notebook = NotebookDocument.Load(path);
        notebook.Cells[0].Source = "# Changed\n";

        notebook.Save(path);

        Assert.Equal("# Changed\n", NotebookDocument.Load(path).Cells[0].Source);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Loading_a_missing_file_names_it()
    {
        var error = Assert.Throws<FileNotFoundException>(() => NotebookDocument.Load("nowhere/none.ipynb"));

        Assert.Contains("nowhere/none.ipynb", error.Message);
    }
}
