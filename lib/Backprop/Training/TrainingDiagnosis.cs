using System.Globalization;

namespace Backprop.Training;

/// <summary>
/// Reads a finished run's loss and accuracy for the signs of a run that learned nothing, and says
/// so in one line each, naming the learning rate and what to try:
/// the loss ended above where it started; it sits at the cross-entropy cap −log(1e-7) ≈ 16.1 (the
/// softmax saturated: a wrong answer given probability 0) or at ln 10 ≈ 2.30 (the loss of guessing
/// every class equally: dead ReLUs, or a saturated output); the accuracy stayed at chance (1/10).
/// </summary>
public static class TrainingDiagnosis
{
    /// <summary>Runs shorter than this are not judged: the loss of the first ~100 steps of a good run still sits near ln 10.</summary>
    public const int MinimumIterations = 100;

    /// <summary>The most a minibatch's cross-entropy can be: every answer wrong with probability 0, −log(0 + 1e-7).</summary>
    public static readonly double LossCap = -Math.Log(Functions.Delta);

    /// <summary>
    /// The warnings for a run of <paramref name="options"/> on <paramref name="classes"/> classes that
    /// recorded <paramref name="history"/>: none for a run that learned, or one line per problem found.
    /// </summary>
    public static IReadOnlyList<string> Diagnose(TrainingHistory history, TrainingOptions options, int classes)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var loss = history.Loss;
        if (loss.Count < MinimumIterations || !loss.All(double.IsFinite))
        {
            return [];
        }

        var start = loss[0];                                      // before the first update
        var tail = Math.Min(100, loss.Count / 10);                // the last 10% of the run, at most 100 steps
        var end = loss.Skip(loss.Count - tail).Average();         // a mean: one minibatch's loss is noisy
        var guessing = Math.Log(classes);                         // ln 10: every class given 1/10
        var chance = 1.0 / classes;
        var lr = Rate(options.LearningRate);

        // the accuracy is judged only if it was measured late enough in the run to mean something
        var last = history.Epochs.Count > 0 ? history.Epochs[^1] : null;
        var atChance = last is not null && last.Iteration >= MinimumIterations && last.TestAccuracy < chance + 0.05;
        var accuracy = atChance ? $"; test accuracy {Number(last!.TestAccuracy)} is chance level (1/{classes})" : "";

        if (end > LossCap / 2)
        {
            return [$"the loss ended at {Number(end)}, near the cross-entropy cap {Number(LossCap)} (−log 1e-7) and above where it started ({Number(start)}){accuracy}: " +
                    $"the output saturated — learning rate {lr} is far too large; try {TooLarge(options)}"];
        }
        if (end > start * 1.05)
        {
            return [$"the loss ended at {Number(end)}, above where it started ({Number(start)}){accuracy}: learning rate {lr} is too large — try {TooLarge(options)}"];
        }
        if (Math.Abs(end - guessing) < 0.1)
        {
            return options.LearningRate > UsualRate(options.Optimizer)
                ? [$"the loss sits at {Number(end)} ≈ ln {classes}, the loss of guessing every class equally{accuracy}: " +
                   $"dead ReLUs or a saturated output — learning rate {lr} is too large; try {TooLarge(options)}"]
                : [$"the loss sits at {Number(end)} ≈ ln {classes}, the loss of guessing every class equally{accuracy}: " +
                   $"after {loss.Count} iterations learning rate {lr} has barely moved it — try {Rate(options.LearningRate * 10)}, or more iterations"];
        }
        if (atChance)
        {
            return [$"test accuracy {Number(last!.TestAccuracy)} is chance level (1/{classes}) although with learning rate {lr} the loss fell from {Number(start)} to {Number(end)}: " +
                    "the network learned the training images but nothing that holds for the test images — check that the test labels belong to the test images"];
        }
        return [];
    }

    /// <summary>Puts the warnings on <paramref name="history"/> and, if <see cref="TrainingOptions.PrintWarnings"/>, writes them to <see cref="Console.Error"/>.</summary>
    internal static void Report(TrainingHistory history, TrainingOptions options, int classes)
    {
        history.Warnings = Diagnose(history, options, classes);
        if (options.PrintWarnings)
        {
            foreach (var warning in history.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }
        }
    }

    /// <summary>The learning rates to try instead of one that is too large: the optimizer's usual one and a tenth of it, or a tenth and a hundredth of this one.</summary>
    private static string TooLarge(TrainingOptions options)
    {
        var usual = UsualRate(options.Optimizer);
        var first = options.LearningRate > usual ? usual : options.LearningRate / 10;
        return $"{Rate(first)} or {Rate(first / 10)}";
    }

    /// <summary>Where each optimizer usually starts: the chapter's 0.1 for SGD and Momentum, 0.01 for AdaGrad, 0.001 for Adam.</summary>
    private static double UsualRate(string optimizer) => optimizer.ToLowerInvariant() switch
    {
        "adagrad" => 0.01,
        "adam" => 0.001,
        _ => 0.1,
    };

    /// <summary>A loss or an accuracy as a learner reads it: 14.7, 2.30, 0.117.</summary>
    private static string Number(double value) => value.ToString(Math.Abs(value) >= 10 ? "0.0" : Math.Abs(value) >= 1 ? "0.00" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>A learning rate as it is typed: 0.1, 10, 1e6, 1e-5.</summary>
    private static string Rate(double value)
    {
        if (value >= 1e4 || value < 1e-3)
        {
            var exponent = (int)Math.Floor(Math.Log10(value));
            var mantissa = Math.Round(value / Math.Pow(10, exponent), 2);
            return $"{mantissa.ToString("0.##", CultureInfo.InvariantCulture)}e{exponent}";
        }
        return value.ToString("0.####", CultureInfo.InvariantCulture);
    }
}
