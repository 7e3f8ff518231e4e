namespace Backprop.Engine;

/// <summary>
/// A number of vectors, as a type: a kernel written once as <c>Kernel&lt;N&gt;() where N : struct,
/// IVectorCount</c> is compiled by the JIT once per count, with <c>N.Count</c> a constant — the unused
/// registers and branches removed. Used by the sparse products and the screened evaluation.
/// </summary>
internal interface IVectorCount
{
    /// <summary>How many vectors.</summary>
    static abstract int Count { get; }
}

internal struct Vectors1 : IVectorCount { public static int Count => 1; }
internal struct Vectors2 : IVectorCount { public static int Count => 2; }
internal struct Vectors3 : IVectorCount { public static int Count => 3; }
internal struct Vectors4 : IVectorCount { public static int Count => 4; }
internal struct Vectors5 : IVectorCount { public static int Count => 5; }
internal struct Vectors6 : IVectorCount { public static int Count => 6; }
internal struct Vectors7 : IVectorCount { public static int Count => 7; }
internal struct Vectors8 : IVectorCount { public static int Count => 8; }
internal struct Vectors9 : IVectorCount { public static int Count => 9; }
internal struct Vectors10 : IVectorCount { public static int Count => 10; }
internal struct Vectors11 : IVectorCount { public static int Count => 11; }
internal struct Vectors12 : IVectorCount { public static int Count => 12; }
internal struct Vectors13 : IVectorCount { public static int Count => 13; }
internal struct Vectors14 : IVectorCount { public static int Count => 14; }
internal struct Vectors15 : IVectorCount { public static int Count => 15; }
internal struct Vectors16 : IVectorCount { public static int Count => 16; }
