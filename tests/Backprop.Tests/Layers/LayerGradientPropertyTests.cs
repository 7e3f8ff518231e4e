using Backprop.Layers;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Layers;

/// <summary>Every layer's backward pass against central differences, on random shapes and values.</summary>
public sealed class LayerGradientPropertyTests
{
    private const double Tolerance = 1e-7;

    public static TheoryData<int> Seeds => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    private static Matrix<double> Random(int rows, int columns, Random random) =>
        Matrix<double>.Build.Random(rows, columns, new Normal(0, 1, random));

    /// <summary>f(x) = Σ forward(x) ⊙ dout, whose gradient by x is exactly backward(dout).</summary>
    private static double Projected(ILayer layer, Matrix<double> x, Matrix<double> dout) =>
        layer.Forward(x).PointwiseMultiply(dout).Enumerate().Sum();

    private static void AssertClose(Matrix<double> expected, Matrix<double> actual, string what)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.ColumnCount, actual.ColumnCount);
        var worst = (expected - actual).Enumerate().Max(Math.Abs);
        Assert.True(worst < Tolerance, $"{what}: largest difference {worst:E2}");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Affine_backward_matches_numerical_gradients_for_x_W_and_b(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 6), input = random.Next(1, 7), output = random.Next(1, 5);
        var x = Random(n, input, random);
        var dout = Random(n, output, random);
        var affine = new Affine(Random(input, output, random), Vector<double>.Build.Random(output, new Normal(0, 1, random)));

        affine.Forward(x);
        var dx = affine.Backward(dout);

        AssertClose(NumericalGradient.Of(() => Projected(affine, x, dout), x), dx, "dx");
        AssertClose(NumericalGradient.Of(() => Projected(affine, x, dout), affine.W), affine.dW, "dW");
        var numericalDb = NumericalGradient.Of(() => Projected(affine, x, dout), affine.b);
        AssertClose(numericalDb.ToRowMatrix(), affine.db.ToRowMatrix(), "db");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Relu_and_sigmoid_backward_match_numerical_gradients(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 6), d = random.Next(1, 8);
        // keep ReLU inputs away from the kink at 0, where the derivative is undefined
        var x = Random(n, d, random).Map(v => Math.Abs(v) < 0.01 ? 0.5 : v);
        var dout = Random(n, d, random);
        foreach (ILayer layer in new ILayer[] { new Relu(), new Sigmoid() })
        {
            layer.Forward(x);
            var dx = layer.Backward(dout);
            AssertClose(NumericalGradient.Of(() => Projected(layer, x, dout), x), dx, layer.GetType().Name);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Softmax_with_loss_backward_matches_the_numerical_gradient_of_the_loss(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 6), classes = random.Next(2, 8);
        var x = Random(n, classes, random);
        var t = Enumerable.Range(0, n).Select(_ => random.Next(classes)).ToArray();
        var layer = new SoftmaxWithLoss();

        layer.Forward(x, t);
        var dx = layer.Backward();

        // (y − t)/N is the exact gradient of the cross-entropy without the small δ inside the log
        double LossWithoutDelta()
        {
            var y = Functions.Softmax(x);
            return -Enumerable.Range(0, n).Sum(i => Math.Log(y[i, t[i]])) / n;
        }
        AssertClose(NumericalGradient.Of(LossWithoutDelta, x), dx, "dx");
        // with δ the two differ by about δ/y — small, but visible
        var withDelta = NumericalGradient.Of(() => layer.Forward(x, t), x);
        Assert.True((withDelta - dx).Enumerate().Max(Math.Abs) < 1e-4);
    }

    [Fact]
    public void Layers_never_modify_the_matrices_they_are_given()
    {
        var random = new Random(9);
        var x = Random(4, 3, random);
        var dout = Random(4, 3, random);
        var (xCopy, doutCopy) = (x.Clone(), dout.Clone());

        foreach (ILayer layer in new ILayer[] { new Relu(), new Sigmoid(), new Affine(Random(3, 3, random), Vector<double>.Build.Dense(3)) })
        {
            layer.Forward(x);
            layer.Backward(dout);
        }
        var softmax = new SoftmaxWithLoss();
        softmax.Forward(x, [0, 1, 2, 0]);
        softmax.Backward();

        Assert.Equal(xCopy, x);
        Assert.Equal(doutCopy, dout);
    }
}
