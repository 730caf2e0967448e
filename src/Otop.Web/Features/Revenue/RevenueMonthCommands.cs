using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Notifications;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Writing a district month (letter 2, clauses 3–4; CONTRACT.md "Revenue"): the PUT that replaces its entries and the
/// workflow steps (certify, confirm, return, approve, unlock), used by the API and the pages so both refuse the same
/// things the same way. Each checks who (roles and scope), when (<see cref="RevenueWindow"/>) and what is sent; the
/// month itself checks its state (<see cref="RevenueMonth"/>). Every change is audited.
/// </summary>
public static class RevenueMonthCommands
{
    /// <summary>A district has a few hundred producers; a month with more entries than this is not a real month.</summary>
    public const int MaxEntries = 5000;

    /// <summary>What a save reads before it writes: the month's row (null when never stored) and the fiscal year's settings.</summary>
    private sealed record SaveRead(RevenueMonth? Row, FiscalYearSetting? Setting);

    private sealed record NamedProducer(int Id, string Code);

    /// <summary>
    /// The district in the saver's scope (<see cref="ScopeQueries.Filter"/>, the pair <see cref="ScopeQueries.VisibleTo{T}"/>
    /// applies), its month and the fiscal year's settings; left joins only (no APPLY, which SQLite cannot run). The month
    /// and, after it, the producers are read by that district's code, so they stay inside the scope too. The district's
    /// code, (district, month) and the fiscal year are each unique, so this is one row or none.
    /// </summary>
    private static readonly Func<AppDbContext, string, string, int, string?, string?, CancellationToken, Task<SaveRead?>> ReadForSave =
        EF.CompileAsyncQuery((AppDbContext db, string districtCode, string month, int fiscalYear, string? province, string? district, CancellationToken ct) =>
            (from o in db.Set<OrgUnit>().AsNoTracking()
             where o.Code == districtCode && o.Level == OrgLevel.District
                   && (province == null || o.ParentCode == province) && (district == null || o.Code == district)
             join m in db.Set<RevenueMonth>().AsNoTracking().Where(m => m.Month == month) on o.Code equals m.DistrictCode into months
             from m in months.DefaultIfEmpty()
             from s in db.Set<FiscalYearSetting>().AsNoTracking().Where(s => s.FiscalYear == fiscalYear).DefaultIfEmpty()
             select new SaveRead(m, s)).FirstOrDefault());

    /// <summary>The district's producers among the codes a save names (unknown codes are refused by name afterwards).</summary>
    private static readonly Func<AppDbContext, string, string[], IAsyncEnumerable<NamedProducer>> ProducersNamed =
        EF.CompileAsyncQuery((AppDbContext db, string districtCode, string[] codes) =>
            db.Set<Entrepreneur>().AsNoTracking().Where(e => e.DistrictCode == districtCode && codes.Contains(e.Code)).Select(e => new NamedProducer(e.Id, e.Code)));

