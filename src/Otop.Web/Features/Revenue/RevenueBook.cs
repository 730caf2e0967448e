using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;
namespace Otop.Web.Features.Revenue;

/// <summary>An expected refusal: the API turns it into problem+json, a page into a Thai message on the same form.</summary>
public sealed record RevenueFailure(int Status, string Detail, Dictionary<string, string[]>? Errors = null,
    Dictionary<string, object?>? Extensions = null)
{
    public IResult ToProblem()
    {
        if (Errors is not null) return Problems.Invalid(Errors, Detail);
        return TypedResults.Problem(detail: Detail, statusCode: Status, title: Problems.TitleFor(Status), extensions: Extensions);
    }

    public string Message => Errors is null ? Detail : Detail + " " + string.Join(" ", Errors.SelectMany(e => e.Value));
}

public sealed record EntryInput(string? EntrepreneurCode, decimal? Amount, string? Explanation = null);

public sealed record RevenueEntryDto(string EntrepreneurCode, decimal Amount, string? Explanation);

/// <summary>The contract's month shape (CONTRACT.md "Revenue"), plus what the pages show beside it.</summary>
public sealed record RevenueMonthDto(string DistrictCode, string Month, string Status, int Version, bool Late,
    List<RevenueEntryDto> Entries, decimal Total, string? ReturnReason, bool Unlocked,
    string? UpdatedBy, DateTimeOffset? UpdatedAt, string? CertifiedBy, DateTimeOffset? CertifiedAt,
    string? ConfirmedBy, DateTimeOffset? ConfirmedAt);

/// <summary>
/// The district month of letter 2 (รต.1 entry, รต.2 certification, confirmation by the 3rd, the province's check), used by
/// the API and by the pages so both refuse the same things the same way. A month never written reads as status "draft",
/// version 0, no entries, total 0; the first PUT creates it at version 1.
/// </summary>
public static class RevenueBook
{
    public static string AuditKey(string districtCode, YearMonth month) => $"{districtCode}/{month}";

    public static RevenueFailure? ParseMonth(string? text, out YearMonth month)
    {
        if (!YearMonth.TryParse(text, out month))
        {
            return new RevenueFailure(400, $"เดือน '{text}' ไม่ถูกต้อง ต้องอยู่ในรูปแบบ YYYY-MM (ค.ศ.) เช่น 2023-01");
        }
        // "2566-01" is a Buddhist-era year typed where the contract wants CE: refuse it rather than open a month 543 years ahead.
        if (month.Year is < 1900 or > 2200)
        {
            return new RevenueFailure(422, $"เดือน '{text}' ใช้ปีไม่ถูกต้อง เดือนใน API เป็นปี ค.ศ. (เช่น พ.ศ. 2566 เดือนมกราคม คือ 2023-01)",
                new() { ["month"] = [$"ปี {month.Year} ไม่ใช่ปี ค.ศ. ที่ระบบรองรับ (1900–2200) หากเป็นปี พ.ศ. ให้ลบ 543"] });
        }
        return null;
    }

    /// <summary>A district has a few hundred producers; a month with more entries than this is not a real month.</summary>
    public const int MaxEntries = 5000;

    /// <summary>A district named in the URL: outside the caller's scope → 403; not a district → 404.</summary>
    public static async Task<(OrgUnit? District, RevenueFailure? Failure)> DistrictAsync(AppDbContext db, CurrentUser me, string code, CancellationToken ct)
    {
        if (!me.Scope.Covers(code)) return (null, OutOfScope(code));
        var district = await db.OrgUnits.AsNoTracking().VisibleTo(me.Scope)
            .FirstOrDefaultAsync(o => o.Code == code && o.Level == OrgLevel.District, ct);
        return district is null ? (null, NoSuchDistrict(code)) : (district, null);
    }

    private static RevenueFailure OutOfScope(string code) => new(403, $"อำเภอรหัส {code} อยู่นอกหน่วยงานของท่าน");

    private static RevenueFailure NoSuchDistrict(string code) => new(404, $"ไม่พบอำเภอรหัส {code}");

