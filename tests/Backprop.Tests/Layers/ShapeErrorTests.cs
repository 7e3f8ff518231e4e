using Backprop.Layers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Layers;

public sealed class ShapeErrorTests
{
    [Fact]
    public void Affine_names_both_shapes_when_x_and_W_do_not_fit()
    {
        var affine = new Affine(Matrix<double>.Build.Dense(4, 5), Vector<double>.Build.Dense(5));

        var e = Assert.Throws<ArgumentException>(() => affine.Forward(Matrix<double>.Build.Dense(2, 3)));

        Assert.Contains("shapes (2,3) and (4,5) not aligned", e.Message);
        Assert.Contains("x is 2×3 but W is 4×5", e.Message);
    }

    [Fact]
    public void Affine_rejects_a_bias_of_the_wrong_length()
    {
        var e = Assert.Throws<ArgumentException>(() => new Affine(Matrix<double>.Build.Dense(4, 5), Vector<double>.Build.Dense(3)));
        Assert.Contains("W is 4×5 but b has 3 entries", e.Message);
    }

    [Fact]
    public void Backward_with_a_dout_of_the_wrong_shape_names_both_shapes()
    {
        var relu = new Relu();
        relu.Forward(Matrix<double>.Build.Dense(2, 3));
        Assert.Contains("dout is 3×2 but the forward input was 2×3",
            Assert.Throws<ArgumentException>(() => relu.Backward(Matrix<double>.Build.Dense(3, 2))).Message);

        var sigmoid = new Sigmoid();
        sigmoid.Forward(Matrix<double>.Build.Dense(2, 3));
        Assert.Contains("dout is 1×1", Assert.Throws<ArgumentException>(() => sigmoid.Backward(Matrix<double>.Build.Dense(1, 1))).Message);
    }

    [Fact]
    public void Softmax_with_loss_rejects_labels_out_of_range_and_one_hot_of_the_wrong_shape()
    {
        var x = Matrix<double>.Build.Dense(2, 3);
        var layer = new SoftmaxWithLoss();

        Assert.Contains("label 3 at index 1 is out of range", Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(x, [0, 3])).Message);
        Assert.Contains("label -1 at index 0", Assert.Throws<ArgumentOutOfRangeException>(() => layer.Forward(x, [-1, 0])).Message);
        Assert.Contains("1 labels for 2 rows", Assert.Throws<ArgumentException>(() => layer.Forward(x, [0])).Message);
        Assert.Contains("x is 2×3 but t is 2×4", Assert.Throws<ArgumentException>(() => layer.Forward(x, Matrix<double>.Build.Dense(2, 4))).Message);
    }

    [Fact]
    public void Backward_before_forward_says_so()
    {
        Assert.Contains("call Forward before Backward",
            Assert.Throws<InvalidOperationException>(() => new Affine(Matrix<double>.Build.Dense(1, 1), Vector<double>.Build.Dense(1)).Backward(Matrix<double>.Build.Dense(1, 1))).Message);
    }
}
