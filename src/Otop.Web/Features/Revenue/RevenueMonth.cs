using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// One district's revenue report for one month (letter 2, clauses 3–4: รต.1 figures, รต.2 certification, confirmation by
/// the 3rd). Its steps are the methods below: each checks the month's own preconditions (the workflow table of
/// <see cref="RevenueWorkflow"/>, a month never written, unexplained flags) and answers a refusal, or changes the month
/// and raises its version. Who may take a step and when (roles, the window) is the caller's to check first.
/// </summary>
public sealed class RevenueMonth : IDistrictOwned
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    /// <summary>Gregorian "YYYY-MM", as in the API.</summary>
    public required string Month { get; set; }
    public RevenueStatus Status { get; set; }
    public int Version { get; set; }
    public bool Late { get; set; }
    public decimal Total { get; set; }
    public string? CertifiedBy { get; set; }
    public DateTimeOffset? CertifiedAt { get; set; }
    /// <summary>SHA-256 of the month's รต.2 figures when the district head certified them (docs/decisions/006, "Verification").</summary>
    public string? CertifiedFiguresHash { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public string? ReturnReason { get; set; }
    /// <summary>Set by a province unlock: the month stays writable outside the close until confirmed again.</summary>
    public bool Unlocked { get; set; }
    /// <summary>The province's reason for the latest unlock, shown beside the month's late flag and in the province's queue.</summary>
    public string? UnlockReason { get; set; }
    /// <summary>The month's first confirmation: its lateness is the month's, whatever corrections the province asks later (issue 15, item 6).</summary>
    public DateTimeOffset? FirstConfirmedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public List<RevenueEntry> Entries { get; set; } = [];

    /// <summary>A month not stored yet; it is stored by the first save, or by the unlock of a locked draft.</summary>
    public static RevenueMonth New(string districtCode, YearMonth month) =>
        new() { DistrictCode = districtCode, ProvinceCode = districtCode[..2], Month = month.ToString(), Status = RevenueStatus.Draft };

    public static string AuditKey(string districtCode, YearMonth month) => $"{districtCode}/{month}";

    /// <summary>"มกราคม 2566": the month as the messages and forms name it.</summary>
    public static string ThaiMonth(YearMonth m) => ThaiDates.FormatMonth(m.Year, m.Month);

    /// <summary>Replacing the entries (PUT): only a draft or returned month; a certified one must be returned or unlocked first.</summary>
    public Refusal? EditRefusal() => RevenueWorkflow.CanApply(Status, RevenueAction.Edit) ? null : WrongState(RevenueAction.Edit);

    /// <summary>The entries were replaced by the writer: the month's new total, and who changed it when.</summary>
    public void Rewrite(decimal total, string by, DateTimeOffset now)
    {
        Total = total;
        Stamp(by, now);
    }

    /// <summary>
    /// The district head certifies the figures (รต.2): the month must be written and every flagged figure explained
    /// (<paramref name="unexplained"/>, keyed <c>entries[i].explanation</c>). <paramref name="figuresHash"/> is the hash of
    /// the รต.2 certified, so a printed one can later be checked against it (docs/decisions/006).
    /// </summary>
    public Refusal? Certify(string by, DateTimeOffset now, string figuresHash, IReadOnlyDictionary<string, string[]> unexplained)
    {
        if (StepRefusal(RevenueAction.Certify) is { } refusal) return refusal;
        if (unexplained.Count > 0)
        {
            return new Refusal(422, "มีตัวเลขที่ผิดปกติ (มากกว่า 3 เท่าหรือน้อยกว่า 1 ใน 3 ของเดือนเดียวกันปีที่แล้วหรือของประมาณการ) ที่ยังไม่มีคำชี้แจง กรุณาชี้แจงก่อนรับรอง",
                unexplained);
        }
        Status = RevenueWorkflow.Apply(Status, RevenueAction.Certify);
        CertifiedBy = by;
        CertifiedAt = now;
        CertifiedFiguresHash = figuresHash;
        ReturnReason = null;
        Stamp(by, now);
        return null;
    }

    /// <summary>
    /// The district head confirms the month, late when its FIRST confirmation was at or after the day after the cycle's
    /// ConfirmByDay (letter 2, clause 4; <see cref="ConfirmationLateness"/>): a correction the province asked for does not make it late.
    /// </summary>
    public Refusal? Confirm(string by, DateTimeOffset now, MonthlyCycle cycle)
    {
        if (StepRefusal(RevenueAction.Confirm) is { } refusal) return refusal;
        Status = RevenueWorkflow.Apply(Status, RevenueAction.Confirm);
        ConfirmedBy = by;
        ConfirmedAt = now;
        (Late, var first) = ConfirmationLateness.OnConfirm(YearMonthOf(), now, FirstConfirmedAt, cycle);
        FirstConfirmedAt = first;
        Unlocked = false;
        Stamp(by, now);
        return null;
    }

    /// <summary>The province returns the month for correction; it must be correctable even after its deadline, so it reopens like an unlock.</summary>
    public Refusal? Return(string by, DateTimeOffset now, string reason)
    {
        if (StepRefusal(RevenueAction.Return) is { } refusal) return refusal;
        Status = RevenueWorkflow.Apply(Status, RevenueAction.Return);
        ReturnReason = reason;
        Unlocked = true;
        Stamp(by, now);
        return null;
    }

    public Refusal? Approve(string by, DateTimeOffset now)
    {
        if (StepRefusal(RevenueAction.Approve) is { } refusal) return refusal;
        Status = RevenueWorkflow.Apply(Status, RevenueAction.Approve);
        Stamp(by, now);
        return null;
    }

    /// <summary>
    /// The province unlocks the month back to draft, clearing its certification and confirmation. A draft left past its
    /// deadline is locked too, so it may be unlocked even though the workflow table has no step for it, even never written.
    /// </summary>
    public Refusal? Unlock(string by, DateTimeOffset now, MonthlyCycle cycle, string? reason = null)
    {
        var lockedDraft = RevenueWorkflow.CanUnlockLockedDraft(Status, Unlocked, MonthWindow.StateAt(YearMonthOf(), now, cycle));
        if (!lockedDraft && StepRefusal(RevenueAction.Unlock) is { } refusal) return refusal;
        Status = lockedDraft ? RevenueStatus.Draft : RevenueWorkflow.Apply(Status, RevenueAction.Unlock);
        Unlocked = true;
        UnlockReason = reason;
        CertifiedBy = null;
        CertifiedAt = null;
        CertifiedFiguresHash = null;
        ConfirmedBy = null;
        ConfirmedAt = null;
        Stamp(by, now);
        return null;
    }

    /// <summary>A step the workflow table refuses from this status (409 with <c>currentStatus</c>), or one on a month never written.</summary>
    public Refusal? StepRefusal(RevenueAction action)
    {
        if (!RevenueWorkflow.CanApply(Status, action)) return WrongState(action);
        if (Id == 0)
        {
            return new Refusal(409, $"เดือน{ThaiMonth(YearMonthOf())} ยังไม่มีการบันทึกรายได้ จึง{RevenueWorkflow.ThaiActionName(action)}ไม่ได้");
        }
        return null;
    }

    private Refusal WrongState(RevenueAction action) =>
        new(409, $"เดือน{ThaiMonth(YearMonthOf())} มีสถานะ \"{RevenueWorkflow.ThaiName(Status)}\" จึง{RevenueWorkflow.ThaiActionName(action)}ไม่ได้",
            Extensions: new Dictionary<string, object?> { ["currentStatus"] = RevenueWorkflow.StatusName(Status) });

    private void Stamp(string by, DateTimeOffset now)
    {
        Version++;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    private YearMonth YearMonthOf() =>
        YearMonth.TryParse(Month, out var month) ? month : throw new InvalidOperationException($"RevenueMonths.Month '{Month}' is not YYYY-MM");
}

/// <summary>One producer's revenue in one month (รต.1), in baht with satang.</summary>
public sealed class RevenueEntry
{
    public int RevenueMonthId { get; set; }
    public RevenueMonth RevenueMonth { get; set; } = null!;
    public int EntrepreneurId { get; set; }
    public Entrepreneur Entrepreneur { get; set; } = null!;
    public decimal Amount { get; set; }
    /// <summary>Why a figure far from the producer's history or estimate is right (data-quality guard before certifying).</summary>
    public string? Explanation { get; set; }
    /// <summary>
    /// "ไม่มียอดขายเดือนนี้": the district says the producer sold nothing this month (amount 0). A producer without an entry
    /// has not reported, which is not a zero (issue 16, item 6).
    /// </summary>
    public bool NoSales { get; set; }
}

internal sealed class RevenueMonthConfiguration : IEntityTypeConfiguration<RevenueMonth>
{
    public void Configure(EntityTypeBuilder<RevenueMonth> e)
    {
        e.ToTable("RevenueMonths");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.Month).HasMaxLength(7);
        e.Property(x => x.CertifiedBy).HasMaxLength(256);
        e.Property(x => x.CertifiedFiguresHash).HasMaxLength(64);
        e.Property(x => x.ConfirmedBy).HasMaxLength(256);
        e.Property(x => x.ReturnReason).HasMaxLength(2000);
        e.Property(x => x.UnlockReason).HasMaxLength(2000);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.DistrictCode, x.Month }).IsUnique();
        e.HasIndex(x => new { x.ProvinceCode, x.Month });
        e.HasIndex(x => x.Month); // 010: the national KPI and summaries read a set of months across every district
        e.HasMany(x => x.Entries).WithOne(x => x.RevenueMonth).HasForeignKey(x => x.RevenueMonthId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevenueEntryConfiguration : IEntityTypeConfiguration<RevenueEntry>
{
    public void Configure(EntityTypeBuilder<RevenueEntry> e)
    {
        e.ToTable("RevenueEntries");
        e.HasKey(x => new { x.RevenueMonthId, x.EntrepreneurId });
        e.Property(x => x.Explanation).HasMaxLength(1000);
        e.HasOne(x => x.Entrepreneur).WithMany().HasForeignKey(x => x.EntrepreneurId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.EntrepreneurId);
    }
}
