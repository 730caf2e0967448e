using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Registry;

/// <summary>The producer kept and those merged into it, by id.</summary>
public sealed record ProducerMergeIds(int KeepId, IReadOnlyList<int> FromIds);

/// <summary>One kind of row that moves to the kept producer, in Thai (shown before the merge, audited after), and how many.</summary>
public sealed record MergeMove(string What, int Count);

/// <summary>What a step would move, and why it cannot (Thai, naming the months).</summary>
public sealed record MergeStepPlan(IReadOnlyList<MergeMove> Moves, IReadOnlyList<string> Refusals);

/// <summary>
/// What another feature moves when duplicate producers are merged (issue 16, item 9): its rows of the producers merged away
/// (revenue months, estimate lines, survey answers) go to the kept one. <see cref="MoveAsync"/> runs inside the merge's
/// transaction and saves its own changes; a failure there leaves everything as it was.
/// </summary>
public interface IProducerMergeStep
{
    Task<MergeStepPlan> PlanAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct);

    Task MoveAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct);
}

public sealed record MergePlan(Entrepreneur Keep, IReadOnlyList<Entrepreneur> From, IReadOnlyList<MergeMove> Moves, IReadOnlyList<string> Refusals);

public sealed record MergeResult(string Keep, IReadOnlyList<string> From, IReadOnlyList<MergeMove> Moved, int Version);

/// <summary>
/// Merges likely duplicate producers of one district (the quality page's list) into the one the officer keeps: their
/// products (codes unchanged: a product's code is its own, the registry ties it to no producer code) with their online
/// listings, and every feature's rows through <see cref="IProducerMergeStep"/>. The records merged away stay, inactive,
/// with a pointer to the kept one. Scope is checked on every record (404 outside it), versions on every record (409), and
/// all of it is one transaction. Rows move only between producers of one district, so every month's total, and every
/// district, province and national sum built from them, stays the same.
/// </summary>
public sealed class ProducerMerging(AppDbContext db, CurrentUser me, TimeProvider clock, DistrictWriteGuard guard, IEnumerable<IProducerMergeStep> steps)
{
    public async Task<(MergePlan? Plan, Refusal? Refusal)> PlanAsync(string keepCode, IEnumerable<string?> fromCodes, CancellationToken ct)
    {
        if (!me.CanWrite) return (null, new Refusal(403, "ผู้ดูข้อมูลรวมรายการผู้ประกอบการไม่ได้"));
        var keepKey = ThaiDigits.ToArabic(keepCode.Trim());
        var from = fromCodes.Select(c => ThaiDigits.ToArabic(c?.Trim() ?? "")).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var codes = from.Append(keepKey).ToList();
        var found = await db.Entrepreneurs.VisibleTo(me.Scope).Where(e => codes.Contains(e.Code)).ToListAsync(ct);
        var keep = found.FirstOrDefault(e => e.Code == keepKey);
        if (keep is null) return (null, new Refusal(404, $"ไม่พบผู้ประกอบการรหัส {keepKey}"));
        // A merge moves registry records and their history, so it waits out the 6th–10th close like every registry write
        // (decision 014); said before anything else, so the preview tells the officer too.
        if (await guard.CheckAsync(keep.DistrictCode, DistrictWrite.Of(DistrictWriteKind.Registry), ct) is { } closed) return (null, closed);
        if (from.Count == 0) return (null, Refusal.Invalid("from", "กรุณาเลือกผู้ประกอบการที่จะรวมเข้ากับรายการที่เก็บไว้อย่างน้อย 1 ราย"));
        if (from.Contains(keepKey)) return (null, Refusal.Invalid("from", $"รายการที่เก็บไว้ ({keepKey}) ต้องไม่อยู่ในรายการที่จะรวมเข้า"));
        var missing = from.Where(c => found.All(e => e.Code != c)).ToList();
        if (missing.Count > 0) return (null, new Refusal(404, $"ไม่พบผู้ประกอบการรหัส {string.Join(", ", missing)}"));
        var merged = found.Where(e => from.Contains(e.Code)).OrderBy(e => e.Code, StringComparer.Ordinal).ToList();
        if (merged.Prepend(keep).FirstOrDefault(e => e.Status == RegistryStatus.Merged) is { } gone)
        {
            return (null, new Refusal(409, $"ผู้ประกอบการ {gone.Code} ถูกรวมเข้ากับ {gone.MergedIntoCode} ไปแล้ว"));
        }
        if (merged.FirstOrDefault(e => e.DistrictCode != keep.DistrictCode) is { } other)
        {
            return (null, Refusal.Invalid("from", $"รวมได้เฉพาะผู้ประกอบการในอำเภอเดียวกัน: {other.Code} อยู่อำเภอรหัส {other.DistrictCode} แต่ {keep.Code} อยู่อำเภอรหัส {keep.DistrictCode}"));
        }

        var ids = new ProducerMergeIds(keep.Id, merged.Select(e => e.Id).ToList());
        var products = await db.Products.CountAsync(p => ids.FromIds.Contains(p.EntrepreneurId), ct);
        var listings = await db.OnlineListings.CountAsync(l => ids.FromIds.Contains(l.Product.EntrepreneurId), ct);
        var moves = new List<MergeMove> { new("ผลิตภัณฑ์", products), new("ช่องทางจำหน่ายออนไลน์ (ย้ายไปกับผลิตภัณฑ์)", listings) };
        var refusals = new List<string>();
        foreach (var step in steps)
        {
            var plan = await step.PlanAsync(db, ids, ct);
            moves.AddRange(plan.Moves);
            refusals.AddRange(plan.Refusals);
        }
        return (new MergePlan(keep, merged, moves, refusals), null);
    }

