using Backprop.Data;
using Backprop.Engine;
using Backprop.LinearAlgebra;
using Backprop.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Training;

/// <summary>
/// The one seam between the book's training loop (<see cref="Trainer.Run"/>) and the engine
/// (Backprop.Engine): it hands out each step's minibatch and runs the per-epoch evaluations. What the
/// trainer gets is what the book computes — the same images in the same order, the same accuracies; how
/// they are made fast stays here:
/// <list type="bullet">
/// <item>a minibatch is a sparse matrix of its non-zero pixels (81% of MNIST's pixels are 0), two of
/// them in turn: while a step computes with one, a helper core fills the other with the next step's
/// images, right after its part of the first layer's forward product (<see cref="Cores.AfterNextSplit"/>);</item>
/// <item>each evaluation after the first runs on a helper core, on a copy of the weights taken at its
/// iteration, while training goes on; the first is shared among all the cores.</item>
/// </list>
/// </summary>
internal sealed class TrainingEngine : IDisposable
{
    private readonly INetwork network;
    private readonly MnistDataset data;
    private readonly TrainingOptions options;
    private readonly Random random;
    private readonly SparseRowMatrix[]? sparse;
    private readonly Matrix<double>? dense;
    private readonly Queue<(int Epoch, int Iteration, double Loss, TimeSpan Elapsed, Cores.Later<(double Train, double Test)> Accuracy)> pending = new();
    private int[] indices, nextIndices;
    private Cores.Later? nextGather;
    private int evaluations;

    public TrainingEngine(INetwork network, MnistDataset data, TrainingOptions options, Random random)
    {
        (this.network, this.data, this.options, this.random) = (network, data, options, random);
        var train = data.Train;
        sparse = options.SparseMinibatches
            ? [new SparseRowMatrix(options.BatchSize, train.Features), new SparseRowMatrix(options.BatchSize, train.Features)]
            : null;
        dense = options.SparseMinibatches ? null : Matrix<double>.Build.Dense(options.BatchSize, train.Features);
        (indices, nextIndices) = (new int[options.BatchSize], new int[options.BatchSize]);
        Draw(nextIndices);
    }

    /// <summary>
    /// Step i's images (one per row) and labels: batch_size images drawn at random, with replacement. Step
    /// i+1's are drawn now (the same random numbers in the same order as drawing each step's own) and
    /// gathered during step i.
    /// </summary>
    public (Matrix<double> X, int[] T) Minibatch(int i)
    {
        var train = data.Train;
        (indices, nextIndices) = (nextIndices, indices);
        Matrix<double> x;
        if (sparse is not null)
        {
            if (nextGather is null)
            {
                train.Gather(indices, sparse[i % 2]);
            }
            else
            {
                nextGather.Join();
            }
            x = sparse[i % 2];
        }
        else
        {
            train.Gather(indices, dense!);
            x = dense!;
        }
        nextGather = null;
        if (i + 1 < options.Iterations)
        {
            Draw(nextIndices);
            if (sparse is not null)
            {
                var (next, target) = (nextIndices, sparse[(i + 1) % 2]);
                nextGather = Cores.AfterNextSplit(() => train.Gather(next, target));
            }
            else
            {
                train.Prefetch(nextIndices, sparse: false);
            }
        }
        return (x, train.LabelsAt(indices));
    }

    /// <summary>
    /// Starts the accuracy evaluation on the full training and test sets for iteration
    /// <paramref name="iteration"/>: the first one right here (so that the history has an epoch once training
    /// has begun), shared among the cores; the later ones on a helper core, on a copy of the weights.
    /// </summary>
    public void StartEvaluation(int iteration, double loss, TimeSpan elapsed)
    {
        var epoch = evaluations++;
        var snapshot = epoch > 0 && options.EvaluateInBackground && Cores.Count > 1
            ? (network as LayeredNetwork)?.CopyForPrediction()
            : null;
        var accuracy = snapshot is null
            ? Cores.InBackground(() => epoch == 0 && options.EvaluateInBackground
                ? Evaluation.OnAllCores(network, data.Train, data.Test)
                : (Evaluation.Accuracy(network, data.Train), Evaluation.Accuracy(network, data.Test)), here: true)
            : Cores.InBackground(() => (Evaluation.Accuracy(snapshot, data.Train), Evaluation.Accuracy(snapshot, data.Test)));
        pending.Enqueue((epoch, iteration, loss, elapsed, accuracy));
    }

    /// <summary>The evaluations that have finished, in order; all of them when <paramref name="wait"/>.</summary>
    public IEnumerable<EpochResult> FinishedEvaluations(bool wait)
    {
        while (pending.TryPeek(out var next) && (wait || next.Accuracy.IsCompleted))
        {
            pending.Dequeue();
            var (train, test) = next.Accuracy.Result;
            yield return new EpochResult(next.Epoch, next.Iteration, train, test, next.Loss, next.Elapsed);
        }
    }

    /// <summary>Stopped early (an exception, a cancellation): the next minibatch is not needed.</summary>
    public void Dispose() => nextGather?.Withdraw();

    private void Draw(int[] into)
    {
        for (var k = 0; k < into.Length; k++)
        {
            into[k] = random.Next(data.Train.Count);
        }
    }
}
