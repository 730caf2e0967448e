using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Audit;

public static partial class AuditChain
{
    /// <summary>At most this many broken entries are listed per chain (all are counted).</summary>
    public const int ListedPerChain = 200;

    /// <summary>
    /// Walks every chain (of <paramref name="province"/> only, when given: its own chain and its districts') in sequence
    /// order and reports every entry that does not fit, with what happened to it, and, against each chain's latest signed
    /// checkpoint, a chain cut short or rewritten after it was signed.
    /// </summary>
    public static async Task<List<ChainReport>> VerifyAsync(AppDbContext db, KeyRing keys, string? province = null, CancellationToken ct = default)
    {
        var latest = await AuditCheckpoints.LatestAsync(db, ct);
        var legacy = await AuditCheckpoints.LegacyAsync(db, ct);
        var reports = new Dictionary<string, ChainReport>(StringComparer.Ordinal);
        ChainReport Report(string chain) => reports.TryGetValue(chain, out var r) ? r : reports[chain] = new ChainReport(chain);
        bool InScope(string chain) => province is null || ProvinceOfChain(chain) == province;

        var boundaries = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var c in legacy.Concat(latest.Values).Where(c => c.Chain != AuditCheckpoints.NoChain && InScope(c.Chain)))
        {
            var genuine = AuditCheckpoints.IsGenuine(c, keys);
            if (genuine != true)
            {
                Report(c.Chain).Add(new BrokenEntry(0, c.Sequence, genuine is null ? "unknown-key" : "forged-checkpoint",
                    genuine is null ? $"จุดตรวจลำดับที่ {N(c.Sequence)} ลงนามด้วยกุญแจ '{c.KeyId}' ที่ไม่มีในแฟ้มกุญแจ" : $"จุดตรวจลำดับที่ {N(c.Sequence)} ถูกปลอมหรือแก้ไข (ลายมือชื่อไม่ตรง)"));
                if (c.Kind != AuditCheckpoints.Legacy) latest.Remove(c.Chain);
                continue;
            }
            if (c.Kind == AuditCheckpoints.Legacy) boundaries[c.Chain] = c.Sequence;
        }

        ChainReport? current = null;
        string previous = "";
        long expected = 0;
        var query = db.AuditEntries.AsNoTracking();
        if (province is not null) query = query.Where(a => a.Chain == province || (a.Chain.Length == 4 && a.Chain.StartsWith(province)));
        await foreach (var e in query.OrderBy(a => a.Chain).ThenBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (current is null || current.Chain != e.Chain)
            {
                if (current is not null) CheckTruncation(current, latest, expected - 1);
                current = Report(e.Chain);
                previous = "";
                expected = 1;
            }
            current.Entries++;
            var seq = N(e.Sequence);
            var checkpoint = latest.GetValueOrDefault(e.Chain);
            BrokenEntry? broken =
                e.Sequence != expected
                    ? new BrokenEntry(e.Id, e.Sequence, e.Sequence > expected ? "missing" : "out-of-order",
                        e.Sequence > expected ? $"ลำดับที่ {N(expected)} ถึง {N(e.Sequence - 1)} หายไป (ถูกลบ)" : $"ลำดับที่ {seq} ซ้ำหรือผิดลำดับ")
                : e.PreviousHash != previous && !(expected > 1 && previous.Length == 0)
                    ? new BrokenEntry(e.Id, e.Sequence, "reordered", $"ลำดับที่ {seq} ไม่ต่อจากรายการก่อนหน้า (ถูกสลับลำดับหรือแทรก)")
                : e.Hash.Length == 0
                    ? new BrokenEntry(e.Id, e.Sequence, "unsealed", $"ลำดับที่ {seq} ถูกลบค่าแฮชออก")
                : !IsKeyed(e) && e.Sequence > boundaries.GetValueOrDefault(e.Chain)
                    ? new BrokenEntry(e.Id, e.Sequence, "unkeyed", $"ลำดับที่ {seq} ไม่ได้ลงนามด้วยกุญแจของระบบ (ถูกสร้างหรือคำนวณแฮชใหม่โดยไม่มีกุญแจ)")
                : HashMatches(e, keys) switch
                {
                    null => new BrokenEntry(e.Id, e.Sequence, "unknown-key", $"ลำดับที่ {seq} ลงนามด้วยกุญแจ '{e.KeyId}' ที่ไม่มีในแฟ้มกุญแจ"),
                    false => new BrokenEntry(e.Id, e.Sequence, "edited", $"ลำดับที่ {seq} ถูกแก้ไขหลังบันทึก (ค่าแฮชไม่ตรง)"),
                    true => checkpoint is not null && checkpoint.Sequence == e.Sequence && checkpoint.Hash != e.Hash
                        ? new BrokenEntry(e.Id, e.Sequence, "rewritten", $"ลำดับที่ {seq} ไม่ตรงกับจุดตรวจที่ลงนามไว้ (ถูกเขียนใหม่)")
                        : null,
                };
            // After an entry whose hash was blanked (reported), the next one's link cannot be checked against it: not reported twice.
            if (broken is not null) current.Add(broken);
            previous = e.Hash;
            expected = Math.Max(expected, e.Sequence + 1);
        }
        if (current is not null) CheckTruncation(current, latest, expected - 1);
        foreach (var chain in latest.Keys.Where(InScope).ToList())
        {
            if (!reports.TryGetValue(chain, out var emptied) || emptied.Entries == 0) CheckTruncation(Report(chain), latest, 0);
        }
        foreach (var (chain, c) in latest) if (reports.TryGetValue(chain, out var r)) r.Checkpoint = new CheckpointMark(c.Sequence, c.At);
        return reports.Values.OrderBy(r => r.Chain, StringComparer.Ordinal).ToList();
    }

    private static void CheckTruncation(ChainReport report, Dictionary<string, AuditCheckpoint> latest, long last)
    {
        if (latest.TryGetValue(report.Chain, out var c) && c.Sequence > last)
        {
            report.Add(new BrokenEntry(0, c.Sequence, "truncated",
                $"จุดตรวจเมื่อ {Otop.Domain.ThaiDates.FormatDateTime(c.At)} ลงนามไว้ {N(c.Sequence)} รายการ แต่เหลือ {N(last)} รายการ (รายการท้ายสายถูกตัดทิ้ง)"));
        }
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}

public sealed class ChainReport(string chain)
{
    public string Chain { get; } = chain;
    public long Entries { get; set; }
    public bool Ok => Problems == 0;
    /// <summary>Every broken entry found, counted; the first <see cref="AuditChain.ListedPerChain"/> are listed.</summary>
    public long Problems { get; private set; }
    public List<BrokenEntry> Broken { get; } = [];
    public BrokenEntry? FirstBroken => Broken.Count > 0 ? Broken[0] : null;
    public CheckpointMark? Checkpoint { get; set; }

    internal void Add(BrokenEntry entry)
    {
        Problems++;
        if (Broken.Count < AuditChain.ListedPerChain) Broken.Add(entry);
    }
}

/// <summary>A broken entry (<see cref="Id"/> 0 when what is broken is the chain's end or a checkpoint, not a stored entry).</summary>
public sealed record BrokenEntry(long Id, long Sequence, string Problem, string Detail);

/// <summary>The chain's latest genuine signed checkpoint: how many entries it had then, and when.</summary>
public sealed record CheckpointMark(long Sequence, DateTimeOffset At);
