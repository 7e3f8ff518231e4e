using System.Text.Json.Nodes;
using Backprop.Interactive;
using Backprop.Notebooks.Model;

namespace Backprop.Notebooks.Running;

/// <summary>
/// Collects what running cells publish into nbformat outputs as Jupyter frontends keep them:
/// consecutive stream text of one name merged, update_display_data applied in place to every
/// earlier display with that id (in any cell of the run), clear_output honoured (with wait: at the
/// next output). Thread-safe: training callbacks publish from other threads.
/// </summary>
internal sealed class OutputCollector : IOutputPublisher
{
    private readonly object gate = new();
    private readonly List<List<Slot>> runs = new();
    private List<Slot> current = new();
    private bool clearPending;

    /// <summary>Starts collecting a new cell's outputs; returns the run index to read them back with.</summary>
    public int BeginCell()
    {
        lock (gate)
        {
            current = new List<Slot>();
            runs.Add(current);
            clearPending = false;
            return runs.Count - 1;
        }
    }

    public IReadOnlyList<NotebookOutput> OutputsOf(int run)
    {
        lock (gate)
        {
            return runs[run].Select(slot => slot.Output).ToList();
        }
    }

    public void Stream(string name, string text)
    {
        lock (gate)
        {
            ApplyPendingClear();
            if (current.Count > 0 && current[^1].Output is StreamOutput last && last.Name == name)
            {
                current[^1].Output = last with { Text = last.Text + text };
            }
            else
            {
                current.Add(new Slot(new StreamOutput(name, text), null));
            }
        }
    }

    public void Display(MimeBundle bundle, string? displayId)
    {
        lock (gate)
        {
            ApplyPendingClear();
            current.Add(new Slot(ToOutput(bundle), displayId));
        }
    }

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        lock (gate)
        {
            foreach (var slot in runs.SelectMany(run => run).Where(slot => slot.DisplayId == displayId))
            {
                slot.Output = ToOutput(bundle);
            }
        }
    }

    public void ClearOutput(bool wait)
    {
        lock (gate)
        {
            if (wait)
            {
                clearPending = true;
            }
            else
            {
                current.Clear();
                clearPending = false;
            }
        }
    }

    /// <summary>Adds the execute_result or error that ends a cell.</summary>
    public void Add(NotebookOutput output)
    {
        lock (gate)
        {
            ApplyPendingClear();
            current.Add(new Slot(output, null));
        }
    }

    internal static JsonObject CopyBundle(JsonObject data) => NotebookReader.ReadBundle(data.DeepClone());

    private static DisplayDataOutput ToOutput(MimeBundle bundle) =>
        new(CopyBundle(bundle.Data), (JsonObject)bundle.Metadata.DeepClone());

    private void ApplyPendingClear()
    {
        if (clearPending)
        {
            current.Clear();
            clearPending = false;
        }
    }

    private sealed class Slot(NotebookOutput output, string? displayId)
    {
        public NotebookOutput Output { get; set; } = output;

        public string? DisplayId { get; } = displayId;
    }
}
