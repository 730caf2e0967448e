using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Writes;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// Who may write when (CONTRACT.md "Revenue", Asia/Bangkok whatever the server's zone): a DepartmentAdmin always;
/// anyone else never during the 6th–10th close (letter 2, clause 6); district actions only while M is open or unlocked;
/// province actions (return, approve, unlock) outside the close, since they exist to deal with months already sent.
/// Each refusal is a 423 saying until when, in Thai.
/// </summary>
public static class RevenueWindow
{
    public static Refusal? RefusalFor(CurrentUser me, YearMonth month, DateTimeOffset now, MonthlyCycle cycle, bool unlocked, RevenueAction action)
    {
        if (me.IsDepartmentAdmin) return null;
        var state = MonthWindow.StateAt(month, now, cycle);
        if (state == WindowState.ClosedForCompilation && DistrictWriteRule.Close(now, cycle) is { } close)
        {
            // The same close, and the same words, as every other district write (DistrictWriteGuard, decision 014).
            return DistrictWriteGuard.CloseRefusal(close.From, close.Until);
        }
        if (action is RevenueAction.Return or RevenueAction.Approve or RevenueAction.Unlock) return null;
        if (state == WindowState.NotYetOpen)
        {
            return new Refusal(423,
                $"เดือน{RevenueMonth.ThaiMonth(month)} ยังไม่เปิดให้บันทึก เปิดตั้งแต่ 00:00 น. วันที่ {ThaiDates.FormatLong(month.FirstDay)} (เวลาประเทศไทย)",
                Extensions: new Dictionary<string, object?> { ["until"] = Bangkok.StartOfDay(month.FirstDay) });
        }
        if (state == WindowState.Locked && !unlocked)
        {
            var deadline = MonthWindow.WriteDeadline(month, cycle);
            return new Refusal(423,
                $"เดือน{RevenueMonth.ThaiMonth(month)} ปิดรับข้อมูลแล้วตั้งแต่ 00:00 น. วันที่ {ThaiDates.FormatLong(Bangkok.Today(deadline))} (เวลาประเทศไทย) และถูกล็อกจนกว่าจังหวัดจะปลดล็อกพร้อมระบุเหตุผล");
        }
        return null;
    }
}
