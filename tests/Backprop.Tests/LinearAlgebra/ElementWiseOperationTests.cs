using Backprop.Engine;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Backprop.Tests.LinearAlgebra;

/// <summary>
/// The engine's provider runs MathNet's element-wise matrix operations a vector at a time; the values
/// must be MathNet's own, bit for bit, including in place (result = x) and with lengths that are not a
/// multiple of the vector width.
/// </summary>
public sealed class ElementWiseOperationTests
{
    private static readonly ILinearAlgebraProvider Managed = ManagedLinearAlgebraProvider.Instance;
    private static readonly ILinearAlgebraProvider Engine = new FastLinearAlgebraProvider(ManagedLinearAlgebraProvider.Instance, blas: null, skipZeros: false);

    public static TheoryData<string> Operations => ["add", "subtract", "multiply", "divide", "scale 0.1", "scale 0", "scale 1", "scale -3.7"];

    [Theory]
    [MemberData(nameof(Operations))]
    public void Element_wise_operations_give_the_managed_providers_values(string operation)
    {
        foreach (var length in new[] { 1, 7, 100, 5003 })
        {
            var x = Numbers(length, seed: length);
            var y = Numbers(length, seed: length + 1);
            var expected = new double[length];
            var actual = new double[length];

            Apply(Managed, operation, x, y, expected);
            Apply(Engine, operation, x, y, actual);

            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void Element_wise_operations_may_write_over_their_left_operand(string operation)
    {
        var x = Numbers(1001, seed: 3);
        var y = Numbers(1001, seed: 4);
        var expected = new double[x.Length];
        Apply(Managed, operation, x, y, expected);

        Apply(Engine, operation, x, y, x);

        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), x.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void Arrays_of_different_lengths_are_refused_with_their_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => Engine.AddArrays(new double[3], new double[4], new double[3]));

        Assert.Contains("x has 3 elements, y 4", error.Message);
    }

    private static void Apply(ILinearAlgebraProvider provider, string operation, double[] x, double[] y, double[] result)
    {
        switch (operation.Split(' '))
        {
            case ["add"]: provider.AddArrays(x, y, result); break;
            case ["subtract"]: provider.SubtractArrays(x, y, result); break;
            case ["multiply"]: provider.PointWiseMultiplyArrays(x, y, result); break;
            case ["divide"]: provider.PointWiseDivideArrays(x, y, result); break;
            case ["scale", var alpha]: provider.ScaleArray(double.Parse(alpha, System.Globalization.CultureInfo.InvariantCulture), x, result); break;
            default: throw new ArgumentException(operation);
        }
    }

    private static double[] Numbers(int length, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-5, 6)))];
    }
}
