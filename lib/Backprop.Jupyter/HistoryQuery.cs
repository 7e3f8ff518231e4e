using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backprop.Interactive;

namespace Backprop.Jupyter;

/// <summary>
/// Answers history_request over the session's executed inputs: <c>tail</c> (the last n),
/// <c>range</c> (lines start ≤ line &lt; stop of one session; session 0 or a negative session offset
/// counts from the current one) and <c>search</c> (a glob pattern with * and ?, optionally unique,
/// the last n matches).
/// </summary>
internal static class HistoryQuery
{
    /// <summary>The reply's history list: [session, line, input] or, with output, [session, line, [input, output]].</summary>
    public static JsonArray Answer(JsonObject request, IReadOnlyList<HistoryEntry> entries, IReadOnlyDictionary<int, string> outputs)
    {
        var withOutput = request["output"]?.GetValue<bool>() ?? false;
        var accessType = request["hist_access_type"]?.GetValue<string>() ?? "tail";
        IEnumerable<HistoryEntry> selected = accessType switch
        {
            "tail" => Last(entries, Int(request, "n")),
            "range" => Range(entries, Int(request, "session") ?? 0, Int(request, "start") ?? 0, Int(request, "stop")),
            "search" => Search(entries, request["pattern"]?.GetValue<string>() ?? "*", request["unique"]?.GetValue<bool>() ?? false, Int(request, "n")),
            _ => throw new ArgumentException($"hist_access_type \"{accessType}\" is not one of tail, range, search"),
        };
        var history = new JsonArray();
        foreach (var entry in selected)
        {
            JsonNode input = entry.Input;
            if (withOutput)
            {
                input = new JsonArray(entry.Input, outputs.TryGetValue(entry.LineNumber, out var output) ? output : null);
            }
            history.Add(new JsonArray(entry.Session, entry.LineNumber, input));
        }
        return history;
    }

    private static int? Int(JsonObject request, string name) =>
        request[name] is JsonValue value && value.TryGetValue<double>(out var number) ? (int)number : null;

    private static IEnumerable<HistoryEntry> Last(IEnumerable<HistoryEntry> entries, int? n)
    {
        var list = entries.ToList();
        return n is { } count ? list.Skip(Math.Max(0, list.Count - count)) : list;
    }

    private static IEnumerable<HistoryEntry> Range(IReadOnlyList<HistoryEntry> entries, int session, int start, int? stop)
    {
        // Session numbers ≤ 0 are offsets from the current session (0); this kernel keeps only the current one.
        var current = session <= 0 ? entries.Where(e => e.Session == 0 || e.Session == session) : entries.Where(e => e.Session == session);
        return current.Where(e => e.LineNumber >= start && (stop is not { } end || e.LineNumber < end));
    }

    private static IEnumerable<HistoryEntry> Search(IReadOnlyList<HistoryEntry> entries, string pattern, bool unique, int? n)
    {
        var glob = new Regex(GlobToRegex(pattern), RegexOptions.Singleline | RegexOptions.CultureInvariant);
        var matches = entries.Where(e => glob.IsMatch(e.Input));
        if (unique)
        {
            // Keep the latest occurrence of each input, in history order.
            matches = matches.Reverse().DistinctBy(e => e.Input).Reverse();
        }
        return Last(matches, n);
    }

    private static string GlobToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }
        return regex.Append('$').ToString();
    }
}
