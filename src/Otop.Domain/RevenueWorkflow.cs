namespace Otop.Domain;

// A district's revenue month (letter 2, clauses 3–5; CONTRACT.md "Revenue"): the district records
// and its head certifies and confirms; the province returns or approves; a province (or the
// department) unlocks a month with a written reason. After a return or an unlock the district
// corrects the month and certifies it again.
public enum RevenueStatus
{
    Draft,
    Certified,
    Confirmed,
    Returned,
    Approved,
}

public enum RevenueAction
{
    Edit,
    Certify,
    Confirm,
    Return,
    Approve,
    Unlock,
}

public static class RevenueWorkflow
{
    public static bool CanApply(RevenueStatus from, RevenueAction action) => Next(from, action) is not null;

    public static RevenueStatus Apply(RevenueStatus from, RevenueAction action) =>
        Next(from, action)
        ?? throw new InvalidOperationException(
            $"ไม่สามารถ{ThaiActionName(action)}ข้อมูลที่มีสถานะ \"{ThaiName(from)}\" ได้");

    // The status names of the API (CONTRACT.md "Revenue": draft, certified, confirmed, returned, approved).
    public static string StatusName(RevenueStatus s) => s switch
    {
        RevenueStatus.Draft => "draft",
        RevenueStatus.Certified => "certified",
        RevenueStatus.Confirmed => "confirmed",
        RevenueStatus.Returned => "returned",
        RevenueStatus.Approved => "approved",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    public static bool TryParseStatus(string? name, out RevenueStatus status)
    {
        foreach (var s in Enum.GetValues<RevenueStatus>())
        {
            if (string.Equals(name?.Trim(), StatusName(s), StringComparison.OrdinalIgnoreCase))
            {
                status = s;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static string ThaiName(RevenueStatus s) => s switch
    {
        RevenueStatus.Draft => "ร่าง",
        RevenueStatus.Certified => "รับรองแล้ว",
        RevenueStatus.Confirmed => "ยืนยันแล้ว",
        RevenueStatus.Returned => "ส่งคืนแก้ไข",
        RevenueStatus.Approved => "อนุมัติแล้ว",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, null),
    };

    public static string ThaiActionName(RevenueAction a) => a switch
    {
        RevenueAction.Edit => "แก้ไข",
        RevenueAction.Certify => "รับรอง",
        RevenueAction.Confirm => "ยืนยัน",
        RevenueAction.Return => "ส่งคืนแก้ไข",
        RevenueAction.Approve => "อนุมัติ",
        RevenueAction.Unlock => "ปลดล็อก",
        _ => throw new ArgumentOutOfRangeException(nameof(a), a, null),
    };

    // A month left in draft past its deadline is locked with nothing to return or unlock in the table below: the
    // province unlocks it so that the district can still record it (docs/decisions/005, "Unlock").
    public static bool CanUnlockLockedDraft(RevenueStatus status, bool unlocked, WindowState window) =>
        status == RevenueStatus.Draft && !unlocked && window == WindowState.Locked;

    // The whole table: any pair not listed is refused. A certified month is no longer editable:
    // it has to be returned or unlocked first, so what the committee certified is what was sent.
    private static RevenueStatus? Next(RevenueStatus from, RevenueAction action) => (from, action) switch
    {
        (RevenueStatus.Draft or RevenueStatus.Returned, RevenueAction.Edit) => from,
        (RevenueStatus.Draft or RevenueStatus.Returned, RevenueAction.Certify) => RevenueStatus.Certified,
        (RevenueStatus.Certified, RevenueAction.Confirm) => RevenueStatus.Confirmed,
        (RevenueStatus.Certified or RevenueStatus.Confirmed, RevenueAction.Return) => RevenueStatus.Returned,
        (RevenueStatus.Confirmed, RevenueAction.Approve) => RevenueStatus.Approved,
        (RevenueStatus.Certified or RevenueStatus.Confirmed or RevenueStatus.Returned or RevenueStatus.Approved, RevenueAction.Unlock)
            => RevenueStatus.Draft,
        _ => null,
    };
}