    private static RevenueFailure? EntriesFailure(IReadOnlyList<EntryInput>? entries) => entries switch
    {
        null => new RevenueFailure(400, "ไม่พบรายการ entries ในคำขอ"),
        { Count: > MaxEntries } => new RevenueFailure(422, "รายการมากเกินไป",
            new() { ["entries"] = [$"ส่งได้ไม่เกิน {MaxEntries:N0} รายการต่อเดือน (ส่งมา {entries.Count:N0} รายการ)"] }),
        _ => null,
    };

    public static async Task<(RevenueMonthDto? Month, RevenueFailure? Failure)> ReadAsync(AppDbContext db, CurrentUser me,
        string districtCode, string monthText, CancellationToken ct)
    {
        var (_, failure) = await DistrictAsync(db, me, districtCode, ct);
        if (failure is not null) return (null, failure);
        if (ParseMonth(monthText, out var month) is { } bad) return (null, bad);

        var key = month.ToString();
        var row = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
            .Where(m => m.DistrictCode == districtCode && m.Month == key)
            .Include(m => m.Entries).ThenInclude(e => e.Entrepreneur)
            .FirstOrDefaultAsync(ct);
        return (row is null ? Empty(districtCode, month) : ToDto(row), null);
    }

    public static RevenueMonthDto Empty(string districtCode, YearMonth month) =>
        new(districtCode, month.ToString(), RevenueWorkflow.StatusName(RevenueStatus.Draft), 0, false, [], 0m, null, false,
            null, null, null, null, null, null);

    public static RevenueMonthDto ToDto(RevenueMonth m) => new(m.DistrictCode, m.Month, RevenueWorkflow.StatusName(m.Status), m.Version, m.Late,
        m.Entries.OrderBy(e => e.Entrepreneur.Code, StringComparer.Ordinal)
            .Select(e => new RevenueEntryDto(e.Entrepreneur.Code, e.Amount, e.Explanation)).ToList(),
        m.Total, m.ReturnReason, m.Unlocked, m.UpdatedBy, m.UpdatedAt, m.CertifiedBy, m.CertifiedAt, m.ConfirmedBy, m.ConfirmedAt);

    /// <summary>
    /// PUT semantics: the entries given replace the month's entries. <paramref name="version"/> is the version the caller
    /// read (null or 0 for a month never written); anything else than the stored version is a 409 naming who changed it.
    /// </summary>
    public static async Task<(int Version, RevenueFailure? Failure)> SaveAsync(AppDbContext db, CurrentUser me, TimeProvider clock,
        string districtCode, string monthText, int? version, IReadOnlyList<EntryInput>? entries, CancellationToken ct)
    {
        if (!(me.IsDistrictStaff || me.IsDepartmentAdmin))
        {
            return (0, new RevenueFailure(403, "เฉพาะพัฒนากรและพัฒนาการอำเภอของอำเภอนั้น (หรือผู้ดูแลระบบระดับกรม) เท่านั้นที่บันทึกรายได้ได้"));
        }
        if (!me.Scope.Covers(districtCode)) return (0, OutOfScope(districtCode));
        var early = ParseMonth(monthText, out var month) ?? EntriesFailure(entries);
        if (early is not null || entries is null)
        {
            // These need no database, but an unknown district has always been answered first (404 before 400/422).
            var (_, failure) = await DistrictAsync(db, me, districtCode, ct);
            return (0, failure ?? early!);
        }

        // One round trip for everything the refusals below need (issue 8, B2): the district, the month's own row (its
        // Version is the concurrency token; the entries are replaced set-wise below, so they are not loaded), the fiscal
        // year's cycle and the (id, code) pairs of the producers the payload names.
        var key = month.ToString();
        var fiscalYear = month.FiscalYear;
        var codes = entries.Select(e => e?.EntrepreneurCode?.Trim()).Where(c => !string.IsNullOrEmpty(c)).Distinct().ToList();
        var monthRow = db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope).Where(m => m.DistrictCode == districtCode && m.Month == key);
        var setting = db.FiscalYearSettings.AsNoTracking().Where(s => s.FiscalYear == fiscalYear);
        var named = db.Entrepreneurs.AsNoTracking().VisibleTo(me.Scope).Where(e => e.DistrictCode == districtCode && codes.Contains(e.Code));
        var district = db.OrgUnits.AsNoTracking().VisibleTo(me.Scope).Where(o => o.Code == districtCode && o.Level == OrgLevel.District);
        // Left joins only (no APPLY, which SQLite cannot run); the district's code, the fiscal year and (district, month)
        // are each unique, so this is one row or none.
        var q = from o in district
                join m in monthRow on o.Code equals m.DistrictCode into months
                from m in months.DefaultIfEmpty()
                from s in setting.DefaultIfEmpty()
                select new
                {
                    Row = m,
                    Setting = s,
                    Producers = named.Where(e => e.DistrictCode == o.Code).Select(e => new { e.Id, e.Code }).ToList(),
                };
        var found = (await q.ToListAsync(ct)).SingleOrDefault();
        if (found is null) return (0, NoSuchDistrict(districtCode));
        var row = found.Row;

