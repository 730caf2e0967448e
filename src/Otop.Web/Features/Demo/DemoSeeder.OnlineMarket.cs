using Otop.Web.Features.Kpi;

namespace Otop.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>Letter 1: the readiness survey (enclosure 3) is due at the province by 24 Feb 2564.</summary>
    private void SeedOnlineMarket()
    {
        var online = db.Indicators.Local.First(i => i.Code == "online-market" && i.FiscalYear == 2564);
        online.Rounds.First(r => r.Round == 1).SurveyDueDate = new DateOnly(2021, 2, 24);
    }
}
