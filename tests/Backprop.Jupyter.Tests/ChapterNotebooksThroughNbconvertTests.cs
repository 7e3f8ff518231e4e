using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Backprop.Jupyter.Tests;

/// <summary>
/// Every chapter notebook in notebooks/ runs under <c>jupyter nbconvert --execute</c> through the
/// installed kernel, asked for by the notebooks' own Polyglot kernelspec name (.net-csharp).
/// </summary>
public sealed class ChapterNotebooksThroughNbconvertTests
{
    [RequiresNbconvertFact]
    public void Nbconvert_executes_every_chapter_notebook_without_error()
    {
        var notebooks = Directory.GetFiles(Path.Combine(Checkout.Root(), "notebooks"), "*.ipynb").Order().ToArray();
        Assert.Equal(7, notebooks.Length);
        using var folder = new TempDirectory();
        var install = CliRun.Of("kernel", "install", "--prefix", folder.Path);
        Assert.True(install.ExitCode == 0, install.Error);
        var output = Path.Combine(folder.Path, "executed");
        var mimeTypes = new HashSet<string>();

        foreach (var notebook in notebooks)
        {
            var start = new ProcessStartInfo(RequiresNbconvertFactAttribute.Nbconvert,
                ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=1800", "--output-dir", output, notebook])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetDirectoryName(notebook)!,
            };
            start.Environment["JUPYTER_PATH"] = Path.Combine(folder.Path, "share", "jupyter");
            start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(folder.Path, "runtime");
            using var nbconvert = Process.Start(start)!;
            var stdout = nbconvert.StandardOutput.ReadToEndAsync();
            var stderr = nbconvert.StandardError.ReadToEndAsync();
            nbconvert.WaitForExit();
            Assert.True(nbconvert.ExitCode == 0, $"{Path.GetFileName(notebook)}: {stderr.Result}{stdout.Result}");

            var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, Path.GetFileName(notebook))))!;
            var code = executed["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToList();
            Assert.All(code, c => Assert.NotNull(c!["execution_count"]?.GetValue<int>()));
            Assert.DoesNotContain(code.SelectMany(c => c!["outputs"]!.AsArray()), o => o!["output_type"]!.GetValue<string>() == "error");
            Assert.Equal(".net-csharp", executed["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
            foreach (var o in code.SelectMany(c => c!["outputs"]!.AsArray()))
            {
                mimeTypes.UnionWith(o!["data"]?.AsObject().Select(kv => kv.Key) ?? []);
            }
        }

        // the kernel process shows the library's values with its formatters: charts, matrices as tables, digits as images
        Assert.Contains("application/vnd.plotly.v1+json", mimeTypes);
        Assert.Contains("image/png", mimeTypes);
    }
}
