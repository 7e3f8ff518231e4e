namespace Backprop.Graph;

/// <summary>
/// The multiplication node of a computational graph (계산 그래프): forward z = x·y; backward
/// swaps the inputs, ∂L/∂x = dout·y and ∂L/∂y = dout·x — which is why it keeps x and y.
/// </summary>
public sealed class MulLayer
{
    private double x;
    private double y;

    /// <summary>z = x · y, remembering x and y for the backward pass.</summary>
    public double Forward(double x, double y)
    {
        this.x = x;
        this.y = y;
        return x * y;
    }

    /// <summary>Returns (dx, dy) = (dout · y, dout · x).</summary>
    public (double dx, double dy) Backward(double dout)
    {
        var dx = dout * y;
        var dy = dout * x;
        return (dx, dy);
    }
}
