namespace Backprop.Training;

/// <summary>
/// The chapter's experiment as defaults: 10,000 iterations of minibatches of 100 drawn with
/// replacement, SGD with learning rate 0.1, train and test accuracy once per epoch.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>How many parameter updates (iters_num).</summary>
    public int Iterations { get; init; } = 10000;

    /// <summary>Images per minibatch (batch_size).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The learning rate η (learning_rate).</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>"sgd", "momentum", "adagrad" or "adam".</summary>
    public string Optimizer { get; init; } = "sgd";

    /// <summary>Seed of the minibatch sampling; the same seed and network give the same run.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Iterations between accuracy evaluations; null means one epoch (training size / batch size = 600), 0 means never.</summary>
    public int? EvaluateEvery { get; init; }

    /// <summary>
    /// Whether minibatches are sparse matrices of their non-zero pixels (<see cref="LinearAlgebra.SparseRowMatrix"/>,
    /// the default: the products skip MNIST's 81% of zeros) or dense N × 784 matrices, as in the book — the
    /// same numbers up to rounding; dense is for networks of your own that need a dense input.
    /// </summary>
    public bool SparseMinibatches { get; init; } = true;

    /// <summary>
    /// Whether the accuracy evaluations run on another core, each on a copy of the weights taken at its
    /// iteration, while training goes on (the same numbers as evaluating in between, reported a few
    /// iterations later). Used when the machine has more than one core and the network can be copied;
    /// the first evaluation (after the first update) always runs in between (shared among all the cores), so that
    /// <see cref="TrainingHistory.Epochs"/> is not empty once training has begun.
    /// </summary>
    public bool EvaluateInBackground { get; init; } = true;

    /// <summary>
    /// Whether a run that learned nothing ends by writing its <see cref="TrainingHistory.Warnings"/> to
    /// <see cref="Console.Error"/>, one <c>warning: …</c> line each — which a notebook cell shows under its output.
    /// </summary>
    public bool PrintWarnings { get; init; } = true;

    /// <summary>Throws naming the first option that makes no sense for a training set of <paramref name="trainSize"/> images.</summary>
    public void Validate(int trainSize)
    {
        Sizes.RequirePositive("training", ("iterations", Iterations), ("batch size", BatchSize));
        if (EvaluateEvery < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EvaluateEvery), EvaluateEvery, $"training: evaluate every {EvaluateEvery} iterations makes no sense — use a positive number, or 0 for never");
        }
        if (BatchSize > trainSize)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"training: the batch size {BatchSize} is larger than the training set ({trainSize} images)");
        }
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, $"training: the learning rate must be a positive number, got {LearningRate}");
        }
        Optimizers.Optimizer.Create(Optimizer, LearningRate);
    }
}
