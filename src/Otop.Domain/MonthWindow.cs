namespace Otop.Domain;

// Letter 2's month cycle for month M: confirm by the 3rd of M+1 (clause 4); the department closes
// the system on the 6th to compile the 76 provinces and reopens it on the 10th (clause 6).
// The days are configuration per fiscal year, not constants (DOMAIN.md "Rules").
public sealed record MonthlyCycle(int ConfirmByDay = 3, int CloseFromDay = 6, int ReopenDay = 10)
{
    public static MonthlyCycle Default { get; } = new();

    // Days stop at 28 so that every day exists in every month, February included.
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckDay(ConfirmByDay, "วันที่ต้องยืนยันข้อมูล", errors);
        CheckDay(CloseFromDay, "วันที่ปิดระบบ", errors);
        CheckDay(ReopenDay, "วันที่เปิดระบบอีกครั้ง", errors);
        if (ConfirmByDay >= CloseFromDay)
        {
            errors.Add("วันที่ต้องยืนยันข้อมูลต้องมาก่อนวันที่ปิดระบบ");
        }

        if (CloseFromDay >= ReopenDay)
        {
            errors.Add("วันที่ปิดระบบต้องมาก่อนวันที่เปิดระบบอีกครั้ง");
        }

        return errors;
    }

    internal void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), "cycle");
        }
    }

    private static void CheckDay(int day, string label, List<string> errors)
    {
        if (day is < 1 or > 28)
        {
            errors.Add($"{label}ต้องอยู่ระหว่างวันที่ 1 ถึง 28");
        }
    }
}

public enum WindowState
{
    NotYetOpen,
    Open,
    ClosedForCompilation,
    Locked,
}

// Who may write is decided elsewhere (roles, unlocks); this only says where an instant falls in
// the calendar. CONTRACT.md "Revenue": M is writable from the 1st of M until 00:00 on the 6th of M+1;
// nobody but a DepartmentAdmin writes from 00:00 on the 6th to 00:00 on the 10th of any month;
// after that M is locked.
public static class MonthWindow
{
    public static WindowState StateAt(YearMonth month, DateTimeOffset instant, MonthlyCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        cycle.EnsureValid();

        // The compilation close is national and applies to every month, so it is checked first.
        if (IsCompilationClosure(instant, cycle))
        {
            return WindowState.ClosedForCompilation;
        }

        if (instant < Bangkok.StartOfDay(month.FirstDay))
        {
            return WindowState.NotYetOpen;
        }

        return instant < WriteDeadline(month, cycle) ? WindowState.Open : WindowState.Locked;
    }

    public static bool IsCompilationClosure(DateTimeOffset instant, MonthlyCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var day = Bangkok.Today(instant).Day;
        return day >= cycle.CloseFromDay && day < cycle.ReopenDay;
    }

    // "Confirm by the 3rd" means through the end of the 3rd, Bangkok time (letter 2, clause 4).
    public static DateTimeOffset ConfirmDeadline(YearMonth month, MonthlyCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return Bangkok.StartOfDay(DayOfNextMonth(month, cycle.ConfirmByDay).AddDays(1));
    }

    // A late confirmation is accepted but marked late (DOMAIN.md "Rules").
    public static bool IsConfirmationLate(YearMonth month, DateTimeOffset confirmedAt, MonthlyCycle cycle) =>
        confirmedAt >= ConfirmDeadline(month, cycle);

    public static DateTimeOffset WriteDeadline(YearMonth month, MonthlyCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return Bangkok.StartOfDay(DayOfNextMonth(month, cycle.CloseFromDay));
    }

    public static DateTimeOffset ReopenAt(YearMonth month, MonthlyCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return Bangkok.StartOfDay(DayOfNextMonth(month, cycle.ReopenDay));
    }

    private static DateOnly DayOfNextMonth(YearMonth month, int day)
    {
        var next = month.Next();
        return new DateOnly(next.Year, next.Month, day);
    }
}
