using System.Diagnostics;
using Backprop.Data;
using Backprop.Networks;
using Backprop.Optimizers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Training;

/// <summary>
/// Minibatch learning, the chapter's four steps repeated: (1) draw a minibatch, (2) compute the
/// gradients by backpropagation, (3) update the parameters a little, (4) repeat — evaluating the
/// accuracy on the full training and test sets once per epoch.
/// </summary>
public sealed class Trainer
{
    private const int EvaluationChunk = 2000;

    /// <summary>Creates a trainer for <paramref name="network"/> on <paramref name="data"/>.</summary>
    public Trainer(INetwork network, MnistDataset data, TrainingOptions? options = null)
    {
        Network = network;
        Data = data;
        Options = options ?? new TrainingOptions();
        Options.Validate(data.Train.Count);
        Optimizer = Optimizers.Optimizer.Create(Options.Optimizer, Options.LearningRate);
    }

    /// <summary>The network being trained.</summary>
    public INetwork Network { get; }

    /// <summary>The training and test data.</summary>
    public MnistDataset Data { get; }

    /// <summary>The run's settings.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The optimizer updating the parameters.</summary>
    public IOptimizer Optimizer { get; }

    /// <summary>What has been recorded so far (kept when the run is cancelled or diverges).</summary>
    public TrainingHistory History { get; } = new();

    /// <summary>
    /// Runs the experiment. <paramref name="onProgress"/> is called after every iteration;
    /// <paramref name="cancellationToken"/> is checked between iterations (an interrupted notebook cell stops here).
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; <see cref="History"/> keeps what was done.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public TrainingHistory Run(Action<TrainingProgress>? onProgress = null, CancellationToken cancellationToken = default)
    {
        var train = Data.Train;
        var random = new Random(Options.Seed);
        var evaluateEvery = Options.EvaluateEvery ?? Math.Max(train.Count / Options.BatchSize, 1);
        var batchIndices = new int[Options.BatchSize];
        var xBatch = Matrix<double>.Build.Dense(Options.BatchSize, train.Features);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < Options.Iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // 1. minibatch: batch_size images drawn at random (with replacement)
            for (var k = 0; k < batchIndices.Length; k++)
            {
                batchIndices[k] = random.Next(train.Count);
            }
            train.Gather(batchIndices, xBatch);
            var tBatch = train.LabelsAt(batchIndices);

            // 2. gradients by backpropagation (the loss comes from the same forward pass)
            var grads = Network.Gradient(xBatch, tBatch, out var loss);

            // 3. update
            Optimizer.Update(Network.Params, grads);

            History.AddLoss(loss);
            History.Elapsed = clock.Elapsed;
            if (!double.IsFinite(loss))
            {
                throw new TrainingDivergedException(i + 1, loss, Options.LearningRate, History);
            }

            EpochResult? epoch = null;
            if (i % evaluateEvery == 0)
            {
                epoch = new EpochResult(History.Epochs.Count, i, Accuracy(Network, train), Accuracy(Network, Data.Test), loss, clock.Elapsed);
                History.AddEpoch(epoch);
                History.Elapsed = clock.Elapsed;
            }
            onProgress?.Invoke(new TrainingProgress(i + 1, Options.Iterations, loss, clock.Elapsed, epoch, History));
        }
        return History;
    }

    /// <summary>The accuracy of <paramref name="network"/> on a whole split, evaluated in chunks of 2,000 images.</summary>
    public static double Accuracy(INetwork network, MnistSplit split)
    {
        var correct = 0;
        for (var start = 0; start < split.Count; start += EvaluationChunk)
        {
            var count = Math.Min(EvaluationChunk, split.Count - start);
            var indices = Enumerable.Range(start, count).ToArray();
            var predicted = Functions.ArgMaxRows(network.Predict(split.Images(indices)));
            for (var k = 0; k < count; k++)
            {
                if (predicted[k] == split.Labels[start + k])
                {
                    correct++;
                }
            }
        }
        return (double)correct / split.Count;
    }
}
