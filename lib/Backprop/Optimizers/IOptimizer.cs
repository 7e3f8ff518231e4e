using MathNet.Numerics.LinearAlgebra;

namespace Backprop.Optimizers;

/// <summary>Updates parameters from their gradients (매개변수 갱신), the book's <c>update(params, grads)</c>.</summary>
public interface IOptimizer
{
    /// <summary>A short name for tables and charts ("SGD", "Adam", …).</summary>
    string Name { get; }

    /// <summary>Changes every parameter in place, a little, against its gradient.</summary>
    void Update(IReadOnlyDictionary<string, Matrix<double>> parameters, IReadOnlyDictionary<string, Matrix<double>> grads);
}
