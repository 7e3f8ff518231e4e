using System.Diagnostics;
using Backprop.Data;
using Backprop.Networks;
using Backprop.Optimizers;

namespace Backprop.Training;

/// <summary>
/// Minibatch learning, the chapter's four steps repeated: (1) draw a minibatch, (2) compute the
/// gradients by backpropagation, (3) update the parameters a little, (4) repeat — evaluating the
/// accuracy on the full training and test sets once per epoch.
/// </summary>
public sealed class Trainer
{
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
    /// <remarks>
    /// Minibatches and evaluations come from the engine (<see cref="TrainingEngine"/>): the same images and
    /// the same accuracies as drawing and evaluating them here, made faster.
    /// </remarks>
    /// <exception cref="OperationCanceledException">The token was cancelled; <see cref="History"/> keeps what was done.</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public TrainingHistory Run(Action<TrainingProgress>? onProgress = null, CancellationToken cancellationToken = default)
    {
        var trainSize = Data.Train.Count;
        var iterPerEpoch = Options.EvaluateEvery ?? Math.Max(trainSize / Options.BatchSize, 1);
        var clock = Stopwatch.StartNew();
        using var engine = new TrainingEngine(Network, Data, Options, new Random(Options.Seed));

        for (var i = 0; i < Options.Iterations; i++)
        {
            AmbientCancellation.ThrowIfCancellationRequested(cancellationToken);

            // 1. minibatch: batch_size images drawn at random (with replacement)
            var (xBatch, tBatch) = engine.Minibatch(i);

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

            // once per epoch: accuracy on the full training and test sets
            if (iterPerEpoch > 0 && i % iterPerEpoch == 0)
            {
                engine.StartEvaluation(i, loss, clock.Elapsed);
            }
            Report(engine.FinishedEvaluations(wait: false), i + 1, loss, clock, onProgress);
        }

        Report(engine.FinishedEvaluations(wait: true), Options.Iterations, History.Loss[^1], clock, onProgress, always: false);
        History.Elapsed = clock.Elapsed;
        TrainingDiagnosis.Report(History, Options, Data.Train.Classes);
        return History;
    }

    /// <summary>
    /// The accuracy of <paramref name="network"/> on a whole split: the fraction of its images whose
    /// predicted class (the largest output) is the label. Evaluated in chunks of 200 images, with the
    /// engine's exact shortcuts for the chapter's networks.
    /// </summary>
    public static double Accuracy(INetwork network, MnistSplit split) => Evaluation.OnAllCores(network, split);

    /// <summary>The network's predicted class for each image at <paramref name="indices"/>, in double precision.</summary>
    internal static int[] Predictions(INetwork network, MnistSplit split, IReadOnlyList<int> indices) => Evaluation.Predictions(network, split, indices);

    /// <summary>Records the finished epochs and tells <paramref name="onProgress"/>: once per epoch, or once without one when <paramref name="always"/>.</summary>
    private void Report(IEnumerable<EpochResult> finished, int iteration, double loss, Stopwatch clock, Action<TrainingProgress>? onProgress, bool always = true)
    {
        var reported = false;
        foreach (var epoch in finished)
        {
            History.AddEpoch(epoch);
            History.Elapsed = clock.Elapsed;
            onProgress?.Invoke(new TrainingProgress(iteration, Options.Iterations, loss, clock.Elapsed, epoch, History));
            reported = true;
        }
        if (!reported && always)
        {
            onProgress?.Invoke(new TrainingProgress(iteration, Options.Iterations, loss, clock.Elapsed, null, History));
        }
    }
}
