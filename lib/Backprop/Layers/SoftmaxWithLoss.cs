using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Layers;

/// <summary>
/// The output layer for learning: softmax followed by the cross-entropy error (교차 엔트로피 오차).
/// Forward returns the loss L; backward returns ∂L/∂x = (y − t) / N, the difference between the
/// prediction and the teacher labels (정답 레이블) — which is why the two are paired in one layer.
/// Labels are one-hot rows or class indices.
/// </summary>
public sealed class SoftmaxWithLoss
{
    /// <summary>The loss of the last forward pass.</summary>
    public double loss { get; private set; }

    /// <summary>The softmax output y of the last forward pass (N × classes).</summary>
    public Matrix<double>? y { get; private set; }

    /// <summary>The teacher labels as one-hot rows, when given that way.</summary>
    public Matrix<double>? t { get; private set; }

    /// <summary>The teacher labels as class indices, when given that way.</summary>
    public int[]? tIndices { get; private set; }

    /// <summary>L = cross-entropy(softmax(x), t) with one-hot t (N × classes).</summary>
    public double Forward(Matrix<double> x, Matrix<double> t)
    {
        Shapes.RequireSame("SoftmaxWithLoss", "x", x, "t", t);
        this.t = t;
        tIndices = null;
        y = Functions.Softmax(x);
        loss = Functions.CrossEntropyError(y, t);
        return loss;
    }

    /// <summary>L = cross-entropy(softmax(x), t) with t as class indices (one per row of x).</summary>
    public double Forward(Matrix<double> x, int[] t)
    {
        Labels.Require("SoftmaxWithLoss", t, x.RowCount, x.ColumnCount);
        tIndices = t;
        this.t = null;
        y = Functions.Softmax(x);
        loss = Functions.CrossEntropyError(y, t);
        return loss;
    }

    /// <summary>dx = (y − t) / N, times dout (1 for the loss itself).</summary>
    public Matrix<double> Backward(double dout = 1)
    {
        var y = this.y ?? throw new InvalidOperationException("SoftmaxWithLoss: call Forward before Backward");
        var batchSize = y.RowCount;
        var dx = y.Clone();
        if (t is not null)
        {
            dx.Subtract(t, dx);
        }
        else
        {
            var t = tIndices!;
            for (var i = 0; i < batchSize; i++)
            {
                dx[i, t[i]] -= 1;
            }
        }
        dx.Multiply(dout / batchSize, dx);
        return dx;
    }
}
