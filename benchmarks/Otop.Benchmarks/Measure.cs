using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Otop.Benchmarks;

/// <summary>
/// One line of the results table: our figure, the database's raw figure for the same work, their ratio, the goal. Issue 18
/// item 2: every figure from <see cref="Samples"/> ≥ 5 repeats (min / median / max in the text), failed requests counted
/// apart (<see cref="Failures"/>, never a save nor a latency), and the load average before the scenario ran.
/// </summary>
public sealed record Result(string Scenario, string Ours, string Raw, double? Ratio, string Goal, bool? Met, string Note = "")
{
    public int Samples { get; init; }
    public int Failures { get; init; }
    public LoadBefore? Load { get; init; }
    public string RatioText => Ratio is { } r ? $"{r:0.00}" : "–";
    public string MetText => Met switch { true => "met", false => "NOT met", null => "–" };
}

/// <summary>/proc/loadavg just before a scenario; a run is "not quiet" when the 1-minute load is above the core count.</summary>
public sealed record LoadBefore(double One, double Five, double Fifteen, int Cores)
{
    public bool Quiet => One <= Cores;
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{One:0.00} {Five:0.00} {Fifteen:0.00}{(Quiet ? "" : " NOT QUIET")}");

    /// <summary>
    /// Waits (up to <paramref name="most"/>) for the 1-minute load to fall to the core count before a scenario, then reads it.
    /// The harness's own bulk load and the scenario before leave the load at 2–3 on two cores for a minute or so; a figure
    /// timed in that tail is the previous scenario's noise, not the machine's (issue 18 item 2: only quiet runs quoted).
    /// </summary>
    public static async Task<LoadBefore> SettleAsync(TextWriter log, TimeSpan most)
    {
        var watch = Stopwatch.StartNew();
        var load = Read();
        while (!load.Quiet && watch.Elapsed < most)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            load = Read();
        }
        if (watch.Elapsed > TimeSpan.FromSeconds(1))
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"waited {watch.Elapsed.TotalSeconds:0} s for the load to settle: {load}"));
        return load;
    }

    public static LoadBefore Read()
    {
        var parts = File.ReadAllText("/proc/loadavg").Split(' ');
        double At(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
        return new(At(0), At(1), At(2), Environment.ProcessorCount);
    }
}

/// <summary>Min / median / max of one figure over its samples.</summary>
public sealed record Spread(double Min, double Median, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var list = values.Where(v => !double.IsNaN(v)).ToList();
        return list.Count == 0 ? new(double.NaN, double.NaN, double.NaN) : new(list.Min(), Measure.Median(list), list.Max());
    }

    /// <summary>"12.3 (min 10.1, max 15.0)": the median first, as the ratio uses it.</summary>
    public string Text(string format, string unit = "") =>
        $"{Median.ToString(format, CultureInfo.InvariantCulture)}{unit} (min {Min.ToString(format, CultureInfo.InvariantCulture)}, max {Max.ToString(format, CultureInfo.InvariantCulture)})";
}

/// <summary>The latencies of one figure's samples (each sample one repeat of the measurement) and the requests that failed.</summary>
public sealed class Sampled
{
    public List<List<double>> Samples { get; } = [];
    public int Failures { get; set; }
    public int Count => Samples.Sum(s => s.Count);

    /// <summary>The figure <paramref name="p"/> of each sample, then its spread; named "max" when a sample is too small for it.</summary>
    public (string Name, Spread Spread) Tail(double p)
    {
        var smallest = Samples.Where(s => s.Count > 0).Select(s => s.Count).DefaultIfEmpty(0).Min();
        return (Measure.TailName(p, smallest), Spread.Of(Samples.Select(s => Measure.Percentile(s, p))));
    }

    public string Text(double p = 95) => $"p50 {Spread.Of(Samples.Select(Measure.Median)).Text("0.0", " ms")}, {Tail(p).Name} {Tail(p).Spread.Text("0.0", " ms")}";
}

