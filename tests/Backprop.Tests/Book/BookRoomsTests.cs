namespace Backprop.Tests.Book;

/// <summary>
/// The book's code reads like the book: the rooms that hold it (Graph, Layers, Networks, Optimizers,
/// Functions.cs, NumericalGradient.cs, Training/Trainer.cs) hold none of what makes it fast — that lives
/// in lib/Backprop.Engine.
/// </summary>
public sealed class BookRoomsTests
{
    [Fact]
    public void The_books_rooms_hold_no_intrinsics_raw_memory_threads_or_GC_tuning()
    {
        var library = Path.Combine(BookRooms.RepositoryRoot(), "lib", "Backprop");
        var files = BookRooms.Files(library).ToList();
        var found = files
            .SelectMany(file => BookRooms.Violations(File.ReadAllText(file)).Select(v => $"{Path.GetRelativePath(library, file)} {v}"))
            .ToList();

        Assert.True(files.Count >= 20, $"only {files.Count} files found in the book's rooms under {library}");
        Assert.True(found.Count == 0, "the book's rooms must leave these to lib/Backprop.Engine:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("var v = Vector256.Create(1.0);", "hardware intrinsics")]
    [InlineData("using System.Runtime.Intrinsics.X86;", "hardware intrinsics")]
    [InlineData("var s = MemoryMarshal.Cast<double, long>(x);", "raw memory")]
    [InlineData("unsafe { }", "raw memory")]
    [InlineData("Parallel.For(0, 2, i => { });", "threads")]
    [InlineData("var t = Task.Run(() => 1);", "threads")]
    [InlineData("[ThreadStatic] static int x;", "threads")]
    [InlineData("Interlocked.Increment(ref n);", "synchronisation")]
    [InlineData("var w = new SpinWait();", "synchronisation")]
    [InlineData("var a = GC.AllocateUninitializedArray<double>(5);", "GC or OS tuning")]
    public void Each_kind_of_construct_is_found_with_its_line(string code, string what)
    {
        var violations = BookRooms.Violations($"namespace X;\n\n{code}\n").ToList();

        Assert.Contains(violations, v => v.StartsWith($"line 3: {what}", StringComparison.Ordinal));
    }

    [Fact]
    public void Comments_and_words_inside_names_do_not_count()
    {
        var source = """
            // a Task for the reader: Parallel.For would be faster
            /* GC.Collect() */
            var taskCount = 3;   // Thread.Sleep
            var text = "Parallel.For";
            public Matrix<double> Forward(Matrix<double> x) => x;
            """;

        Assert.Empty(BookRooms.Violations(source));
    }
}
