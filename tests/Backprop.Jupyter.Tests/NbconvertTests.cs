using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

public sealed class NbconvertTests
{
    private const string PolyglotNotebook = """
        {
         "cells": [
          {"cell_type": "code", "execution_count": null, "id": "a1",
           "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}},
           "outputs": [], "source": ["#!csharp\n", "var x = 6;\n", "Console.WriteLine(\"hello\");\n", "x * 7"]},
          {"cell_type": "code", "execution_count": null, "id": "a2",
           "metadata": {"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}},
           "outputs": [], "source": ["var progress = display(\"step 1\");\n", "progress.Update(\"step 2\");"]}
         ],
         "metadata": {
          "kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"},
          "language_info": {"name": "C#"},
          "polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"name": "csharp"}]}}
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """;

    [RequiresNbconvertFact]
    public void Nbconvert_runs_a_polyglot_notebook_through_the_kernel_installed_as_net_csharp()
    {
        using var folder = new TempDirectory();
        var install = CliRun.Of("kernel", "install", "--prefix", folder.Path);
        Assert.True(install.ExitCode == 0, install.Error);
        var notebook = Path.Combine(folder.Path, "polyglot.ipynb");
        File.WriteAllText(notebook, PolyglotNotebook);

        var start = new ProcessStartInfo(RequiresNbconvertFactAttribute.Nbconvert, ["--to", "notebook", "--execute", "--inplace", notebook])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["JUPYTER_PATH"] = Path.Combine(folder.Path, "share", "jupyter");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(folder.Path, "runtime");
        using var nbconvert = Process.Start(start)!;
        var stdout = nbconvert.StandardOutput.ReadToEndAsync();
        var stderr = nbconvert.StandardError.ReadToEndAsync();
        nbconvert.WaitForExit();
        Assert.True(nbconvert.ExitCode == 0, stderr.Result + stdout.Result);

        var executed = JsonNode.Parse(File.ReadAllText(notebook))!;
        var first = executed["cells"]![0]!;
        var second = executed["cells"]![1]!;
        Assert.Equal(1, first["execution_count"]!.GetValue<int>());
        Assert.Contains(first["outputs"]!.AsArray(), o => o!["output_type"]!.GetValue<string>() == "stream" && Text(o["text"]) == "hello\n");
        Assert.Contains(first["outputs"]!.AsArray(), o => o!["output_type"]!.GetValue<string>() == "execute_result" && Text(o["data"]!["text/plain"]) == "42");
        var display = Assert.Single(second["outputs"]!.AsArray());
        Assert.Equal("step 2", Text(display!["data"]!["text/plain"]));
        Assert.Equal(".net-csharp", executed["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", executed["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    /// <summary>nbformat stores multi-line text as a list of lines or as one string.</summary>
    private static string Text(JsonNode? node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node?.GetValue<string>() ?? "";
}
