using System.Diagnostics;
using Backprop.Data;
using Backprop.LinearAlgebra;
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
    // 200 images: the hidden activations of a chunk (200 × 50 doubles) stay below .NET's large-object size
    private const int EvaluationChunk = 200;

    [ThreadStatic]
    private static SparseRowMatrix? evaluationChunk;   // reused by every evaluation on this thread

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
        var evaluations = new BackgroundEvaluations(this);
        var clock = Stopwatch.StartNew();

        using (var minibatches = new Minibatches(train, Options, random))
        {
            for (var i = 0; i < Options.Iterations; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();

                // 1. minibatch: batch_size images drawn at random (with replacement)
                var (xBatch, tBatch) = minibatches.Take(i);

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
                if (evaluateEvery > 0 && i % evaluateEvery == 0)
                {
                    evaluations.Start(i, loss, clock.Elapsed);
                }
                var reported = false;
                foreach (var epoch in evaluations.Finished(wait: false))
                {
                    History.AddEpoch(epoch);
                    onProgress?.Invoke(new TrainingProgress(i + 1, Options.Iterations, loss, clock.Elapsed, epoch, History));
                    reported = true;
                }
                if (!reported)
                {
                    onProgress?.Invoke(new TrainingProgress(i + 1, Options.Iterations, loss, clock.Elapsed, null, History));
                }
            }
        }

        foreach (var epoch in evaluations.Finished(wait: true))
        {
            History.AddEpoch(epoch);
            History.Elapsed = clock.Elapsed;
            onProgress?.Invoke(new TrainingProgress(Options.Iterations, Options.Iterations, History.Loss[^1], clock.Elapsed, epoch, History));
        }
        History.Elapsed = clock.Elapsed;
        TrainingDiagnosis.Report(History, Options, Data.Train.Classes);
        return History;
    }

    /// <summary>
    /// A run's minibatches, step after step. Step i+1's images are drawn during step i (the same random
    /// numbers in the same order as drawing each step's own). By default a minibatch is a sparse matrix
    /// of its non-zero pixels (81% of MNIST's pixels are 0), two of them in turn: while a step computes
    /// with one, the second core fills the other with the next step's images, in the gap after the
    /// first layer's forward product (<see cref="SecondCore.AfterNextHalf"/>).
    /// </summary>
    private sealed class Minibatches : IDisposable
    {
        private readonly MnistSplit train;
        private readonly TrainingOptions options;
        private readonly Random random;
        private readonly SparseRowMatrix[]? sparse;
        private readonly Matrix<double>? dense;
        private int[] indices, nextIndices;
        private SecondCore.Later? nextGather;

        public Minibatches(MnistSplit train, TrainingOptions options, Random random)
        {
            (this.train, this.options, this.random) = (train, options, random);
            sparse = options.SparseMinibatches
                ? [new SparseRowMatrix(options.BatchSize, train.Features), new SparseRowMatrix(options.BatchSize, train.Features)]
                : null;
            dense = options.SparseMinibatches ? null : Matrix<double>.Build.Dense(options.BatchSize, train.Features);
            (indices, nextIndices) = (new int[options.BatchSize], new int[options.BatchSize]);
            Draw(nextIndices);
        }

        /// <summary>Step i's images (one per row) and labels; then draws step i+1's and has them gathered.</summary>
        public (Matrix<double> X, int[] T) Take(int i)
        {
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
                    nextGather = SecondCore.AfterNextHalf(() => train.Gather(next, target));
                }
                else
                {
                    train.Prefetch(nextIndices, sparse: false);
                }
            }
            return (x, train.LabelsAt(indices));
        }

        /// <summary>Stopped early (an exception, a cancellation): the next minibatch is not needed.</summary>
        public void Dispose() => nextGather?.Withdraw();

        private void Draw(int[] into)
        {
            for (var k = 0; k < into.Length; k++)
            {
                into[k] = random.Next(train.Count);
            }
        }
    }

    /// <summary>
    /// The per-epoch evaluations: on another core, one after another, each on a copy of the weights taken
    /// at its iteration — or right away on this thread for the first one, when there is one core, or when
    /// the network cannot be copied.
    /// </summary>
    private sealed class BackgroundEvaluations(Trainer trainer)
    {
        private readonly Queue<(int Epoch, int Iteration, double Loss, TimeSpan Elapsed, Task<(double Train, double Test)> Accuracy)> pending = new();
        private Task lane = Task.CompletedTask;
        private int started;

        public void Start(int iteration, double loss, TimeSpan elapsed)
        {
            var epoch = started++;
            // the first evaluation runs here, so that History.Epochs is never empty once training has begun
            var snapshot = epoch > 0 && trainer.Options.EvaluateInBackground && Environment.ProcessorCount > 1
                ? (trainer.Network as LayeredNetwork)?.CopyForPrediction()
                : null;
            Task<(double, double)> accuracy;
            if (snapshot is null)
            {
                accuracy = Task.FromResult(epoch == 0 ? EvaluateOnBothCores() : Evaluate(trainer.Network));
            }
            else
            {
                // on the second core's helper thread, between the halves of products it takes from this thread
                accuracy = lane.ContinueWith(_ => Evaluate(snapshot), CancellationToken.None, TaskContinuationOptions.None, SecondCore.Scheduler);
                lane = accuracy;
            }
            pending.Enqueue((epoch, iteration, loss, elapsed, accuracy));
        }

        /// <summary>The evaluations that have finished, in order; all of them when <paramref name="wait"/>.</summary>
        public IEnumerable<EpochResult> Finished(bool wait)
        {
            while (pending.TryPeek(out var next) && (wait || next.Accuracy.IsCompleted))
            {
                pending.Dequeue();
                var (train, test) = next.Accuracy.GetAwaiter().GetResult();
                yield return new EpochResult(next.Epoch, next.Iteration, train, test, next.Loss, next.Elapsed);
            }
        }

        private (double, double) Evaluate(INetwork network) => (Accuracy(network, trainer.Data.Train), Accuracy(network, trainer.Data.Test));

        /// <summary>
        /// The evaluation that training waits for, on both cores: the second core takes the test split and
        /// the end of the training split, on a copy of the weights — the same counts, in about half the time.
        /// </summary>
        private (double, double) EvaluateOnBothCores()
        {
            var copy = trainer.Options.EvaluateInBackground && SecondCore.Available ? (trainer.Network as LayeredNetwork)?.CopyForPrediction() : null;
            if (copy is null)
            {
                return Evaluate(trainer.Network);
            }
            var (train, test) = (trainer.Data.Train, trainer.Data.Test);
            var half = Math.Min(train.Count, (train.Count + test.Count) / 2);   // images for each core
            var rest = Task.Factory.StartNew(() => (Correct(copy, train, half, train.Count), Correct(copy, test, 0, test.Count)),
                CancellationToken.None, TaskCreationOptions.None, SecondCore.Scheduler);
            var firstHalf = Correct(trainer.Network, train, 0, half);
            var (secondHalf, testCorrect) = rest.GetAwaiter().GetResult();
            return ((double)(firstHalf + secondHalf) / train.Count, (double)testCorrect / test.Count);
        }
    }

    /// <summary>
    /// The accuracy of <paramref name="network"/> on a whole split, evaluated in chunks of 200 images: the
    /// same number as predicting every image in double precision, found faster for the chapter's networks
    /// by computing their first layer in single precision and recomputing in double precision only the
    /// images that rounding could decide differently (<see cref="ScreenedAccuracy"/>).
    /// </summary>
    public static double Accuracy(INetwork network, MnistSplit split) => (double)Correct(network, split, 0, split.Count) / split.Count;

    /// <summary>How many of the images first … end−1 of <paramref name="split"/> the network classifies correctly (see <see cref="Accuracy"/>).</summary>
    private static int Correct(INetwork network, MnistSplit split, int first, int end)
    {
        if (network is LayeredNetwork layered && ScreenedAccuracy.CountCorrect(layered, split, indices => Predictions(network, split, indices), first, end) is { } count)
        {
            return count;
        }
        var predicted = Predictions(network, split, Enumerable.Range(first, end - first).ToArray());
        var correct = 0;
        for (var k = 0; k < predicted.Length; k++)
        {
            correct += predicted[k] == split.Labels[first + k] ? 1 : 0;
        }
        return correct;
    }

    /// <summary>The network's predicted class for each image at <paramref name="indices"/>, in double precision, a chunk of images at a time.</summary>
    internal static int[] Predictions(INetwork network, MnistSplit split, IReadOnlyList<int> indices)
    {
        var result = new int[indices.Count];
        var chunkIndices = Array.Empty<int>();
        evaluationChunk?.ForgetKeptRows();   // the weights may have changed since the last evaluation — but not during this one
        for (var start = 0; start < indices.Count; start += EvaluationChunk)
        {
            var count = Math.Min(EvaluationChunk, indices.Count - start);
            var chunk = evaluationChunk;
            if (chunk is null || chunk.RowCount != count || chunk.ColumnCount != split.Features)
            {
                chunk = new SparseRowMatrix(count, split.Features) { KeepRowsOfW = true };   // W1's rows copied once, not once per chunk
                if (count == EvaluationChunk)
                {
                    evaluationChunk = chunk;
                }
            }
            if (chunkIndices.Length != count)
            {
                chunkIndices = new int[count];
            }
            for (var k = 0; k < count; k++)
            {
                chunkIndices[k] = indices[start + k];
            }
            SecondCore.HelpIfAsked();   // in the background: a training step's products go first
            split.Gather(chunkIndices, chunk);
            Functions.ArgMaxRows(network.Predict(chunk)).CopyTo(result, start);
        }
        return result;
    }
}
