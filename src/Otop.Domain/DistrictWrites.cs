namespace Otop.Domain;

// What a district write touches (issue 14, item 5; docs/decisions/014-district-write-guard.md). Every kind feeds a
// figure the department counts or compiles (the registry and the listings feed the online-market counts, the months and
// their evidence the revenue compilation, the estimate the baseline), so every kind waits out the 6th–10th close.
public enum DistrictWriteKind
{
    Registry,
    Listings,
    Survey,
    ResultReport,
    RevenueFigures,
    RevenueFile,
    Estimate,
}

public enum DistrictWriteBlock
{
    None,
    // DOMAIN.md "Rules": from 00:00 on the 6th to 00:00 on the 10th the system is closed to district and province writes.
    CompilationClose,
    // A certified (or later) month's evidence is what the signed รต.2 vouches for: frozen until returned or unlocked.
    FilesFrozen,
    // A sent estimate is the committee's certified figure: locked until the province returns it.
    EstimateSent,
}

// Block None is allowed; From/Until say since and until when a close lasts (Bangkok midnights); a lock has no end date.
public readonly record struct DistrictWriteVerdict(DistrictWriteBlock Block, DateTimeOffset? From = null, DateTimeOffset? Until = null)
{
    public bool Allowed => Block == DistrictWriteBlock.None;

    public static DistrictWriteVerdict Allow { get; } = new(DistrictWriteBlock.None);
}

// The state a write needs to be judged: the month's status for its files, whether the estimate has been sent.
public readonly record struct DistrictWrite(DistrictWriteKind Kind, RevenueStatus? MonthStatus = null, bool EstimateSent = false)
{
    public static DistrictWrite Of(DistrictWriteKind kind) => new(kind);

    public static DistrictWrite File(RevenueStatus? monthStatus) => new(DistrictWriteKind.RevenueFile, monthStatus);

    public static DistrictWrite Estimate(bool sent) => new(DistrictWriteKind.Estimate, EstimateSent: sent);
}

public static class DistrictWriteRule
{
    // Locks first (they hold for everybody, the department included: nobody rewrites what was signed without the
    // province sending it back), then the national close (which the department itself is not subject to).
    public static DistrictWriteVerdict Check(DistrictWrite write, DateTimeOffset now, MonthlyCycle cycle, bool byDepartment)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (write.Kind == DistrictWriteKind.RevenueFile && write.MonthStatus is { } status && FilesFrozen(status))
        {
            return new DistrictWriteVerdict(DistrictWriteBlock.FilesFrozen);
        }

        if (write.Kind == DistrictWriteKind.Estimate && write.EstimateSent)
        {
            return new DistrictWriteVerdict(DistrictWriteBlock.EstimateSent);
        }

        if (!byDepartment && Close(now, cycle) is { } close)
        {
            return new DistrictWriteVerdict(DistrictWriteBlock.CompilationClose, close.From, close.Until);
        }

        return DistrictWriteVerdict.Allow;
    }

    // Certified, confirmed and approved months have been signed; draft (also after an unlock) and returned months are being corrected.
    public static bool FilesFrozen(RevenueStatus status) =>
        status is RevenueStatus.Certified or RevenueStatus.Confirmed or RevenueStatus.Approved;

    // The close that contains the instant (Bangkok days CloseFromDay to ReopenDay of the instant's month), or null.
    public static (DateTimeOffset From, DateTimeOffset Until)? Close(DateTimeOffset now, MonthlyCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (!MonthWindow.IsCompilationClosure(now, cycle))
        {
            return null;
        }

        var today = Bangkok.Today(now);
        return (Bangkok.StartOfDay(new DateOnly(today.Year, today.Month, cycle.CloseFromDay)),
            Bangkok.StartOfDay(new DateOnly(today.Year, today.Month, cycle.ReopenDay)));
    }

    // The close on the 6th of a month compiles the month before: that month's fiscal year decides the days.
    public static YearMonth CompiledMonth(DateTimeOffset now) => YearMonth.Of(Bangkok.Today(now)).Previous();
}

// Issue 14, item 6; CONTRACT.md "Online-market indicator": a listing counts for a round when its since is on or before
// the round's last day and it was recorded by the round's results cut-off (through the end of the cut-off day, Bangkok;
// by default the round's last day). A listing recorded later, whatever its since, does not change a closed round.
public static class ListingRecording
{
    // A since more than this many days before the day the listing was recorded is flagged for the province: an officer
    // back-dating a listing into a round that has closed is the attack of issue 14, and a real shop is seldom recorded a
    // whole quarter after it opened.
    public const int BackdatedAfterDays = 90;