        var now = clock.GetUtcNow();
        var cycle = MonthlyCycles.Of(found.Setting);
        if (WindowFailure(me, month, now, cycle, row?.Unlocked ?? false, RevenueAction.Edit) is { } closed) return (0, closed);
        if ((version ?? 0) != (row?.Version ?? 0)) return (0, await StaleAsync(db, row, month));
        if (row is not null && !RevenueWorkflow.CanApply(row.Status, RevenueAction.Edit))
        {
            return (0, WrongState(row.Status, RevenueAction.Edit, month));
        }

        // Validate every row before touching anything, and name the row (CONTRACT.md: errors keyed entries[3].amount).
        var producers = found.Producers.ToDictionary(e => e.Code, e => e.Id);
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var code = entry?.EntrepreneurCode?.Trim();
            if (string.IsNullOrEmpty(code)) errors[$"entries[{i}].entrepreneurCode"] = ["กรุณาระบุรหัสผู้ประกอบการ"];
            else if (!producers.ContainsKey(code)) errors[$"entries[{i}].entrepreneurCode"] = [$"ผู้ประกอบการรหัส {code} ไม่อยู่ในอำเภอ {districtCode}"];
            else if (!seen.Add(code)) errors[$"entries[{i}].entrepreneurCode"] = [$"ผู้ประกอบการรหัส {code} ซ้ำกันในรายการ"];

