using System.Diagnostics;
using System.Text.Json;

namespace Otop.Benchmarks;

/// <summary>One line of the results table: our figure, the database's raw figure for the same work, their ratio, the goal.</summary>
public sealed record Result(string Scenario, string Ours, string Raw, double? Ratio, string Goal, bool? Met, string Note = "")
{
    public string RatioText => Ratio is { } r ? $"{r:0.00}" : "–";
    public string MetText => Met switch { true => "met", false => "NOT met", null => "–" };
}

public static class Measure
{
    /// <summary>Sequential timings after a warm-up, in milliseconds.</summary>
    public static async Task<List<double>> TimesAsync(int warmUp, int runs, Func<Task> work)
    {
        for (var i = 0; i < warmUp; i++) await work();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>VmHWM (peak resident memory) of a process in MB, or null when it cannot be read.</summary>
    public static double? PeakMemoryMb(int? pid)
    {
        if (pid is null) return null;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:"));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException) { return null; }
    }

    /// <summary>Resets VmHWM to the current resident size (Linux ≥ 4.0, "echo 5 > /proc/pid/clear_refs").</summary>
    public static bool ResetPeakMemory(int? pid)
    {
        if (pid is null) return false;
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public static void Append(string file, IEnumerable<Result> results)
    {
        var all = Load(file);
        all.AddRange(results);
        File.WriteAllText(file, JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static List<Result> Load(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<List<Result>>(File.ReadAllText(file)) ?? [] : [];

    public static string Markdown(IEnumerable<Result> results)
    {
        var lines = new List<string>
        {
            "| scenario | ours | raw (database) | ratio | goal | |",
            "|---|---|---|---|---|---|",
        };
        lines.AddRange(results.Select(r => $"| {r.Scenario} | {r.Ours} | {r.Raw} | {r.RatioText} | {r.Goal} | {r.MetText}{(r.Note.Length > 0 ? " (" + r.Note + ")" : "")} |"));
        return string.Join("\n", lines);
    }
}
