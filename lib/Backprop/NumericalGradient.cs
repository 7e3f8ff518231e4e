using MathNet.Numerics.LinearAlgebra;

namespace Backprop;

/// <summary>
/// Numerical differentiation (수치 미분) by central difference, the book's <c>numerical_gradient</c>:
/// ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h with h = 1e-4. Slow — one pair of evaluations of f per
/// entry — but simple enough to trust, which is what gradient checking needs.
/// </summary>
public static class NumericalGradient
{
    /// <summary>The step h.</summary>
    public const double H = 1e-4;

    /// <summary>The gradient of <paramref name="f"/> with respect to every entry of the parameter matrix <paramref name="x"/>.</summary>
    /// <remarks>Each entry is nudged in place and restored, so f must read x (for example a network's weights).</remarks>
    public static Matrix<double> Of(Func<double> f, Matrix<double> x)
    {
        var grad = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount);
        Of(f, x, grad, 0, x.RowCount * x.ColumnCount);
        return grad;
    }

    /// <summary>
    /// Entries <paramref name="first"/> … <paramref name="end"/>−1 of the gradient (counted column after
    /// column) into <paramref name="grad"/>: a part of <see cref="Of(Func{double}, Matrix{double})"/>.
    /// </summary>
    public static void Of(Func<double> f, Matrix<double> x, Matrix<double> grad, int first, int end)
    {
        for (var index = first; index < end; index++)
        {
            var (i, j) = (index % x.RowCount, index / x.RowCount);
            var tmp = x[i, j];
            x[i, j] = tmp + H;
            var fxh1 = f();
            x[i, j] = tmp - H;
            var fxh2 = f();
            grad[i, j] = (fxh1 - fxh2) / (2 * H);
            x[i, j] = tmp;
        }
    }

    /// <summary>The gradient of <paramref name="f"/> with respect to every entry of the parameter vector <paramref name="x"/>.</summary>
    public static Vector<double> Of(Func<double> f, Vector<double> x)
    {
        var grad = Vector<double>.Build.Dense(x.Count);
        for (var i = 0; i < x.Count; i++)
        {
            var tmp = x[i];
            x[i] = tmp + H;
            var fxh1 = f();
            x[i] = tmp - H;
            var fxh2 = f();
            grad[i] = (fxh1 - fxh2) / (2 * H);
            x[i] = tmp;
        }
        return grad;
    }

    /// <summary>The derivative of a function of one variable at <paramref name="x"/>.</summary>
    public static double Derivative(Func<double, double> f, double x) => (f(x + H) - f(x - H)) / (2 * H);
}