public static class Measure
{
    /// <summary>Issue 18 item 2: at least five samples of every figure.</summary>
    public const int Samples = 5;

    /// <summary>Sequential timings after a warm-up, in milliseconds (every call must succeed: for setup and reference figures).</summary>
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

    /// <summary>
    /// One sample of <paramref name="runs"/> sequential calls added to <paramref name="into"/>: a call that answers false (a
    /// non-2xx status) or throws (a timeout, a refused connection) is counted as a failure and not as a latency.
    /// </summary>
    public static async Task SampleAsync(Sampled into, int runs, Func<Task<bool>> work)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            bool ok;
            try { ok = await work(); }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { ok = false; }
            if (ok) times.Add(watch.Elapsed.TotalMilliseconds);
            else into.Failures++;
        }
        into.Samples.Add(times);
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted[Rank(p, sorted.Count)];
    }

    private static int Rank(double p, int count) => Math.Clamp((int)Math.Ceiling(p / 100 * count) - 1, 0, count - 1);

    /// <summary>"p99" only when it is not the largest value (100 or more values for p99, 20 for p95); else "max", which it is.</summary>
    public static string TailName(double p, int count) => count == 0 || Rank(p, count) == count - 1 ? "max" : $"p{p:0}";

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    /// <summary>VmRSS (resident memory now) of a process in MB, or null when it cannot be read.</summary>
    public static double? ResidentMemoryMb(int? pid) => StatusMb(pid, "VmRSS:");

    /// <summary>VmHWM (peak resident memory) of a process in MB, or null when it cannot be read.</summary>
    public static double? PeakMemoryMb(int? pid) => StatusMb(pid, "VmHWM:");

    private static double? StatusMb(int? pid, string field)
    {
        if (pid is null) return null;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException) { return null; }
    }

    /// <summary>User + system CPU seconds of a process so far (/proc/PID/stat fields 14 and 15), or null.</summary>
    public static double? CpuSeconds(int? pid)
    {
        if (pid is null) return null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "(comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are at 11 and 12; clock ticks of 1/100 s.
            return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
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

    /// <summary>Appends a scenario's lines, each with the load average read before the scenario ran.</summary>
    public static void Append(string file, IEnumerable<Result> results, LoadBefore? load = null)
    {
        var all = Load(file);
        all.AddRange(results.Select(r => r.Load is null && load is not null ? r with { Load = load } : r));
        File.WriteAllText(file, JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static List<Result> Load(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<List<Result>>(File.ReadAllText(file)) ?? [] : [];

    public static string Markdown(IEnumerable<Result> results)
    {
        var list = results.ToList();
        var lines = new List<string>
        {
            "Figures: median of the samples (min, max); \"max\" where a sample is too small for the percentile named. " +
            "Load: /proc/loadavg (1, 5, 15 min) before the scenario; NOT QUIET when the 1-min load was above the core count.",
            "",
            "| scenario | ours | raw (database) | ratio | goal | | samples | failed | load before |",
            "|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(list.Select(r => $"| {r.Scenario} | {r.Ours} | {r.Raw} | {r.RatioText} | {r.Goal} | {r.MetText}{(r.Note.Length > 0 ? " (" + r.Note + ")" : "")} | {r.Samples} | {r.Failures} | {r.Load?.ToString() ?? "–"} |"));
        var noisy = list.Where(r => r.Load is { Quiet: false }).Select(r => r.Scenario.Split(' ')[0]).Distinct().ToList();
        lines.Add("");
        lines.Add(noisy.Count == 0 ? "Every scenario started on a quiet machine (1-min load ≤ cores)." :
            $"NOT QUIET: {string.Join(", ", noisy)} started with the 1-min load above the {Environment.ProcessorCount} cores; do not quote those figures as the machine's.");
        return string.Join("\n", lines);
    }
}
