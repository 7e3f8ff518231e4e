using Backprop.Layers;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Layers;

public sealed class ChapterExampleTests
{
    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    [Fact]
    public void Relu_mask_marks_the_entries_that_are_not_positive()
    {
        var x = M(new[,] { { 1.0, -0.5 }, { -2.0, 3.0 } });
        var relu = new Relu();

        var y = relu.Forward(x);

        Assert.Equal(new[,] { { false, true }, { true, false } }, relu.mask);
        Assert.Equal(M(new[,] { { 1.0, 0.0 }, { 0.0, 3.0 } }), y);
        var dx = relu.Backward(M(new[,] { { 5.0, 6.0 }, { 7.0, 8.0 } }));
        Assert.Equal(M(new[,] { { 5.0, 0.0 }, { 0.0, 8.0 } }), dx);
    }

    [Fact]
    public void Relu_backward_stops_everything_where_the_mask_is_set_and_passes_the_rest_unchanged()
    {
        var relu = new Relu();
        relu.Forward(M(new[,] { { 1.0, -0.5, 2.0 }, { 0.0, 3.0, -1.0 } }));

        var dx = relu.Backward(M(new[,] { { -0.0, double.NaN, double.NegativeInfinity }, { double.PositiveInfinity, -7.25, double.NaN } }));

        // passed through bit for bit (even −0 and −∞) where x > 0; +0 where x ≤ 0, whatever dout was there
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(dx[0, 0]));
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(dx[0, 1]));
        Assert.Equal(double.NegativeInfinity, dx[0, 2]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(dx[1, 0]));
        Assert.Equal(-7.25, dx[1, 1]);
        Assert.Equal(BitConverter.DoubleToInt64Bits(0.0), BitConverter.DoubleToInt64Bits(dx[1, 2]));
    }

    [Fact]
    public void Batch_affine_adds_the_bias_to_every_row()
    {
        // X·W = [[0,0,0],[10,10,10]], B = [1,2,3] → [[1,2,3],[11,12,13]]
        var x = M(new[,] { { 0.0, 0.0 }, { 10.0, 0.0 } });
        var W = M(new[,] { { 1.0, 1.0, 1.0 }, { 5.0, 5.0, 5.0 } });
        var affine = new Affine(W, Vector<double>.Build.DenseOfArray([1, 2, 3]));

        Assert.Equal(M(new[,] { { 1.0, 2.0, 3.0 }, { 11.0, 12.0, 13.0 } }), affine.Forward(x));
    }

    [Fact]
    public void Affine_backward_sums_bias_gradient_over_batch()
    {
        var affine = new Affine(Matrix<double>.Build.Dense(2, 3, 0.5), Vector<double>.Build.Dense(3));
        affine.Forward(M(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }));

        affine.Backward(M(new[,] { { 1.0, 2.0, 3.0 }, { 4.0, 5.0, 6.0 } }));

        Assert.Equal(Vector<double>.Build.DenseOfArray([5, 7, 9]), affine.db);
    }

    [Fact]
    public void Softmax_with_loss_backward_is_y_minus_t_for_the_chapter_example()
    {
        // x chosen so that softmax(x) = (0.3, 0.2, 0.5); the teacher label is (0, 1, 0).
        var x = M(new[,] { { Math.Log(0.3), Math.Log(0.2), Math.Log(0.5) } });
        var t = M(new[,] { { 0.0, 1.0, 0.0 } });
        var layer = new SoftmaxWithLoss();

        var loss = layer.Forward(x, t);
        var dx = layer.Backward();

        Assert.Equal(-Math.Log(0.2 + 1e-7), loss, 12);
        Assert.Equal(0.3, dx[0, 0], 12);
        Assert.Equal(-0.8, dx[0, 1], 12);
        Assert.Equal(0.5, dx[0, 2], 12);
    }

    [Fact]
    public void Softmax_with_loss_gives_the_same_with_indices_and_one_hot_and_divides_by_the_batch_size()
    {
        var x = M(new[,] { { 0.1, 2.0, -1.0 }, { 3.0, 0.5, 0.2 } });
        var oneHot = new SoftmaxWithLoss();
        var indices = new SoftmaxWithLoss();

        var l1 = oneHot.Forward(x, M(new[,] { { 0.0, 1.0, 0.0 }, { 0.0, 0.0, 1.0 } }));
        var l2 = indices.Forward(x, [1, 2]);

        Assert.Equal(l1, l2, 14);
        var dx = indices.Backward();
        Assert.True((oneHot.Backward() - dx).Enumerate().All(v => Math.Abs(v) < 1e-15));
        var y = Functions.Softmax(x);
        Assert.Equal((y[1, 2] - 1) / 2, dx[1, 2], 15);
    }

    [Fact]
    public void Sigmoid_backward_is_dout_times_y_times_one_minus_y()
    {
        var sigmoid = new Sigmoid();
        var y = sigmoid.Forward(M(new[,] { { 0.0, 2.0 } }));
        var dx = sigmoid.Backward(M(new[,] { { 1.0, 3.0 } }));

        Assert.Equal(0.5, y[0, 0], 15);
        Assert.Equal(0.25, dx[0, 0], 15);
        var s = 1 / (1 + Math.Exp(-2.0));
        Assert.Equal(3 * s * (1 - s), dx[0, 1], 15);
    }

    [Fact]
    public void Softmax_is_stable_for_large_inputs_and_rows_sum_to_one()
    {
        var y = Functions.Softmax(M(new[,] { { 1010.0, 1000.0, 990.0 }, { -5.0, 0.0, 5.0 } }));

        Assert.All(Enumerable.Range(0, 2), i => Assert.Equal(1.0, y.Row(i).Sum(), 14));
        Assert.Equal(0.99995460007024, y[0, 0], 12);
        Assert.DoesNotContain(y.Enumerate(), double.IsNaN);
    }

    [Fact]
    public void Softmax_is_exactly_the_row_by_row_formula()
    {
        var random = new Random(7);
        var a = Matrix<double>.Build.Dense(100, 10, (_, _) => (random.NextDouble() - 0.5) * 40);
        a[3, 4] = double.NaN;                 // a NaN spreads over its row only
        a[5, 0] = double.PositiveInfinity;

        var y = Functions.Softmax(a);

        for (var i = 0; i < a.RowCount; i++)
        {
            // the book's softmax for one row: exp(a − max) / Σ exp(a − max), summed left to right
            var max = double.NegativeInfinity;
            for (var j = 0; j < a.ColumnCount; j++)
            {
                max = Math.Max(max, a[i, j]);
            }
            var e = Enumerable.Range(0, a.ColumnCount).Select(j => Math.Exp(a[i, j] - max)).ToArray();
            var sum = 0.0;
            foreach (var v in e)
            {
                sum += v;
            }
            Assert.Equal(e.Select(v => v / sum).ToArray(), y.Row(i).ToArray());
        }
        Assert.True(double.IsNaN(y[3, 0]) && double.IsNaN(y[5, 1]) && !double.IsNaN(y[4, 0]));
    }

    [Fact]
    public void Cross_entropy_has_the_small_delta_inside_the_log()
    {
        var y = M(new[,] { { 0.0, 1.0 } });
        Assert.Equal(-Math.Log(1e-7), Functions.CrossEntropyError(y, [0]), 10);
        Assert.Equal(-Math.Log(1 + 1e-7), Functions.CrossEntropyError(y, M(new[,] { { 0.0, 1.0 } })), 14);
    }
}