    /// <param name="versions">the version of every record (kept and merged) as the officer saw it</param>
    public async Task<(MergeResult? Result, Refusal? Refusal)> MergeAsync(string keepCode, IEnumerable<string?> fromCodes,
        IReadOnlyDictionary<string, int>? versions, CancellationToken ct)
    {
        var (plan, refusal) = await PlanAsync(keepCode, fromCodes, ct);
        if (refusal is not null) return (null, refusal);
        var all = plan!.From.Prepend(plan.Keep).ToList();
        var unversioned = all.Where(e => versions?.ContainsKey(e.Code) != true).Select(e => e.Code).ToList();
        if (unversioned.Count > 0)
        {
            return (null, Refusal.Invalid("versions", $"กรุณาส่งรุ่นข้อมูล (version) ของผู้ประกอบการทุกราย ขาด: {string.Join(", ", unversioned)}"));
        }
        if (all.FirstOrDefault(e => e.Version != versions![e.Code]) is { } stale) return (null, Stale(stale.UpdatedBy, stale.UpdatedAt));
        if (plan.Refusals.Count > 0) return (null, new Refusal(409, "รวมรายการไม่ได้: " + string.Join(" ", plan.Refusals)));

        var now = clock.GetUtcNow();
        var ids = new ProducerMergeIds(plan.Keep.Id, plan.From.Select(e => e.Id).ToList());
        var fromCodesList = plan.From.Select(e => e.Code).ToList();
        var oldStatus = plan.From.ToDictionary(e => e.Code, e => RegistryApi.Status(e.Status));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var e in plan.From)
        {
            e.Status = RegistryStatus.Merged;
            e.MergedIntoCode = plan.Keep.Code;
        }
        foreach (var e in all)
        {
            e.Version++;
            e.UpdatedAt = now;
            e.UpdatedBy = me.UserName;
        }
        try
        {
            await db.SaveChangesAsync(ct); // the versions of every record are checked here, before anything moves
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved one of them between our read and write: name who, from the stored rows.
            var allIds = ids.FromIds.Append(ids.KeepId).ToList();
            var latest = await db.Entrepreneurs.AsNoTracking().Where(e => allIds.Contains(e.Id)).OrderByDescending(e => e.UpdatedAt)
                .Select(e => new { e.UpdatedBy, e.UpdatedAt }).FirstAsync(ct);
            return (null, Stale(latest.UpdatedBy, latest.UpdatedAt));
        }
        await db.Products.Where(p => ids.FromIds.Contains(p.EntrepreneurId)).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.EntrepreneurId, ids.KeepId).SetProperty(p => p.Version, p => p.Version + 1)
            .SetProperty(p => p.UpdatedAt, now).SetProperty(p => p.UpdatedBy, me.UserName), ct);
        foreach (var step in steps) await step.MoveAsync(db, ids, ct);

        var moved = plan.Moves.Where(m => m.Count > 0).ToList();
        var summary = $"รวม {string.Join(", ", plan.From.Select(e => $"{e.Code} {e.Name}"))} เข้ากับ {plan.Keep.Code} {plan.Keep.Name}: "
            + (moved.Count == 0 ? "ไม่มีข้อมูลต้องย้าย" : "ย้าย" + string.Join(", ", moved.Select(m => $"{m.What} {m.Count} รายการ")));
        var newValue = new { keep = plan.Keep.Code, from = fromCodesList, moved = moved.ToDictionary(m => m.What, m => m.Count) };
        AuditLog.Record(db, me, clock, "entrepreneur", plan.Keep.Code, "merge",
            new { versions = all.ToDictionary(e => e.Code, e => e.Version - 1) }, newValue, summary, plan.Keep.ProvinceCode);
        foreach (var e in plan.From)
        {
            AuditLog.Record(db, me, clock, "entrepreneur", e.Code, "merged-into", new { status = oldStatus[e.Code], e.Name },
                new { status = "merged", mergedInto = plan.Keep.Code }, summary, plan.Keep.ProvinceCode);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (new MergeResult(plan.Keep.Code, fromCodesList, moved, plan.Keep.Version), null);
    }

    private static Refusal Stale(string updatedBy, DateTimeOffset updatedAt) =>
        new(409, RegistryRules.StaleMessage("ข้อมูลผู้ประกอบการที่จะรวม", updatedBy, updatedAt));
}
