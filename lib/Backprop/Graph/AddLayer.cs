namespace Backprop.Graph;

/// <summary>
/// The addition node of a computational graph: forward z = x + y; backward passes dout to both
/// inputs unchanged (∂z/∂x = ∂z/∂y = 1), so it needs to remember nothing.
/// </summary>
public sealed class AddLayer
{
    /// <summary>z = x + y.</summary>
    public double Forward(double x, double y) => x + y;

    /// <summary>Returns (dx, dy) = (dout · 1, dout · 1).</summary>
    public (double dx, double dy) Backward(double dout)
    {
        var dx = dout * 1;
        var dy = dout * 1;
        return (dx, dy);
    }
}
