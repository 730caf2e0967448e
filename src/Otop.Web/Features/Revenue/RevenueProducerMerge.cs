using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// A merge of duplicate producers (issue 16, item 9) moves their revenue history: the รต.1 entries of every month, the
/// estimate's lines and the evidence files go to the kept producer. Where several of them have a figure for one month the
/// rule is <see cref="ProducerMerge"/>: a zero ("no sales") beside a figure keeps the figure; two figures are refused,
/// naming the months, because nobody can tell a sale reported twice from two sales. Every month keeps its total, certified,
/// confirmed, approved or compiled alike, since the rows stay in the same district's month; the months and estimates
/// touched get a new version, so a page opened before the merge cannot save the merged-away producer's row back.
/// </summary>
public sealed class RevenueProducerMerge : IProducerMergeStep
{
    private sealed record EntryRow(int MonthId, string Month, int EntrepreneurId, decimal Amount);

    private sealed record LineRow(int EstimateId, int FiscalYear, string Month, int EntrepreneurId, decimal Amount);

    public async Task<MergeStepPlan> PlanAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct)
    {
        var (entries, lines) = await ReadAsync(db, ids, ct);
        var refusals = new List<string>();
        var conflictingMonths = entries.GroupBy(e => e.MonthId).Where(g => ProducerMerge.Conflicts(g.Select(e => e.Amount)))
            .Select(g => g.First().Month).Order(StringComparer.Ordinal).ToList();
        if (conflictingMonths.Count > 0)
        {
            refusals.Add($"มีรายได้ของผู้ประกอบการมากกว่าหนึ่งรายในเดือนเดียวกัน: {string.Join(", ", conflictingMonths.Select(ThaiMonth))} "
                + "กรุณาแก้ไขเดือนนั้นให้เหลือตัวเลขของรายเดียว (เดือนที่รับรองแล้วต้องให้จังหวัดปลดล็อกก่อน) แล้วจึงรวมรายการ");
        }
        var conflictingLines = lines.GroupBy(l => (l.EstimateId, l.Month)).Where(g => ProducerMerge.Conflicts(g.Select(l => l.Amount)))
            .Select(g => g.First()).OrderBy(l => l.Month, StringComparer.Ordinal).ToList();
        if (conflictingLines.Count > 0)
        {
            refusals.Add($"มีประมาณการรายได้ของผู้ประกอบการมากกว่าหนึ่งรายในเดือนเดียวกัน: {string.Join(", ", conflictingLines.Select(l => ThaiMonth(l.Month)))} "
                + "กรุณาแก้ไขแบบประมาณการให้เหลือตัวเลขของรายเดียวก่อน");
        }
        var files = await db.RevenueFiles.CountAsync(f => f.EntrepreneurId != null && ids.FromIds.Contains(f.EntrepreneurId.Value), ct);
        var fromEntries = entries.Where(e => e.EntrepreneurId != ids.KeepId).ToList();
        return new MergeStepPlan(
        [
            new MergeMove("เดือนที่มีรายได้ (รต.1)", fromEntries.Select(e => e.MonthId).Distinct().Count()),
            new MergeMove("เดือนในแบบประมาณการรายได้", lines.Where(l => l.EntrepreneurId != ids.KeepId).Select(l => (l.EstimateId, l.Month)).Distinct().Count()),
            new MergeMove("ไฟล์หลักฐานรายได้", files),
        ], refusals);
    }

    public async Task MoveAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct)
    {
        var all = ids.FromIds.Append(ids.KeepId).ToList();
        var entries = await db.Set<RevenueEntry>().Where(e => all.Contains(e.EntrepreneurId)).ToListAsync(ct);
        var months = new HashSet<int>();
        foreach (var slot in entries.GroupBy(e => e.RevenueMonthId).Where(g => g.Any(e => e.EntrepreneurId != ids.KeepId)))
        {
            var amounts = slot.Select(e => e.Amount).ToList();
            var figure = slot.FirstOrDefault(e => e.Amount != 0m) ?? slot.FirstOrDefault(e => e.EntrepreneurId == ids.KeepId) ?? slot.First();
            db.Set<RevenueEntry>().RemoveRange(slot.Where(e => e.EntrepreneurId != ids.KeepId));
            var kept = slot.FirstOrDefault(e => e.EntrepreneurId == ids.KeepId);
            if (kept is null)
            {
                kept = new RevenueEntry { RevenueMonthId = slot.Key, EntrepreneurId = ids.KeepId };
                db.Set<RevenueEntry>().Add(kept);
            }
            kept.Amount = ProducerMerge.Combined(amounts);
            kept.Explanation = figure.Explanation;
            kept.NoSales = kept.Amount == 0m && slot.Any(e => e.NoSales);
            months.Add(slot.Key);
        }

        var lines = await db.Set<RevenueEstimateLine>().Where(l => all.Contains(l.EntrepreneurId)).ToListAsync(ct);
        var estimates = new HashSet<int>();
        foreach (var slot in lines.GroupBy(l => (l.RevenueEstimateId, l.Month)).Where(g => g.Any(l => l.EntrepreneurId != ids.KeepId)))
        {
            var amount = ProducerMerge.Combined(slot.Select(l => l.Amount));
            db.Set<RevenueEstimateLine>().RemoveRange(slot.Where(l => l.EntrepreneurId != ids.KeepId));
            var kept = slot.FirstOrDefault(l => l.EntrepreneurId == ids.KeepId);
            if (kept is null) db.Set<RevenueEstimateLine>().Add(new RevenueEstimateLine { RevenueEstimateId = slot.Key.RevenueEstimateId, EntrepreneurId = ids.KeepId, Month = slot.Key.Month, Amount = amount });
            else kept.Amount = amount;
            estimates.Add(slot.Key.RevenueEstimateId);
        }
        await db.SaveChangesAsync(ct);

        await db.RevenueFiles.Where(f => f.EntrepreneurId != null && ids.FromIds.Contains(f.EntrepreneurId.Value))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.EntrepreneurId, ids.KeepId), ct);
        await db.RevenueMonths.Where(m => months.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.Version, m => m.Version + 1), ct);
        await db.RevenueEstimates.Where(e => estimates.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Version, e => e.Version + 1), ct);
    }

    private static async Task<(List<EntryRow> Entries, List<LineRow> Lines)> ReadAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct)
    {
        var all = ids.FromIds.Append(ids.KeepId).ToList();
        var entries = await db.Set<RevenueEntry>().AsNoTracking().Where(e => all.Contains(e.EntrepreneurId))
            .Select(e => new EntryRow(e.RevenueMonthId, e.RevenueMonth.Month, e.EntrepreneurId, e.Amount)).ToListAsync(ct);
        var lines = await db.Set<RevenueEstimateLine>().AsNoTracking().Where(l => all.Contains(l.EntrepreneurId))
            .Select(l => new LineRow(l.RevenueEstimateId, l.RevenueEstimate.FiscalYear, l.Month, l.EntrepreneurId, l.Amount)).ToListAsync(ct);
        return (entries, lines);
    }

    private static string ThaiMonth(string month) => YearMonth.TryParse(month, out var m) ? RevenueMonth.ThaiMonth(m) : month;
}
