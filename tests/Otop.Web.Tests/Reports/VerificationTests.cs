using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Documents;

namespace Otop.Web.Tests.Reports;

/// <summary>docs/decisions/006-documents.md, "Verification": a PDF's code opens without login a page saying what it is and whether its figures still hold.</summary>
public sealed class VerificationTests
{
    private const string District = "2701";
    private const string Month = "2023-02"; // open on the default clock (20 Feb 2023)

    [Fact]
    public async Task AnUntouchedDocument_SaysUnchanged_AndAfterAFigureChanges_SaysChangedWithTheCurrentTotal()
    {
        ReportFilesRead.RequirePdfTools();
        using var app = new OtopApp();
        var producers = await app.ProducersAsync(District, 2);
        var officer = await app.ClientAsAsync("DistrictOfficer", District);
        (await officer.PutMonthAsync(District, Month, RevenueTestData.Entries(producers, 1000m, 2500.50m))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var pdf = await officer.GetAsync($"/api/v1/reports/rt2?district={District}&month={Month}&format=pdf");
        var code = pdf.Headers.GetValues("X-Document-Code").Single();
        var anonymous = app.CreateClient();
        // The page is opened the way a reader of the paper opens it: from the URL in the printed QR code.
        var scanned = QrRead.FromPdf(await pdf.Content.ReadAsByteArrayAsync());
        scanned.ShouldEndWith($"/v/{code}");
        var before = await anonymous.GetStringAsync(new Uri(scanned).PathAndQuery);
        (await officer.PutMonthAsync(District, Month, RevenueTestData.Entries(producers, 1000m, 2600m), version: 1)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await anonymous.GetStringAsync($"/v/{code[..4].ToLowerInvariant()}-{code[4..].ToLowerInvariant()}");

        before.ShouldContain("ข้อมูลตรงกับเอกสาร");
        before.ShouldContain("อำเภอเมืองสระแก้ว");
        before.ShouldContain("ประจำเดือนกุมภาพันธ์ 2566");
        before.ShouldContain("20 ก.พ. 2566");
        before.ShouldNotContain(producers[0]);
        after.ShouldContain("ข้อมูลเปลี่ยนแปลงหลังออกเอกสาร");
        after.ShouldContain("3,500.50");
        after.ShouldContain("3,600.00");
    }

    [Fact]
    public async Task CertifyingAMonth_RecordsTheHashOfItsRt2Figures_AndTheVerificationPageComparesWithIt()
    {
        ReportFilesRead.RequirePdfTools();
        using var app = new OtopApp();
        var producers = await app.ProducersAsync(District, 2);
        var head = await app.ClientAsAsync("DistrictHead", District);
        (await head.PutMonthAsync(District, Month, RevenueTestData.Entries(producers, 700m, 300m))).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await head.ActAsync(District, Month, "certify")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var pdf = await head.GetAsync($"/api/v1/reports/rt2?district={District}&month={Month}&format=pdf");
        var code = pdf.Headers.GetValues("X-Document-Code").Single();

        var stored = await app.WithDbAsync(db => db.RevenueMonths.AsNoTracking().SingleAsync(m => m.DistrictCode == District && m.Month == Month));
        var issued = await app.WithDbAsync(db => db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Code == code));
        stored.CertifiedFiguresHash.ShouldNotBeNull();
        stored.CertifiedFiguresHash.ShouldBe(issued.FiguresHash);
        var json = await (await app.CreateClient().GetAsync($"/api/v1/documents/{code}")).JsonAsync();
        json.GetProperty("unchanged").GetBoolean().ShouldBeTrue();
        json.GetProperty("matchesCertified").GetBoolean().ShouldBeTrue();
        json.GetProperty("form").GetString().ShouldBe("rt2");
        (await app.CreateClient().GetStringAsync($"/v/{code}")).ShouldContain("ตัวเลขตรงกับที่พัฒนาการอำเภอรับรองไว้");
        ReportFilesRead.PdfText(await pdf.Content.ReadAsByteArrayAsync()).ShouldContain("ผู้รับรองข้อมูล");
    }

    [Fact]
    public async Task AnUnknownCode_IsA404PageInThai_AndTheJsonIs404()
    {
        using var app = new OtopApp();
        var anonymous = app.CreateClient();

        var page = await anonymous.GetAsync("/v/ZZZZ-ZZZZ");
        var json = await anonymous.GetAsync("/api/v1/documents/ZZZZZZZZ");

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync()).ShouldContain("ไม่พบเอกสารรหัส");
        await json.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("7k3p-q9xd", "7K3PQ9XD")]
    [InlineData("7K3P Q9XD", "7K3PQ9XD")]
    [InlineData("7K3P-Q9X0", null)]
    [InlineData("7K3P", null)]
    public void Codes_AreReadForgivingly_ButOnlyFromTheUnambiguousAlphabet(string typed, string? expected)
    {
        IssuedDocuments.Normalise(typed).ShouldBe(expected);
    }

    [Fact]
    public void NewCodes_AreEightCharactersOfTheAlphabet_AndDiffer()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => IssuedDocuments.NewCode()).ToList();

        codes.ShouldAllBe(c => c.Length == 8 && c.All(ch => IssuedDocuments.Alphabet.Contains(ch)));
        codes.Distinct().Count().ShouldBe(200);
        IssuedDocuments.Group("7K3PQ9XD").ShouldBe("7K3P-Q9XD");
    }
}
