using Backprop.Notebooks.Tests.Support;

namespace Backprop.Notebooks.Tests.Chapter;

/// <summary>The chapter's notebooks as committed in notebooks/.</summary>
internal static class ChapterNotebooks
{
    public static readonly string[] Names =
    [
        "01-computational-graph",
        "02-activation-layers",
        "03-affine-and-softmax-with-loss",
        "04-gradient-check",
        "05-training",
        "06-from-scratch-without-classes",
        "07-beyond-the-chapter",
    ];

    public static string Folder => Path.Combine(RepositoryRoot.Find() ?? throw new InvalidOperationException("not run from a checkout"), "notebooks");

    public static string PathOf(string name) => Path.Combine(Folder, name + ".ipynb");

    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in Names)
            {
                data.Add(name);
            }
            return data;
        }
    }
}