    public static bool CountsForRound(DateOnly since, DateOnly recordedOn, DateOnly roundLastDay, DateOnly? cutOff) =>
        since <= roundLastDay && recordedOn <= (cutOff ?? roundLastDay);

    // The first round last day for which a listing counts under the default cut-off: the later of its since and its
    // recording day. The stored product counts (decision 010) keep the earliest of these per product.
    public static DateOnly CountsFrom(DateOnly since, DateOnly recordedOn) => since >= recordedOn ? since : recordedOn;

    public static DateOnly RecordedOn(DateTimeOffset recordedAt) => Bangkok.Today(recordedAt);

    public static bool IsBackdated(DateOnly since, DateOnly recordedOn) => since < recordedOn.AddDays(-BackdatedAfterDays);

    // A cut-off before the round's last day would drop listings recorded inside the round; more than a year after it
    // would leave the round open into the next fiscal year's work.
    public static string? CutOffError(DateOnly cutOff, DateOnly roundLastDay) =>
        cutOff < roundLastDay ? "วันตัดรอบผลต้องไม่ก่อนวันสุดท้ายของรอบการประเมิน"
        : cutOff > roundLastDay.AddDays(366) ? "วันตัดรอบผลต้องไม่เกิน 1 ปีหลังวันสุดท้ายของรอบการประเมิน"
        : null;
}

/// <summary>
/// Listings with a life (issue 16, item 8): a listing may end. A round counts a listing active in it: sold from on or before
/// the round's last day, not ended before its first day, and recorded by the round's results cut-off (CONTRACT.md).
/// </summary>
public static class ListingActivity
{
    public static bool ActiveInRound(DateOnly since, DateOnly? endedOn, DateOnly recordedOn, DateOnly roundFirstDay,
        DateOnly roundLastDay, DateOnly? cutOff) =>
        ListingRecording.CountsForRound(since, recordedOn, roundLastDay, cutOff) && (endedOn is null || (endedOn >= roundFirstDay && endedOn >= since));

    /// <summary>Thai message for an end that cannot be, or null: it may not come before the listing's since.</summary>
    public static string? EndError(DateOnly since, DateOnly endedOn) =>
        endedOn < since ? "วันที่เลิกจำหน่าย (until) ต้องไม่ก่อนวันที่เริ่มจำหน่าย (since)" : null;

    /// <summary>
    /// What the stored product counts keep of a product's listings under the default cut-off (decision 010): the first day
    /// one counts, the last (null: one is still open), and whether a whole round between them has none active (Gapped: the
    /// two days then do not tell, and the district is counted from its rows). Rounds are the fiscal year's half years, so a
    /// listing counts for the rounds from the one holding its CountsFrom to the one holding its end; these spans are merged.
    /// </summary>
    public static ListingSpan Span(IEnumerable<(DateOnly Since, DateOnly RecordedOn, DateOnly? EndedOn)> listings)
    {
        var spans = new List<(int From, int To, DateOnly First, DateOnly? Until)>();
        foreach (var (since, recordedOn, endedOn) in listings)
        {
            if (endedOn < since) continue; // refused on input; never counted
            var first = ListingRecording.CountsFrom(since, recordedOn);
            var (from, to) = (HalfYear(first), endedOn is { } e ? HalfYear(e) : int.MaxValue);
            if (from <= to) spans.Add((from, to, first, endedOn)); // recorded after the round it ended in: counts in none
        }
        if (spans.Count == 0) return new ListingSpan(null, null, false);
        spans.Sort((a, b) => a.From.CompareTo(b.From));
        var gapped = false;
        var reach = spans[0].To;
        foreach (var s in spans.Skip(1))
        {
            if (reach != int.MaxValue && s.From > reach + 1) gapped = true;
            reach = Math.Max(reach, s.To);
        }
        var open = spans.Any(s => s.Until is null);
        return new ListingSpan(spans.Min(s => s.First), open ? null : spans.Max(s => s.Until), gapped);
    }

    // Round 1 runs October to March, round 2 April to September: consecutive half years get consecutive numbers.
    private static int HalfYear(DateOnly d) => d.Year * 2 + (d.Month >= 10 ? 1 : d.Month >= 4 ? 0 : -1);
}

public readonly record struct ListingSpan(DateOnly? FirstListedOn, DateOnly? ListedUntil, bool Gapped);