    /// <summary>
    /// PUT semantics: the entries given replace the month's entries. <paramref name="version"/> is the version the caller
    /// read (null or 0 for a month never written); anything else than the stored version is a 409 naming who changed it.
    /// </summary>
    public static async Task<(int Version, Refusal? Refusal)> SaveAsync(AppDbContext db, CurrentUser me, TimeProvider clock, RevenueMetrics metrics,
        string districtCode, string monthText, int? version, IReadOnlyList<EntryInput>? entries, CancellationToken ct)
    {
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin))
        {
            return (0, new Refusal(403, "เฉพาะพัฒนากรและพัฒนาการอำเภอของอำเภอนั้น (หรือผู้ดูแลระบบระดับกรม) เท่านั้นที่บันทึกรายได้ได้"));
        }
        if (!me.Scope.Covers(districtCode)) return (0, ScopedDistricts.OutOfScope(districtCode));
        var early = RevenueMonthQueries.ParseMonth(monthText, out var month) ?? EntriesRefusal(entries);
        if (early is not null || entries is null)
        {
            // These need no database, but an unknown district has always been answered first (404 before 400/422).
            var (_, refusal) = await ScopedDistricts.FindAsync(db, me, districtCode, ct);
            return (0, refusal ?? early!);
        }

        // Two compiled queries for everything the refusals below need (the month-end surge of docs/benchmarks.md, B2): the
        // district with the month's own row (its Version is the concurrency token; the entries are replaced set-wise below,
        // so they are not loaded) and the fiscal year's cycle, then the (id, code) pairs of the producers the payload names.
        // Compiled, and without a collection in the projection: EF's shaper for a nested list made its delegates anew on
        // every save (about 6 % of the app's CPU in the surge), and the cache lookup of a query this size cost as much again.
        var key = month.ToString();
        var (scopeProvince, scopeDistrict) = me.Scope.Filter();
        var found = await ReadForSave(db, districtCode, key, month.FiscalYear, scopeProvince, scopeDistrict, ct);
        if (found is null) return (0, ScopedDistricts.NoSuchDistrict(districtCode));
        var row = found.Row;

        var now = clock.GetUtcNow();
        var cycle = MonthlyCycles.Of(found.Setting);
        if (RevenueWindow.RefusalFor(me, month, now, cycle, row?.Unlocked ?? false, RevenueAction.Edit) is { } closed) return (0, closed);
        if ((version ?? 0) != (row?.Version ?? 0)) return (0, await StaleAsync(db, row, month));
        if (row?.EditRefusal() is { } wrongState) return (0, wrongState);

        var codes = entries.Select(e => e?.EntrepreneurCode?.Trim()).OfType<string>().Where(c => c.Length > 0).Distinct().ToArray();
        var producers = new Dictionary<string, int>(codes.Length, StringComparer.Ordinal);
        if (codes.Length > 0)
        {
            await foreach (var producer in ProducersNamed(db, districtCode, codes).WithCancellation(ct)) producers[producer.Code] = producer.Id;
        }
        if (RowsRefusal(entries, producers, districtCode) is { } invalid) return (0, invalid);

        var incoming = entries.ToDictionary(e => e.EntrepreneurCode!.Trim());
        var replacement = incoming.Select(kv => new RevenueEntry
        {
            EntrepreneurId = producers[kv.Key],
            Amount = RevenueFigures.WithoutNegativeZero(kv.Value.EffectiveAmount!.Value),
            Explanation = string.IsNullOrWhiteSpace(kv.Value.Explanation) ? null : kv.Value.Explanation.Trim(),
            NoSales = kv.Value.NoSales == true,
        }).ToList();
        // Exactly the sum of the entries stored (at most 2 decimals each, so the sum needs no rounding).
        var total = RevenueFigures.WithoutNegativeZero(replacement.Sum(e => e.Amount));
        var before = row is null ? null : new { status = RevenueWorkflow.StatusName(row.Status), version = row.Version, total = row.Total, late = row.Late, unlocked = row.Unlocked };

        var isNew = row is null;
        row ??= RevenueMonth.New(districtCode, month);
        var committed = false;
        try
        {
            // The audit entry is made once the writer has the entries it replaced and the row its new version and total;
            // the writer links it last, so the chain's lock is held only for the chain head, one insert and the commit.
            committed = await RevenueEntriesWriter.For(db).SaveAsync(db, row, isNew, replacement, total, me.UserName, now,
                AuditChain.ChainOf(row.ProvinceCode, me), replaced => AuditLog.New(me, clock, "revenue", RevenueMonth.AuditKey(districtCode, month), "update",
                    before is null || replaced is null ? null : new
                    {
                        before.status, before.version, before.total, before.late, before.unlocked,
                        entries = replaced.OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => new { entrepreneurCode = e.Code, amount = e.Amount }).ToList(),
                    },
                    new { status = RevenueWorkflow.StatusName(row.Status), version = row.Version, total = row.Total,
                        entries = incoming.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new { entrepreneurCode = kv.Key, amount = kv.Value.EffectiveAmount, noSales = kv.Value.NoSales == true ? true : (bool?)null }) },
                    provinceCode: row.ProvinceCode), ct);
        }
        catch (Exception e) when (DbErrors.IsConcurrentWrite(e))
        {
        }
        if (committed)
        {
            metrics.Saved();
        }
        else
        {
            // A concurrent writer got there first (stale version token, or the same month created twice): say who and when.
            db.ChangeTracker.Clear();
            var winner = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
                .FirstOrDefaultAsync(m => m.DistrictCode == districtCode && m.Month == key, ct);
            return (0, winner is null ? ConcurrentWrite : await StaleAsync(db, winner, month));
        }
        return (row.Version, null);
    }

    /// <summary>
    /// certify, confirm, return, approve, unlock: who, when (the window), from which state, with which reason. With
    /// <paramref name="expectedVersion"/> (the province's queue) a month changed since the caller read it answers 409.
    /// </summary>
    public static async Task<(RevenueMonthDto? Month, Refusal? Refusal)> TransitionAsync(AppDbContext db, CurrentUser me, TimeProvider clock,
        string districtCode, string monthText, RevenueAction action, string? reason, CancellationToken ct, RevenueOptions? options = null,
        int? expectedVersion = null)
    {
        var (districtUnit, refusal) = await ScopedDistricts.FindAsync(db, me, districtCode, ct);
        if (refusal is not null) return (null, refusal);
        if (RevenueMonthQueries.ParseMonth(monthText, out var month) is { } bad) return (null, bad);
        if (RoleRefusal(me, action) is { } forbidden) return (null, forbidden);

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (action is RevenueAction.Return or RevenueAction.Unlock)
        {
            if (reason is null) return (null, Refusal.Invalid(new Dictionary<string, string[]> { ["reason"] = [$"กรุณาระบุเหตุผลที่{RevenueWorkflow.ThaiActionName(action)}"] }, "กรุณาระบุเหตุผล"));
            if (reason.Length > 2000) return (null, Refusal.Invalid(new Dictionary<string, string[]> { ["reason"] = ["เหตุผลยาวได้ไม่เกิน 2,000 ตัวอักษร"] }, "เหตุผลยาวเกินไป"));
        }

        var key = month.ToString();
        var stored = await db.RevenueMonths.VisibleTo(me.Scope)
            .Where(m => m.DistrictCode == districtCode && m.Month == key)
            .Include(m => m.Entries).ThenInclude(e => e.Entrepreneur)
            .FirstOrDefaultAsync(ct);
        var row = stored ?? RevenueMonth.New(districtCode, month);

        var now = clock.GetUtcNow();
        var cycle = await db.CycleForAsync(month, ct);
        if (RevenueWindow.RefusalFor(me, month, now, cycle, row.Unlocked, action) is { } closed) return (null, closed);
        if (expectedVersion is { } expected && expected != row.Version) return (null, await StaleAsync(db, stored, month));

        var old = stored is null ? null : Snapshot(stored);
        var refused = action switch
        {
            // The state first: the figures' hash and the reference figures are read only for a month that may be certified.
            RevenueAction.Certify => row.StepRefusal(RevenueAction.Certify)
                ?? RevenueCompleteness.NotYetCertifiable(month, now, options?.CertifyFromDay ?? RevenueOptions.DefaultCertifyFromDay)
                ?? await RevenueCompleteness.IncompleteAsync(db, districtCode, month, ct) ?? row.Certify(me.UserName, now,
                RevenueReports.Rt2Hash(districtUnit!.NameTh, month, row.Entries.Select(e => (e.Entrepreneur.Code, e.Entrepreneur.Name, e.Entrepreneur.Type, e.Amount))),
                await UnexplainedFlagsAsync(db, row, month, ct)),
            RevenueAction.Confirm => row.Confirm(me.UserName, now, cycle),
            RevenueAction.Return => row.Return(me.UserName, now, reason!),
            RevenueAction.Approve => row.Approve(me.UserName, now),
            RevenueAction.Unlock => row.Unlock(me.UserName, now, cycle, reason),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
        };
        if (refused is not null) return (null, refused);
        if (stored is null) db.RevenueMonths.Add(row);

        AuditLog.Record(db, me, clock, "revenue", RevenueMonth.AuditKey(districtCode, month), ActionName(action), old, Snapshot(row),
            reason, row.ProvinceCode);
        // The district hears at once, in the same transaction: the bell now, e-mail and LINE through the outbox.
        if (action is RevenueAction.Return or RevenueAction.Unlock)
        {
            await Notices.AddForDistrictAsync(db, clock, districtCode, MonthNotice(action, districtUnit!.NameTh, districtCode, month, reason!, row.Version, now), ct);
        }
        if (await SaveOrConflictAsync(db, ct) is { } conflict) return (null, conflict);
        return (RevenueMonthDto.Of(row), null);
    }

    public static string ActionName(RevenueAction a) => a.ToString().ToLowerInvariant();

    /// <summary>"จังหวัดส่งคืนข้อมูลรายได้เดือนพฤศจิกายน 2569 (อำเภอเมืองสระแก้ว)", the province's reason, and a link to the month.</summary>
    public static NoticeText MonthNotice(RevenueAction action, string districtName, string districtCode, YearMonth month, string reason, int version, DateTimeOffset at) =>
        new(action == RevenueAction.Return ? "month-returned" : "month-unlocked",
            $"revenue/{districtCode}/{month}/{ActionName(action)}/{version}/{at.ToUnixTimeMilliseconds()}",
            $"จังหวัด{RevenueWorkflow.ThaiActionName(action)}ข้อมูลรายได้เดือน{RevenueMonth.ThaiMonth(month)} (อำเภอ{districtName})",
            $"เหตุผล: {reason}", $"/Revenue/Entry?district={districtCode}&month={month}");

    /// <summary>Certify and confirm are the district head's signature; return, approve and unlock the province's (docs/decisions/005).</summary>
    internal static Refusal? RoleRefusal(CurrentUser me, RevenueAction action)
    {
        var allowed = action switch
        {
            RevenueAction.Certify or RevenueAction.Confirm => me.IsDistrictHead,
            RevenueAction.Return or RevenueAction.Approve or RevenueAction.Unlock => me.IsProvinceOfficer || me.IsDepartmentAdmin,
            _ => false,
        };
        if (allowed) return null;
        return new Refusal(403, action is RevenueAction.Certify or RevenueAction.Confirm
            ? $"เฉพาะพัฒนาการอำเภอเท่านั้นที่{RevenueWorkflow.ThaiActionName(action)}ข้อมูลรายได้ได้"
            : $"เฉพาะเจ้าหน้าที่จังหวัดหรือผู้ดูแลระบบระดับกรมเท่านั้นที่{RevenueWorkflow.ThaiActionName(action)}ข้อมูลรายได้ได้");
    }

    private static Refusal? EntriesRefusal(IReadOnlyList<EntryInput>? entries) => entries switch
    {
        null => new Refusal(400, "ไม่พบรายการ entries ในคำขอ"),
        { Count: > MaxEntries } => Refusal.Invalid(new Dictionary<string, string[]>
            { ["entries"] = [$"ส่งได้ไม่เกิน {MaxEntries:N0} รายการต่อเดือน (ส่งมา {entries.Count:N0} รายการ)"] }, "รายการมากเกินไป"),
        _ => null,
    };

    /// <summary>Every row validated before anything is touched, each error naming its row (CONTRACT.md: <c>entries[3].amount</c>).</summary>
    private static Refusal? RowsRefusal(IReadOnlyList<EntryInput> entries, Dictionary<string, int> producers, string districtCode)
    {
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var code = entry?.EntrepreneurCode?.Trim();
            if (string.IsNullOrEmpty(code)) errors[$"entries[{i}].entrepreneurCode"] = ["กรุณาระบุรหัสผู้ประกอบการ"];
            else if (!producers.ContainsKey(code)) errors[$"entries[{i}].entrepreneurCode"] = [$"ผู้ประกอบการรหัส {code} ไม่อยู่ในอำเภอ {districtCode}"];
            else if (!seen.Add(code)) errors[$"entries[{i}].entrepreneurCode"] = [$"ผู้ประกอบการรหัส {code} ซ้ำกันในรายการ"];

            if (RevenueFigures.AmountError(entry?.EffectiveAmount) is { } amountError) errors[$"entries[{i}].amount"] = [amountError];
            else if (entry?.NoSales == true && entry.Amount is not null and not 0m)
            {
                errors[$"entries[{i}].noSales"] = ["ทำเครื่องหมาย \"ไม่มียอดขายเดือนนี้\" แล้ว จำนวนเงินต้องเว้นว่างหรือเป็น 0"];
            }
            if (entry?.Explanation is { Length: > 1000 }) errors[$"entries[{i}].explanation"] = ["คำชี้แจงยาวได้ไม่เกิน 1,000 ตัวอักษร"];
        }
        if (errors.Count > 0) return Refusal.Invalid(errors, "ข้อมูลรายได้บางรายการไม่ถูกต้อง");
        if (RevenueFigures.MonthTotalError(entries.Sum(e => e.EffectiveAmount!.Value)) is { } tooLarge)
        {
            return Refusal.Invalid(new Dictionary<string, string[]> { ["entries"] = [tooLarge] }, "ยอดรวมของเดือนมากเกินไป");
        }
        return null;
    }

    /// <summary>
    /// The flagged figures (<see cref="RevenueFigures.IsFlagged"/>) with no explanation, keyed as the PUT's entries in code order.
    /// A producer marked "no sales this month" is not asked: the mark is the district's statement about that figure.
    /// </summary>
    private static async Task<Dictionary<string, string[]>> UnexplainedFlagsAsync(AppDbContext db, RevenueMonth row, YearMonth month, CancellationToken ct)
    {
        var references = await RevenueMonthQueries.ReferenceFiguresAsync(db, row.DistrictCode, month, ct);
        var errors = new Dictionary<string, string[]>();
        var ordered = row.Entries.OrderBy(e => e.Entrepreneur.Code, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            var (lastYear, estimate) = references.GetValueOrDefault(e.EntrepreneurId);
            if (!e.NoSales && RevenueFigures.IsFlagged(e.Amount, lastYear, estimate) && string.IsNullOrWhiteSpace(e.Explanation))
            {
                errors[$"entries[{i}].explanation"] = [$"{e.Entrepreneur.Code} {e.Entrepreneur.Name}: ตัวเลข {e.Amount:N2} บาท ต่างจากเดือนเดียวกันปีที่แล้วหรือประมาณการมาก กรุณาชี้แจงสั้น ๆ"];
            }
        }
        return errors;
    }

    /// <summary>The audit's view of a workflow step: the month's state, not its entries (those are audited by the save).</summary>
    private static object Snapshot(RevenueMonth m) =>
        new { status = RevenueWorkflow.StatusName(m.Status), version = m.Version, total = m.Total, late = m.Late, unlocked = m.Unlocked, returnReason = m.ReturnReason };

    private static readonly Refusal ConcurrentWrite = new(409, "มีผู้อื่นบันทึกข้อมูลเดือนนี้พร้อมกัน กรุณาโหลดข้อมูลล่าสุดแล้วบันทึกอีกครั้ง");

    private static async Task<Refusal> StaleAsync(AppDbContext db, RevenueMonth? row, YearMonth month)
    {
        if (row is null)
        {
            return new Refusal(409, $"ฉบับที่ส่งมาไม่ตรงกับข้อมูลในระบบ: เดือน{RevenueMonth.ThaiMonth(month)} ยังไม่เคยบันทึก (ฉบับที่ 0)",
                Extensions: new Dictionary<string, object?> { ["currentVersion"] = 0 });
        }
        var by = row.UpdatedBy;
        var name = await db.Users.AsNoTracking().Where(u => u.UserName == by).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? by;
        return new Refusal(409,
            $"ข้อมูลเดือน{RevenueMonth.ThaiMonth(month)} ถูกแก้ไขโดย {name} เมื่อ {ThaiDates.FormatDateTime(row.UpdatedAt)} (ฉบับที่ {row.Version}) หลังจากที่ท่านเปิดไว้ กรุณาตรวจสอบข้อมูลล่าสุดแล้วบันทึกอีกครั้ง",
            Extensions: new Dictionary<string, object?> { ["currentVersion"] = row.Version, ["updatedBy"] = name, ["updatedAt"] = row.UpdatedAt });
    }

    private static async Task<Refusal?> SaveOrConflictAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            // A concurrent writer got there first (stale version token, or the same month created twice).
            db.ChangeTracker.Clear();
            return ConcurrentWrite;
        }
    }
}
