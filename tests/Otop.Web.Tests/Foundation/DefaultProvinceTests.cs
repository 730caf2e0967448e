using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Data;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.OnlineMarket;

namespace Otop.Web.Tests.Foundation;

/// <summary>
/// A department page that names no province shows the first by code with the page's data, else the first by code: on
/// the demo that is Sa Kaeo, with no province written in code.
/// </summary>
public sealed class DefaultProvinceTests
{
    private const string OnlineMarketResults = "/OnlineMarket/Results?fiscalYear=2564&round=1";
    private const string RevenueCheck = "/Revenue/Check?fiscalYear=2566";
    private const string RevenueDashboard = "/Revenue/Dashboard?fiscalYear=2566";

    [Fact]
    public async Task OnTheDemo_TheDepartmentsPagesOpenOnSaKaeo()
    {
        using var app = new OtopApp(seedDemo: true);
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        (await department.GetStringAsync(OnlineMarketResults)).ShouldContain("ในตลาดออนไลน์ จังหวัดสระแก้ว");
        (await department.GetStringAsync(RevenueCheck)).ShouldContain("<option value=\"27\" selected=\"selected\">");
        (await department.GetStringAsync(RevenueDashboard)).ShouldContain("แดชบอร์ดรายได้ OTOP · จังหวัดสระแก้ว");
    }

    [Fact]
    public async Task WithDataInNakhonRatchasimaOnly_TheDepartmentsPagesOpenThere()
    {
        using var app = new OtopApp();
        await OnlineMarketData.IndicatorAsync(app, 2564);
        await OnlineMarketData.ProductsAsync(app, "3001", products: 2);
        await app.WithDbAsync(db =>
        {
            db.RevenueMonths.Add(new RevenueMonth
            {
                DistrictCode = "3001", ProvinceCode = "30", Month = "2022-12", Status = RevenueStatus.Draft, Version = 1,
                UpdatedAt = app.Clock.GetUtcNow(),
            });
            return db.SaveChangesAsync();
        });
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        (await department.GetStringAsync(OnlineMarketResults)).ShouldContain("ในตลาดออนไลน์ จังหวัดนครราชสีมา");
        (await department.GetStringAsync(RevenueCheck)).ShouldContain("<option value=\"30\" selected=\"selected\">");
        (await department.GetStringAsync(RevenueDashboard)).ShouldContain("แดชบอร์ดรายได้ OTOP · จังหวัดนครราชสีมา");
    }

    [Fact]
    public async Task WithNoData_TheDepartmentsPagesOpenOnTheFirstProvinceByCode()
    {
        using var app = new OtopApp();
        await OnlineMarketData.IndicatorAsync(app, 2564);
        var first = app.WithDb(db => db.OrgUnits.Where(o => o.Level == OrgLevel.Province).OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh }).First());
        var department = await app.SignedInAsync("DepartmentAdmin", "0");

        (await department.GetStringAsync(OnlineMarketResults)).ShouldContain($"ในตลาดออนไลน์ จังหวัด{first.NameTh}");
        (await department.GetStringAsync(RevenueCheck)).ShouldContain($"<option value=\"{first.Code}\" selected=\"selected\">");
        (await department.GetStringAsync(RevenueDashboard)).ShouldContain($"แดชบอร์ดรายได้ OTOP · จังหวัด{first.NameTh}");
    }
}
