using System.CommandLine;
using Backprop.Display;
using Backprop.Interactive;
using Backprop.Jupyter;
using Backprop.Jupyter.KernelSpecs;

namespace Backprop.Cli.Commands;

/// <summary>`backprop kernel run | install | list | uninstall`: the notebooks' C# Jupyter kernel.</summary>
public static class KernelCommand
{
    /// <summary>Our own kernelspec name.</summary>
    public const string KernelName = "backprop-csharp";

    /// <summary>The name Polyglot notebooks ask for in their metadata; we answer to it too unless another kernel owns it.</summary>
    public const string PolyglotKernelName = ".net-csharp";

    /// <summary>Builds the subcommand.</summary>
    public static Command Create()
    {
        var command = new Command("kernel", "The C# Jupyter kernel: run it, or install its kernelspec for Jupyter, VS Code and nbconvert");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateInstall());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateUninstall());
        return command;
    }

    private static Command CreateRun()
    {
        var connectionFile = new Option<string>("--connection-file", "-f")
        {
            Description = "The connection file the frontend wrote (kernel.json passes {connection_file})",
            Required = true,
        };
        var command = new Command("run", "Serve the Jupyter messaging protocol for one frontend until it shuts the kernel down");
        command.Options.Add(connectionFile);
        command.SetAction((parseResult, cancellationToken) => CommandFailure.RunAsync(parseResult, async () =>
        {
            var path = parseResult.GetValue(connectionFile)!;
            var connection = ConnectionInfo.Load(path);
            BackpropFormatters.Register();   // the notebooks' values shown as the library shows them (this process does not on load)
            _ = TrainingWarmUp.StartForTheChapter();   // the training step compiled on the second core meanwhile
            using var interpreter = new CSharpInterpreter(Environment.CurrentDirectory);
            JupyterKernel kernel;
            try
            {
                kernel = new JupyterKernel(connection, interpreter, TextWriter.Synchronized(parseResult.InvocationConfiguration.Error));
            }
            catch (NetMQ.NetMQException e)
            {
                throw new InvalidOperationException($"cannot bind the ports of connection file {path}: {e.Message}", e);
            }
            using (kernel)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                _ = ExitWithParentAsync(stop);
                await kernel.RunAsync(stop.Token).ConfigureAwait(false);
            }
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Stops the kernel when the frontend process that started it (JPY_PARENT_PID, set by
    /// jupyter_client) is gone, so that a crashed frontend leaves no kernel behind.
    /// </summary>
    private static async Task ExitWithParentAsync(CancellationTokenSource stop)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), out var parent) || parent <= 1)
        {
            return;
        }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(parent);
                if (process.HasExited)
                {
                    break;
                }
            }
            catch (ArgumentException)
            {
                break;
            }
            catch (InvalidOperationException)
            {
                break;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private static Option<bool> UserOption() => new("--user") { Description = "Use the user's Jupyter data folder (the default)" };

    private static Option<string?> PrefixOption() => new("--prefix") { Description = "Use PREFIX/share/jupyter (for example a virtual environment's prefix)" };

    private static Command CreateInstall()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var name = new Option<string?>("--name")
        {
            Description = $"Install only this kernelspec name (default: {KernelName} and {PolyglotKernelName})",
        };
        var command = new Command("install", $"Write the kernelspecs {KernelName} and {PolyglotKernelName} (kernel.json and logos) where Jupyter finds them");
        command.Options.Add(user);
        command.Options.Add(prefix);
        command.Options.Add(name);
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () =>
        {
            var store = Store(parseResult.GetValue(user), parseResult.GetValue(prefix));
            var launcher = Launcher();
            var version = typeof(KernelCommand).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
            var names = parseResult.GetValue(name) is { } only ? new[] { only } : [KernelName, PolyglotKernelName];
            var output = parseResult.InvocationConfiguration.Output;
            foreach (var kernelName in names)
            {
                var displayName = kernelName == PolyglotKernelName ? "C# (Backprop, for .NET Interactive notebooks)" : "C# (Backprop)";
                var result = store.Install(kernelName, KernelSpec.ForBackprop(launcher, displayName, version));
                output.WriteLine(result.Written ? $"installed kernelspec {kernelName} in {result.Directory}" : $"skipped {kernelName}: {result.Reason}");
            }
            return 0;
        }));
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "List the kernelspecs in Jupyter's search path, marking this project's");
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dataDirectory in JupyterDataPaths.SearchPath())
            {
                foreach (var (kernelName, directory, ours) in new KernelSpecStore(JupyterDataPaths.KernelsDirectory(dataDirectory)).List())
                {
                    var shadowed = seen.Add(kernelName) ? "" : " (shadowed by an earlier one)";
                    output.WriteLine($"{kernelName,-20} {directory}{(ours ? " [backprop]" : "")}{shadowed}");
                }
            }
            return 0;
        }));
        return command;
    }

    private static Command CreateUninstall()
    {
        var user = UserOption();
        var prefix = PrefixOption();
        var name = new Option<string?>("--name") { Description = $"Remove only this kernelspec (default: {KernelName} and {PolyglotKernelName})" };
        var command = new Command("uninstall", "Remove the kernelspecs this project installed (never another kernel's)");
        command.Options.Add(user);
        command.Options.Add(prefix);
        command.Options.Add(name);
        command.SetAction(parseResult => CommandFailure.Run(parseResult, () =>
        {
            var store = Store(parseResult.GetValue(user), parseResult.GetValue(prefix));
            var names = parseResult.GetValue(name) is { } only ? new[] { only } : [KernelName, PolyglotKernelName];
            var output = parseResult.InvocationConfiguration.Output;
            foreach (var kernelName in names)
            {
                if (KernelSpecStore.IsOurs(Path.Combine(store.KernelsDirectory, kernelName)) || !Directory.Exists(Path.Combine(store.KernelsDirectory, kernelName)))
                {
                    output.WriteLine(store.Uninstall(kernelName) ? $"removed kernelspec {kernelName} from {store.KernelsDirectory}" : $"no kernelspec {kernelName} in {store.KernelsDirectory}");
                }
                else
                {
                    output.WriteLine($"skipped {kernelName}: {Path.Combine(store.KernelsDirectory, kernelName)} belongs to another kernel; not removed");
                }
            }
            return 0;
        }));
        return command;
    }

    private static KernelSpecStore Store(bool user, string? prefix)
    {
        if (user && prefix is not null)
        {
            throw new ArgumentException("--user and --prefix exclude each other: give one");
        }
        var dataDirectory = prefix is not null ? JupyterDataPaths.PrefixDataDirectory(prefix) : JupyterDataPaths.UserDataDirectory();
        return new KernelSpecStore(JupyterDataPaths.KernelsDirectory(dataDirectory));
    }

    /// <summary>
    /// The start of the kernel's argv: the absolute path of the dotnet host and of Backprop.Cli.dll, or of
    /// the apphost when no dotnet host can be found.
    /// </summary>
    internal static IReadOnlyList<string> Launcher()
    {
        var dll = typeof(KernelCommand).Assembly.Location;
        if (DotnetHost() is { } host)
        {
            return [host, dll];
        }
        var apphost = Path.ChangeExtension(dll, OperatingSystem.IsWindows() ? ".exe" : null);
        return File.Exists(apphost)
            ? [apphost]
            : throw new InvalidOperationException($"cannot find the dotnet host (not on PATH, DOTNET_ROOT unset) nor the apphost {apphost}");
    }

    private static string? DotnetHost()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } process && Path.GetFileName(process).Equals(executable, StringComparison.OrdinalIgnoreCase))
        {
            return process;
        }
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") };
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root)
        {
            candidates.Add(Path.Combine(root, executable));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, executable)));
        return candidates.FirstOrDefault(c => c is { Length: > 0 } && Path.IsPathRooted(c) && File.Exists(c)) is { } found
            ? Path.GetFullPath(found)
            : null;
    }
}
