using System.Net;
using Otop.Web.Platform.Documents;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;

namespace Otop.Web.Tests.Users;

/// <summary>Issue 14: รต.2 and the public verification page print the certifier's account name beside the display name.</summary>
public sealed class CertifierNameTests
{
    private const string District = "2701";
    private const string Month = "2023-02"; // open on the default clock (20 Feb 2023), certified from 1 March

    [Fact]
    public async Task Rt2AndTheVerificationPage_ShowTheCertifiersAccountName_BesideTheDisplayName()
    {
        using var app = new OtopApp();
        app.Clock.Now = RevenueTestData.Bangkok(2023, 3, 1); // February has ended: it may be certified (Revenue__CertifyFromDay)
        var producers = await app.ProducersAsync(District, 2);
        var headName = await app.CreateUserAsync("DistrictHead", District, "head.of.muang");
        var head = await app.ClientForAsync(headName);
        (await head.PutMonthAsync(District, Month, RevenueTestData.Entries(producers, 700m, 300m))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await head.ActAsync(District, Month, "certify")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pages = await app.SignedInAsAsync(headName);

        var print = await pages.GetStringAsync($"/Reports/Print?form=rt2&district={District}&month={Month}");
        var code = IssuedDocuments.NewCode();
        await app.WithDbAsync(async db =>
        {
            db.IssuedDocuments.Add(new IssuedDocument
            {
                Code = code, Form = "rt2", Parameters = $"district={District}&month={Month}", OrgUnitCode = District, Title = "แบบ รต.2",
                UnitName = "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว", Period = "ประจำเดือนกุมภาพันธ์ 2566", IssuedBy = headName,
                IssuedByName = "ผู้ทดสอบ", IssuedAt = app.Clock.GetUtcNow(), FiguresHash = "x", Format = "pdf",
            });
            return await db.SaveChangesAsync();
        });
        var verify = await app.CreateClient().GetStringAsync($"/v/{code}");

        print.ShouldContain($"ผู้ทดสอบ {headName} ({headName})");
        verify.ShouldContain($"ผู้รับรอง: ผู้ทดสอบ {headName} ({headName})");
    }
}
