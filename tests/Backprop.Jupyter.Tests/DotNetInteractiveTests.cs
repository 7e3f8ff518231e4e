using System.Diagnostics;

namespace Backprop.Jupyter.Tests;

/// <summary>
/// A chapter notebook opened on the deprecated .NET Interactive kernel (whose kernelspec is the
/// <c>.net-csharp</c> the notebooks' metadata asks for) stops in its setup cell with one line saying
/// what to do, before the errors that would follow there.
/// </summary>
public sealed class DotNetInteractiveTests
{
    [RequiresDotNetInteractiveFact]
    public void On_NET_Interactive_notebook_01_stops_in_its_setup_cell_saying_which_kernel_to_install()
    {
        var tool = RequiresDotNetInteractiveFactAttribute.Tool()
            ?? throw new InvalidOperationException("CI=true but the .NET Interactive tool was not found (BACKPROP_DOTNET_INTERACTIVE)");
        var notebook = Path.Combine(Checkout.Root(), "notebooks", "01-computational-graph.ipynb");
        using var folder = new TempDirectory();
        var kernels = Path.Combine(folder.Path, "jupyter", "kernels");
        Directory.CreateDirectory(kernels);
        var install = Run(tool, ["jupyter", "install", "--path", kernels], folder.Path, folder, Path.GetDirectoryName(tool)!);
        Assert.True(install.ExitCode == 0, install.Output);
        Assert.True(File.Exists(Path.Combine(kernels, ".net-csharp", "kernel.json")), install.Output);

        var run = Run(RequiresNbconvertFactAttribute.Nbconvert,
            ["--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=600", "--output-dir", Path.Combine(folder.Path, "executed"), notebook],
            Path.GetDirectoryName(notebook)!, folder, Path.GetDirectoryName(tool)!);

        Assert.True(run.ExitCode != 0, "the setup cell must stop the run");
        Assert.Contains("System.NotSupportedException: " + KernelCheck.WrongKernelMessage, run.Output);
        Assert.Contains("at Backprop.KernelCheck.RequireBackpropKernel()", run.Output);
        Assert.DoesNotContain("CS1061", run.Output);
        Assert.DoesNotContain("TypeInitializationException", run.Output);
    }

    private static (int ExitCode, string Output) Run(string program, string[] arguments, string workingDirectory, TempDirectory folder, string toolDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.Environment["JUPYTER_PATH"] = Path.Combine(folder.Path, "jupyter");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(folder.Path, "runtime");
        // the kernelspec starts `dotnet interactive`, which the dotnet command finds as dotnet-interactive on PATH
        start.Environment["PATH"] = toolDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stderr.Result + stdout.Result);
    }
}