            if (AmountError(entry?.Amount) is { } amountError) errors[$"entries[{i}].amount"] = [amountError];
            if (entry?.Explanation is { Length: > 1000 }) errors[$"entries[{i}].explanation"] = ["คำชี้แจงยาวได้ไม่เกิน 1,000 ตัวอักษร"];
        }
        if (errors.Count > 0) return (0, new RevenueFailure(422, "ข้อมูลรายได้บางรายการไม่ถูกต้อง", errors));
        if (MonthTotalError(entries.Sum(e => e.Amount!.Value)) is { } tooLarge)
        {
            return (0, new RevenueFailure(422, "ยอดรวมของเดือนมากเกินไป", new() { ["entries"] = [tooLarge] }));
        }

        var incoming = entries.ToDictionary(e => e.EntrepreneurCode!.Trim());
        var replacement = incoming.Select(kv => new RevenueEntry
        {
            EntrepreneurId = producers[kv.Key],
            Amount = Plain(kv.Value.Amount!.Value),
            Explanation = string.IsNullOrWhiteSpace(kv.Value.Explanation) ? null : kv.Value.Explanation.Trim(),
        }).ToList();
        // Exactly the sum of the entries stored (at most 2 decimals each, so the sum needs no rounding).
        var total = Plain(replacement.Sum(e => e.Amount));
        var before = row is null ? null : new { status = RevenueWorkflow.StatusName(row.Status), version = row.Version, total = row.Total, late = row.Late, unlocked = row.Unlocked };

        if (row is null)
        {
            row = new RevenueMonth { DistrictCode = districtCode, ProvinceCode = districtCode[..2], Month = key, Status = RevenueStatus.Draft };
            db.RevenueMonths.Add(row);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var committed = false;
        try
        {
            var replaced = db.Database.IsNpgsql()
                ? await ReplaceOnPostgresAsync(db, row, replacement, total, me.UserName, now, ct)
                : await ReplaceWithEfAsync(db, row, replacement, total, me.UserName, now, ct);
            if (replaced is not null)
            {
                // The audit entry last, in its own SaveChanges: the province chain's advisory lock (AuditChainInterceptor) is
                // then held only for the chain head, one insert and the commit, not while the entries are written.
                var old = before is null ? null : new
                {
                    before.status, before.version, before.total, before.late, before.unlocked,
                    entries = replaced.OrderBy(e => e.Code, StringComparer.Ordinal).Select(e => new { entrepreneurCode = e.Code, amount = e.Amount }).ToList(),
                };
                AuditLog.Record(db, me, clock, "revenue", AuditKey(districtCode, month), "update", old,
                    new { status = RevenueWorkflow.StatusName(row.Status), version = row.Version, total = row.Total,
                        entries = incoming.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new { entrepreneurCode = kv.Key, amount = kv.Value.Amount }) },
                    provinceCode: row.ProvinceCode);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                committed = true;
            }
        }
        catch (Exception e) when (IsConcurrentWrite(e))
        {
        }
        if (!committed)
        {
            // A concurrent writer got there first (stale version token, or the same month created twice): say who and when.
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var winner = await db.RevenueMonths.AsNoTracking().VisibleTo(me.Scope)
                .FirstOrDefaultAsync(m => m.DistrictCode == districtCode && m.Month == key, ct);
            return (0, winner is null
                ? new RevenueFailure(409, "มีผู้อื่นบันทึกข้อมูลเดือนนี้พร้อมกัน กรุณาโหลดข้อมูลล่าสุดแล้วบันทึกอีกครั้ง")
                : await StaleAsync(db, winner, month));
        }
        return (row.Version, null);
    }

    /// <summary>A write that lost to a concurrent one: EF's stale token or key conflict, or the same from a raw PostgreSQL statement.</summary>
    private static bool IsConcurrentWrite(Exception e) => e is DbUpdateException
        || e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation
            or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure };

    /// <summary>
    /// SQLite (and any provider but PostgreSQL): one DELETE of the month's entries, then the month row (its Version as read
    /// is the concurrency token) and every new entry in one EF batch. The old entries are read first as (code, amount) pairs
    /// for the audit. Returns them, or throws <see cref="DbUpdateConcurrencyException"/> when the month changed meanwhile.
    /// </summary>
    private static async Task<List<(string Code, decimal Amount)>?> ReplaceWithEfAsync(AppDbContext db, RevenueMonth row,
        List<RevenueEntry> replacement, decimal total, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var old = new List<(string Code, decimal Amount)>();
        if (db.Entry(row).State != EntityState.Added)
        {
            // Read untracked: attached now, so its Version as read is the token of the UPDATE below.
            db.RevenueMonths.Attach(row);
            old = (await db.RevenueEntries.AsNoTracking().Where(e => e.RevenueMonthId == row.Id)
                    .Select(e => new { e.Entrepreneur.Code, e.Amount }).ToListAsync(ct))
                .Select(e => (e.Code, e.Amount)).ToList();
            await db.RevenueEntries.Where(e => e.RevenueMonthId == row.Id).ExecuteDeleteAsync(ct);
        }
        foreach (var entry in replacement) row.Entries.Add(entry);
        row.Total = total;
        row.Version++;
        row.UpdatedBy = userName;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return old;
    }

    /// <summary>
    /// PostgreSQL (issue 8, B2): one round trip for the whole replacement, as one batch of three statements: the month
    /// row's UPDATE guarded by the version read (it also takes the row's lock first, so two savers of one month queue there
    /// rather than on its entries), the DELETE of the old entries RETURNING the audit's (code, amount) pairs, and ONE
    /// <c>INSERT … SELECT FROM unnest(arrays)</c> of the new entries instead of EF's multi-row batch. A month written for
    /// the first time is inserted by EF first (its unique (district, month) index refuses a second creator), then the
    /// entries. Returns null when the version no longer matches (the caller rolls back: nothing of this batch is kept).
    /// </summary>
    private static async Task<List<(string Code, decimal Amount)>?> ReplaceOnPostgresAsync(AppDbContext db, RevenueMonth row,
        List<RevenueEntry> replacement, decimal total, string userName, DateTimeOffset now, CancellationToken ct)
    {
        var isNew = db.Entry(row).State == EntityState.Added;
        var readVersion = row.Version;
        row.Total = total;
        row.Version++;
        row.UpdatedBy = userName;
        row.UpdatedAt = now;
        if (isNew) await db.SaveChangesAsync(ct);

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        NpgsqlBatchCommand? update = null;
        if (!isNew)
        {
            update = new NpgsqlBatchCommand("""
                UPDATE "RevenueMonths" SET "Total" = $1, "Version" = $2, "UpdatedBy" = $3, "UpdatedAt" = $4
                WHERE "Id" = $5 AND "Version" = $6
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<decimal> { TypedValue = row.Total },
                    new NpgsqlParameter<int> { TypedValue = row.Version },
                    new NpgsqlParameter<string> { TypedValue = row.UpdatedBy },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = row.UpdatedAt },
                    new NpgsqlParameter<int> { TypedValue = row.Id },
                    new NpgsqlParameter<int> { TypedValue = readVersion },
                },
            };
            batch.BatchCommands.Add(update);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                DELETE FROM "RevenueEntries" AS e USING "Entrepreneurs" AS p
                WHERE e."RevenueMonthId" = $1 AND p."Id" = e."EntrepreneurId"
                RETURNING p."Code", e."Amount"
                """)
            {
                Parameters = { new NpgsqlParameter<int> { TypedValue = row.Id } },
            });
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO "RevenueEntries" ("RevenueMonthId", "EntrepreneurId", "Amount", "Explanation")
            SELECT $1, u.* FROM unnest($2::integer[], $3::numeric[], $4::text[]) AS u
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<int> { TypedValue = row.Id },
                new NpgsqlParameter<int[]> { TypedValue = replacement.Select(e => e.EntrepreneurId).ToArray() },
                new NpgsqlParameter<decimal[]> { TypedValue = replacement.Select(e => e.Amount).ToArray() },
                new NpgsqlParameter<string?[]> { TypedValue = replacement.Select(e => e.Explanation).ToArray() },
            },
        });

        var old = new List<(string Code, decimal Amount)>();
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            do
            {
                while (await reader.ReadAsync(ct)) old.Add((reader.GetString(0), reader.GetDecimal(1)));
            } while (await reader.NextResultAsync(ct));
        }
        return update is { RecordsAffected: 0 } ? null : old;
    }

    /// <summary>certify, confirm, return, approve, unlock: who, when (the window), from which state, with which reason.</summary>
    public static async Task<(RevenueMonthDto? Month, RevenueFailure? Failure)> TransitionAsync(AppDbContext db, CurrentUser me, TimeProvider clock,
        string districtCode, string monthText, RevenueAction action, string? reason, CancellationToken ct)
    {
        var (districtUnit, failure) = await DistrictAsync(db, me, districtCode, ct);
        if (failure is not null) return (null, failure);
        if (ParseMonth(monthText, out var month) is { } bad) return (null, bad);

        var allowed = action switch
        {
            RevenueAction.Certify or RevenueAction.Confirm => me.IsDistrictHead,
            RevenueAction.Return or RevenueAction.Approve or RevenueAction.Unlock => me.IsProvinceOfficer || me.IsDepartmentAdmin,
            _ => false,
        };
        if (!allowed)
        {
            return (null, new RevenueFailure(403, action is RevenueAction.Certify or RevenueAction.Confirm
                ? $"เฉพาะพัฒนาการอำเภอเท่านั้นที่{RevenueWorkflow.ThaiActionName(action)}ข้อมูลรายได้ได้"
                : $"เฉพาะเจ้าหน้าที่จังหวัดหรือผู้ดูแลระบบระดับกรมเท่านั้นที่{RevenueWorkflow.ThaiActionName(action)}ข้อมูลรายได้ได้"));
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (action is RevenueAction.Return or RevenueAction.Unlock)
        {
            if (reason is null) return (null, new RevenueFailure(422, "กรุณาระบุเหตุผล", new() { ["reason"] = [$"กรุณาระบุเหตุผลที่{RevenueWorkflow.ThaiActionName(action)}"] }));
            if (reason.Length > 2000) return (null, new RevenueFailure(422, "เหตุผลยาวเกินไป", new() { ["reason"] = ["เหตุผลยาวได้ไม่เกิน 2,000 ตัวอักษร"] }));
        }

        var key = month.ToString();
        var row = await db.RevenueMonths.VisibleTo(me.Scope)
            .Where(m => m.DistrictCode == districtCode && m.Month == key)
            .Include(m => m.Entries).ThenInclude(e => e.Entrepreneur)
            .FirstOrDefaultAsync(ct);

        var now = clock.GetUtcNow();
        var cycle = await db.CycleForAsync(month, ct);
        if (WindowFailure(me, month, now, cycle, row?.Unlocked ?? false, action) is { } closed) return (null, closed);

        var status = row?.Status ?? RevenueStatus.Draft;
        // A month left in draft past its deadline is locked too: the province unlocks it so the district can still record it.
        var unlockingALockedDraft = action == RevenueAction.Unlock && status == RevenueStatus.Draft
            && !(row?.Unlocked ?? false) && MonthWindow.StateAt(month, now, cycle) == WindowState.Locked;
        if (!unlockingALockedDraft && !RevenueWorkflow.CanApply(status, action)) return (null, WrongState(status, action, month));
        if (row is null && !unlockingALockedDraft)
        {
            return (null, new RevenueFailure(409, $"เดือน{ThaiMonth(month)} ยังไม่มีการบันทึกรายได้ จึง{RevenueWorkflow.ThaiActionName(action)}ไม่ได้"));
        }

        if (action == RevenueAction.Certify && await UnexplainedFlagsAsync(db, row!, month, ct) is { Count: > 0 } unexplained)
        {
            return (null, new RevenueFailure(422, "มีตัวเลขที่ผิดปกติ (มากกว่า 3 เท่าหรือน้อยกว่า 1 ใน 3 ของเดือนเดียวกันปีที่แล้วหรือของประมาณการ) ที่ยังไม่มีคำชี้แจง กรุณาชี้แจงก่อนรับรอง",
                unexplained));
        }

        var old = row is null ? null : Snapshot(row);
        if (row is null)
        {
            row = new RevenueMonth { DistrictCode = districtCode, ProvinceCode = districtCode[..2], Month = key, Status = RevenueStatus.Draft };
            db.RevenueMonths.Add(row);
        }

        row.Status = unlockingALockedDraft ? RevenueStatus.Draft : RevenueWorkflow.Apply(status, action);
        switch (action)
        {
            case RevenueAction.Certify:
                row.CertifiedBy = me.UserName;
                row.CertifiedAt = now;
                // Issue 6, item 2: what the head certified, so a printed รต.2 can later be checked against it.
                row.CertifiedFiguresHash = RevenueReports.Rt2Hash(districtUnit!.NameTh, month,
                    row.Entries.Select(e => (e.Entrepreneur.Code, e.Entrepreneur.Name, e.Entrepreneur.Type, e.Amount)));
                row.ReturnReason = null;
                break;
            case RevenueAction.Confirm:
                row.ConfirmedBy = me.UserName;
                row.ConfirmedAt = now;
                row.Late = MonthWindow.IsConfirmationLate(month, now, cycle);
                row.Unlocked = false;
                break;
            case RevenueAction.Return:
                // A returned month must be correctable even after its deadline, so it reopens like an unlock.
                row.ReturnReason = reason;
                row.Unlocked = true;
                break;
            case RevenueAction.Unlock:
                row.Unlocked = true;
                row.CertifiedBy = null;
                row.CertifiedAt = null;
                row.CertifiedFiguresHash = null;
                row.ConfirmedBy = null;
                row.ConfirmedAt = null;
                break;
        }
        row.Version++;
        row.UpdatedBy = me.UserName;
        row.UpdatedAt = now;

        AuditLog.Record(db, me, clock, "revenue", AuditKey(districtCode, month), ActionName(action), old, Snapshot(row),
            reason, row.ProvinceCode);
        if (await SaveOrConflictAsync(db, ct) is { } conflict) return (null, conflict);
        return (ToDto(row), null);
    }

    public static string ActionName(RevenueAction a) => a.ToString().ToLowerInvariant();

    /// <summary>
    /// Who may write when (CONTRACT.md "Revenue", Asia/Bangkok whatever the server's zone): a DepartmentAdmin always;
    /// anyone else never during the 6th–10th close; district actions only while M is open or unlocked; province actions
    /// (return, approve, unlock) outside the close, since they exist to deal with months already sent.
    /// </summary>
    public static RevenueFailure? WindowFailure(CurrentUser me, YearMonth month, DateTimeOffset now, MonthlyCycle cycle, bool unlocked, RevenueAction action)
    {
        if (me.IsDepartmentAdmin) return null;
        var state = MonthWindow.StateAt(month, now, cycle);
        if (state == WindowState.ClosedForCompilation)
        {
            var today = Bangkok.Today(now);
            var closedFrom = new DateOnly(today.Year, today.Month, cycle.CloseFromDay);
            var reopen = new DateOnly(today.Year, today.Month, cycle.ReopenDay);
            return new RevenueFailure(423,
                $"กรมปิดระบบเพื่อรวบรวมข้อมูลของ 76 จังหวัด ตั้งแต่ 00:00 น. วันที่ {ThaiDates.FormatLong(closedFrom)} จนถึง 00:00 น. วันที่ {ThaiDates.FormatLong(reopen)} (เวลาประเทศไทย) ระหว่างนี้อำเภอและจังหวัดบันทึกหรือเปลี่ยนสถานะข้อมูลไม่ได้",
                Extensions: new() { ["until"] = Bangkok.StartOfDay(reopen) });
        }
        if (action is RevenueAction.Return or RevenueAction.Approve or RevenueAction.Unlock) return null;
        if (state == WindowState.NotYetOpen)
        {
            return new RevenueFailure(423,
                $"เดือน{ThaiMonth(month)} ยังไม่เปิดให้บันทึก เปิดตั้งแต่ 00:00 น. วันที่ {ThaiDates.FormatLong(month.FirstDay)} (เวลาประเทศไทย)",
                Extensions: new() { ["until"] = Bangkok.StartOfDay(month.FirstDay) });
        }
        if (state == WindowState.Locked && !unlocked)
        {
            var deadline = MonthWindow.WriteDeadline(month, cycle);
            return new RevenueFailure(423,
                $"เดือน{ThaiMonth(month)} ปิดรับข้อมูลแล้วตั้งแต่ 00:00 น. วันที่ {ThaiDates.FormatLong(Bangkok.Today(deadline))} (เวลาประเทศไทย) และถูกล็อกจนกว่าจังหวัดจะปลดล็อกพร้อมระบุเหตุผล");
        }
        return null;
    }

    // JSON "-0.00" is a decimal negative zero, which would be stored and shown as "-0.00": a zero is a zero.
    private static decimal Plain(decimal amount) => amount == 0m ? 0m : amount;

    public static string ThaiMonth(YearMonth m) => ThaiDates.FormatMonth(m.Year, m.Month);

    /// <summary>The largest figure, and month total, that numeric(14,2) holds.</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    public static string? AmountError(decimal? amount) => amount switch
    {
        null => "กรุณาระบุจำนวนเงิน",
        < 0m => "จำนวนเงินต้องไม่ติดลบ",
        var a when Math.Round(a.Value, 2) != a.Value => "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)",
        > MaxAmount => "จำนวนเงินมากเกินไป",
        _ => null,
    };

    /// <summary>
    /// A month's total is numeric(14,2) like each figure, so figures that each fit may add up to more than it holds: every
    /// path that writes a month (the save, the history import) refuses that before writing, rather than meet the overflow.
    /// </summary>
    public static string? MonthTotalError(decimal total) => total > MaxAmount ? $"ยอดรวมของเดือนต้องไม่เกิน {MaxAmount:N2} บาท" : null;

    /// <summary>The same month last year and the estimate for each producer of the district, beside each figure.</summary>
    public static async Task<Dictionary<int, (decimal? LastYear, decimal? Estimate)>> ReferenceFiguresAsync(AppDbContext db,
        string districtCode, YearMonth month, CancellationToken ct)
    {
        var lastYearKey = month.AddMonths(-12).ToString();
        var key = month.ToString();
        var fy = month.FiscalYear;
        var lastYear = await db.RevenueEntries.AsNoTracking()
            .Where(e => e.RevenueMonth.DistrictCode == districtCode && e.RevenueMonth.Month == lastYearKey)
            .Select(e => new { e.EntrepreneurId, e.Amount })
            .ToListAsync(ct);
        var estimate = await db.RevenueEstimateLines.AsNoTracking()
            .Where(l => l.RevenueEstimate.DistrictCode == districtCode && l.RevenueEstimate.FiscalYear == fy && l.Month == key)
            .Select(l => new { l.EntrepreneurId, l.Amount })
            .ToListAsync(ct);
        var result = new Dictionary<int, (decimal?, decimal?)>();
        foreach (var e in lastYear) result[e.EntrepreneurId] = (e.Amount, null);
        foreach (var e in estimate) result[e.EntrepreneurId] = (result.GetValueOrDefault(e.EntrepreneurId).Item1, e.Amount);
        return result;
    }

    /// <summary>Issue 5, item 6: more than 3× or under a third of the same month last year or of the estimate.</summary>
    public static bool IsFlagged(decimal amount, decimal? lastYear, decimal? estimate) => Far(amount, lastYear) || Far(amount, estimate);

    private static bool Far(decimal amount, decimal? reference) =>
        reference is > 0m && (amount > 3m * reference.Value || amount * 3m < reference.Value);

    private static async Task<Dictionary<string, string[]>> UnexplainedFlagsAsync(AppDbContext db, RevenueMonth row, YearMonth month, CancellationToken ct)
    {
        var references = await ReferenceFiguresAsync(db, row.DistrictCode, month, ct);
        var errors = new Dictionary<string, string[]>();
        var ordered = row.Entries.OrderBy(e => e.Entrepreneur.Code, StringComparer.Ordinal).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            var (lastYear, estimate) = references.GetValueOrDefault(e.EntrepreneurId);
            if (IsFlagged(e.Amount, lastYear, estimate) && string.IsNullOrWhiteSpace(e.Explanation))
            {
                errors[$"entries[{i}].explanation"] = [$"{e.Entrepreneur.Code} {e.Entrepreneur.Name}: ตัวเลข {e.Amount:N2} บาท ต่างจากเดือนเดียวกันปีที่แล้วหรือประมาณการมาก กรุณาชี้แจงสั้น ๆ"];
            }
        }
        return errors;
    }

    /// <summary>The audit's view of a workflow step: the month's state, not its entries (those are audited by the save).</summary>
    private static object Snapshot(RevenueMonth m) =>
        new { status = RevenueWorkflow.StatusName(m.Status), version = m.Version, total = m.Total, late = m.Late, unlocked = m.Unlocked, returnReason = m.ReturnReason };

    private static RevenueFailure WrongState(RevenueStatus status, RevenueAction action, YearMonth month) =>
        new(409, $"เดือน{ThaiMonth(month)} มีสถานะ \"{RevenueWorkflow.ThaiName(status)}\" จึง{RevenueWorkflow.ThaiActionName(action)}ไม่ได้",
            Extensions: new() { ["currentStatus"] = RevenueWorkflow.StatusName(status) });

    private static async Task<RevenueFailure> StaleAsync(AppDbContext db, RevenueMonth? row, YearMonth month)
    {
        if (row is null)
        {
            return new RevenueFailure(409, $"ฉบับที่ส่งมาไม่ตรงกับข้อมูลในระบบ: เดือน{ThaiMonth(month)} ยังไม่เคยบันทึก (ฉบับที่ 0)",
                Extensions: new() { ["currentVersion"] = 0 });
        }
        var by = row.UpdatedBy;
        var name = await db.Users.AsNoTracking().Where(u => u.UserName == by).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? by;
        return new RevenueFailure(409,
            $"ข้อมูลเดือน{ThaiMonth(month)} ถูกแก้ไขโดย {name} เมื่อ {ThaiDates.FormatDateTime(row.UpdatedAt)} (ฉบับที่ {row.Version}) หลังจากที่ท่านเปิดไว้ กรุณาตรวจสอบข้อมูลล่าสุดแล้วบันทึกอีกครั้ง",
            Extensions: new() { ["currentVersion"] = row.Version, ["updatedBy"] = name, ["updatedAt"] = row.UpdatedAt });
    }

    private static async Task<RevenueFailure?> SaveOrConflictAsync(AppDbContext db, CancellationToken ct)
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
            return new RevenueFailure(409, "มีผู้อื่นบันทึกข้อมูลเดือนนี้พร้อมกัน กรุณาโหลดข้อมูลล่าสุดแล้วบันทึกอีกครั้ง");
        }
    }
}
