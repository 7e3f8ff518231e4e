using Backprop.Data;
using Backprop.Networks;
using Backprop.Training;

namespace Backprop.Cli.Commands;

/// <summary>
/// Compiles the training step's code before the run needs it: a few dozen steps and two evaluations of
/// the same network on made-up images, on another thread while MNIST is decompressed. The JIT compiles
/// the products' kernels, the layers and the evaluation there — about 0.1 s of work that would otherwise
/// stand between loading the data and the first step — and has counted enough calls by then to move
/// the hot methods to their optimized versions early.
/// </summary>
internal static class TrainingWarmUp
{
    private const int Images = 256;
    private const int Side = 28;   // MNIST's 28 × 28 pixels and 10 classes: other data only makes the warm-up less useful
    private const int Classes = 10;

    /// <summary>
    /// Starts the warm-up for the chapter's run (784-50-10, ReLU, SGD) in a kernel or a notebook run. It
    /// overlaps the compiler's own warm-up, which keeps the first core busy until the first cell can run,
    /// so the notebooks' training starts as `backprop train` does: with its code compiled.
    /// </summary>
    public static Task<bool> StartForTheChapter() => Start(new TrainingOptions(), [50], Activation.Relu, weightInitStd: null);

    /// <summary>
    /// Starts the warm-up for <paramref name="options"/>' kind of run. The task never fails: its value says
    /// whether the warm-up trained (false on one core, or for options it cannot follow).
    /// </summary>
    public static Task<bool> Start(TrainingOptions options, int[] hidden, Activation activation, double? weightInitStd) =>
        Environment.ProcessorCount < 2
            ? Task.FromResult(false)
            : Task.Run(() =>
            {
                try
                {
                    var split = MadeUpImages();
                    var data = new MnistDataset(split, split, "(warm-up)");
                    var network = TrainCommand.CreateNetwork(data, hidden, activation, weightInitStd, seed: 1);
                    var warmUp = options with { Iterations = 40, EvaluateEvery = 20, Seed = 1 };
                    return new Trainer(network, data, warmUp).Run().Epochs.Count > 0;
                }
                catch (Exception)
                {
                    return false;   // only a head start: the run itself reports any real problem
                }
            });

    /// <summary>Images about as sparse as MNIST's (a fifth of the pixels non-zero).</summary>
    private static MnistSplit MadeUpImages()
    {
        var random = new Random(1);
        var pixels = new byte[Images * Side * Side];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.Next(5) == 0 ? (byte)random.Next(1, 256) : (byte)0;
        }
        var labels = Enumerable.Range(0, Images).Select(i => i % Classes).ToArray();
        return new MnistSplit(pixels, labels, Side, Side, Classes);
    }
}
