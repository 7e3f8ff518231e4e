using BenchmarkDotNet.Running;

namespace Backprop.Bench;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project bench/Backprop.Bench -- --filter '*'</c>;
/// <c>-- gflops</c> prints a quick throughput table of the chapter's matrix products instead;
/// <c>-- experiment [managed|skip0] [inbetween] [noeval] [dense] [noscreen] [nogatherahead] [parts=N] [iterations]</c> times the
/// chapter's experiment in phases, with or without each of the engine's pieces.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args is ["profile", ..])
        {
            if (args.Contains("skip0"))
            {
                Backprop.LinearAlgebra.MatrixProducts.UseFastest(skipZeros: true);
            }

            StepProfile.Run(dense: args.Contains("dense"));
            return;
        }

        if (args is ["gflops"])
        {
            ProductThroughput.Run();
            return;
        }

        if (args is ["experiment", ..])
        {
            // the engine's pieces, one at a time: the run without each, to measure what it saves
            Backprop.Training.Evaluation.UseScreening = !args.Contains("noscreen");
            Backprop.Training.TrainingEngine.GatherAhead = !args.Contains("nogatherahead");
            if (args.FirstOrDefault(a => a.StartsWith("parts=", StringComparison.Ordinal)) is { } parts)
            {
                Backprop.Engine.Cores.ForcedParts = int.Parse(parts["parts=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }

            ExperimentRun.Run(args.Contains("managed"), args.Contains("skip0"), args.Length > 1 && int.TryParse(args[^1], out var n) ? n : 10000, args.Contains("inbetween"), !args.Contains("noeval"), args.Contains("dense"));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
