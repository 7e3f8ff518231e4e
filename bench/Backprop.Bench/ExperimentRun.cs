using System.Diagnostics;
using Backprop.Data;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Bench;

/// <summary>
/// The chapter's experiment in-process, timed in phases (load, training steps, evaluation):
/// <c>dotnet run -c Release --project bench/Backprop.Bench -- experiment [managed]</c>.
/// </summary>
internal static class ExperimentRun
{
    public static void Run(bool managed, bool skipZeros, int iterations, bool evaluateInBetween = false, bool evaluate = true, bool dense = false)
    {
        if (managed)
        {
            MatrixProducts.UseManaged();
        }
        else if (skipZeros)
        {
            MatrixProducts.UseFastest(skipZeros: true);
        }

        Console.WriteLine($"products: {MatrixProducts.Description}; evaluation {(evaluateInBetween ? "in between steps" : "in the background")}");
        var clock = Stopwatch.StartNew();
        var data = Mnist.Load();
        var loaded = clock.Elapsed;
        var network = new TwoLayerNet(784, 50, 10, seed: 42);
        var trainer = new Trainer(network, data, new TrainingOptions { Iterations = iterations, EvaluateInBackground = !evaluateInBetween, EvaluateEvery = evaluate ? null : 0, SparseMinibatches = !dense });
        var history = trainer.Run();
        var total = clock.Elapsed;
        var evaluation = Stopwatch.StartNew();
        Trainer.Accuracy(network, data.Train);
        Trainer.Accuracy(network, data.Test);
        var oneEvaluation = evaluation.Elapsed;
        Console.WriteLine($"load {loaded.TotalSeconds:F2} s, train+evaluate {(total - loaded).TotalSeconds:F2} s, one evaluation {oneEvaluation.TotalSeconds:F3} s × {history.Epochs.Count}");
        Console.WriteLine($"final train {(evaluate ? history.Epochs[^1].TrainAccuracy : 0):F4} test {(evaluate ? history.Epochs[^1].TestAccuracy : 0):F4}; gen0 collections {GC.CollectionCount(0)}, gen2 {GC.CollectionCount(2)}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");
    }
}
