using Backprop.Layers;
using Backprop.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Tests.Layers;

/// <summary>Broadcasting b over a batch, and its backward: summing dout over the batch's rows.</summary>
public sealed class RowBroadcastTests
{
    [Fact]
    public void The_sum_of_rows_is_MathNets_column_sums_bit_for_bit()
    {
        var random = new Random(4);
        var dout = Matrix<double>.Build.Dense(100, 50, (_, _) => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 8)));

        Assert.Equal(dout.ColumnSums().ToArray(), dout.SumOfRows().ToArray());
    }

    [Fact]
    public void The_sum_of_rows_of_a_sparse_matrix_and_of_a_small_one()
    {
        var m = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 }, { 10, 20, 30 } });

        Assert.Equal([11.0, 22.0, 33.0], m.SumOfRows().ToArray());
        Assert.Equal([11.0, 22.0, 33.0], SparseRowMatrix.Of(m).SumOfRows().ToArray());
    }

    [Fact]
    public void Adding_a_row_to_each_row_and_summing_the_rows_back()
    {
        var m = Matrix<double>.Build.Dense(3, 2);
        m.AddToEachRow(Vector<double>.Build.Dense([0.5, -2.0]));

        Assert.Equal(new double[,] { { 0.5, -2 }, { 0.5, -2 }, { 0.5, -2 } }, m.ToArray());
        Assert.Equal([1.5, -6.0], m.SumOfRows().ToArray());
    }
}
