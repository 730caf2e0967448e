using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Files;
using Otop.Web.Tests.Circulars;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Revenue;
using static Otop.Web.Tests.Circulars.CircularTestData;

namespace Otop.Web.Tests.Hostile;

/// <summary>
/// docs/hostile-input.md, "Uploads, mail and input": every upload path stores one safe name (no U+202E, NUL, zero-width
/// characters or path, at most 200 characters) whose extension is the detected kind's, and XLSX and DOCX are told by
/// their content-types part, never by "PK" alone.
/// </summary>
public sealed class HostileUploadTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    /// <summary>Right-to-left override, a path, NUL, zero-width space and joiner, 300 Thai letters, and a DOCX extension on a PDF.</summary>
    private static readonly string HostileName = "\u202E../../ผล\0การ\u200Bตรวจ\u200D" + new string('ก', 300) + ".docx";

    /// <summary>What <see cref="HostileName"/> must be stored as when the file is a PDF: the last segment, the hidden characters gone, cut to 200 with .pdf.</summary>
    private static readonly string StoredPdfName = ("ผลการตรวจ" + new string('ก', 300))[..196] + ".pdf";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    /// <summary>A file part whose claimed name travels as RFC 5987 UTF-8 (filename*), as a browser sends a Thai name.</summary>
    private static ByteArrayContent Part(byte[] bytes, string name, string claimedName, string type = "application/pdf")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{name}\"", FileNameStar = claimedName };
        return content;
    }

    private static void ShouldBeASafeName(string stored)
    {
        stored.EnumerateRunes().Where(PlainText.IsHidden).ShouldBeEmpty();
        stored.IndexOfAny(['/', '\\', '\0']).ShouldBe(-1);
        stored.Length.ShouldBeLessThanOrEqualTo(UploadedFile.MaxFileNameLength);
    }

    private async Task<(HttpClient Page, int Id, string Url)> DraftLetterAsync()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.DraftAsync($"สก ๐๐๑๙/ว {Random.Shared.Next(100000, 999999)}", new DateOnly(2023, 3, 10), "2701");
        return (await app.SignedInAsync("ProvinceOfficer", "27"), id, $"/Circulars/Letter?id={id}");
    }

    [Fact]
    public async Task ACircularEnclosureWithAHostileName_IsStoredUnderTheSafeName_AsThePdfItIs_AndItsTitleIsClean()
    {
        var (page, id, url) = await DraftLetterAsync();

        var upload = await page.PostFormAsync(url, $"{url}&handler=Enclosure", new MultipartFormDataContent { Part(Pdf, "file", HostileName) });

        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect, await upload.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.CircularEnclosures.SingleAsync(e => e.CircularId == id));
        stored.FileName.ShouldBe(StoredPdfName);
        stored.ContentType.ShouldBe("application/pdf");
        stored.Title.ShouldBe(StoredPdfName[..^4]);
        var download = await app.CreateClient().GetAsync($"/e/{stored.Token}");
        download.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe(StoredPdfName);
    }

    [Fact]
    public async Task ACircularEnclosureTitleTyped_WithControlAndOverrideCharacters_IsStoredAsOneCleanLine()
    {
        var (page, id, url) = await DraftLetterAsync();

        var upload = await page.PostFormAsync(url, $"{url}&handler=Enclosure", new MultipartFormDataContent
        {
            { new StringContent("เป้าหมาย\u202E\r\nตัวชี้วัด\u0000"), "title" }, Part(Pdf, "file", "targets.pdf"),
        });

        upload.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.CircularEnclosures.SingleAsync(e => e.CircularId == id))).Title.ShouldBe("เป้าหมาย ตัวชี้วัด");
    }

    [Fact]
    public async Task ACircularSubmissionWithAHostileName_IsStoredUnderTheSafeName()
    {
        var province = await app.ClientAsAsync("ProvinceOfficer", "27");
        var id = await province.PublishLetterAsync($"สก ๐๐๑๙/ว {Random.Shared.Next(100000, 999999)}", new DateOnly(2023, 3, 10), "2701");
        var assignment = await app.WithDbAsync(db => db.TaskAssignments.Where(a => a.Task.CircularId == id && a.UnitCode == "2701").Select(a => a.Id).SingleAsync());
        var district = await app.SignedInAsync("DistrictOfficer", "2701");
        var url = $"/Circulars/Letter?id={id}";

        var sent = await district.PostFormAsync(url, $"{url}&handler=Submit&assignment={assignment}", new MultipartFormDataContent
        {
            { new StringContent("ส่งแล้ว"), "note" }, Part(Pdf, "file", HostileName),
        });

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.TaskAssignments.SingleAsync(a => a.Id == assignment));
        stored.FileName.ShouldBe(StoredPdfName);
        stored.FileContentType.ShouldBe("application/pdf");
    }

    [Fact]
    public async Task RevenueEvidenceWithAHostileName_IsStoredUnderTheSafeName()
    {
        var codes = await app.ProducersAsync("2701", 1);
        var officer = await app.SignedInAsync("DistrictOfficer", "2701");
        const string url = "/Revenue/Entry?district=2701&month=2023-02";

        var sent = await officer.PostFormAsync(url, url + "&handler=Evidence", new MultipartFormDataContent
        {
            { new StringContent(codes[0]), "EvidenceFor" }, Part(Pdf, "Upload", HostileName),
        });

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.RevenueFiles.SingleAsync(f => db.Set<Entrepreneur>().Any(e => e.Id == f.EntrepreneurId && e.Code == codes[0])));
        stored.FileName.ShouldBe(StoredPdfName);
        ShouldBeASafeName(stored.FileName);
    }

    [Fact]
    public async Task EstimateMinutesWithAHostileName_AreStoredUnderTheSafeName()
    {
        await app.ProducersAsync("2703", 1);
        var officer = await app.SignedInAsync("DistrictOfficer", "2703");
        const string url = "/Revenue/Estimate?district=2703&fiscalYear=2566";

        var sent = await officer.PostFormAsync(url, url + "&handler=Save&send=false", new MultipartFormDataContent
        {
            { new StringContent("0"), "Version" }, Part(Pdf, "Minutes", HostileName),
        });

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, await sent.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.RevenueFiles.SingleAsync(f => f.DistrictCode == "2703" && f.Purpose == RevenueFilePurpose.CommitteeMinutes));
        stored.FileName.ShouldBe(StoredPdfName);
    }

    [Fact]
    public async Task ARealDocxNamedPdf_IsStoredAsDocx_AndAZipWithOnlyADocumentPart_IsRefused()
    {
        var (page, id, url) = await DraftLetterAsync();

        var docx = await page.PostFormAsync(url, $"{url}&handler=Enclosure", new MultipartFormDataContent { Part(Docx(withContentTypes: true), "file", "คำสั่ง.pdf") });
        var bare = await page.PostFormAsync(url, $"{url}&handler=Enclosure", new MultipartFormDataContent { Part(Docx(withContentTypes: false), "file", "bare.docx") });

        docx.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await app.WithDbAsync(db => db.CircularEnclosures.SingleAsync(e => e.CircularId == id));
        stored.FileName.ShouldBe("คำสั่ง.docx");
        stored.ContentType.ShouldBe(FileKind.Docx.ContentType);
        bare.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bare.Content.ReadAsStringAsync()).ShouldContain("ไฟล์นี้เป็น บีบอัด (ZIP)");
    }

    [Fact]
    public async Task ADocxRenamedXlsx_IsRefusedByTheRegistryImport_AsTheDocxItIs()
    {
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");

        var problem = await app.ChangesNothingAsync(async () =>
            await (await admin.PostAsync("/api/v1/registry/import?commit=true", new MultipartFormDataContent { Part(Docx(withContentTypes: true), "file", "registry.xlsx") }))
                .ProblemAsync(HttpStatusCode.UnsupportedMediaType));

        problem.Text().ShouldContain("ไฟล์นี้เป็นไฟล์ DOCX ที่เปลี่ยนชื่อมา");
    }

    [Theory]
    [InlineData("x.docx", "PDF", "x.pdf")]
    [InlineData("scan.JPG", "JPEG", "scan.JPG")]
    [InlineData("scan.jpeg", "JPEG", "scan.jpeg")]
    [InlineData("photo.exe", "PNG", "photo.png")]
    [InlineData("หนังสือ ว.123", "PDF", "หนังสือ ว.123.pdf")]
    [InlineData("รายงาน", "DOCX", "รายงาน.docx")]
    [InlineData(".docx", "PDF", "docx.pdf")]
    public void TheStoredExtension_IsTheDetectedKinds(string safeName, string kind, string expected)
    {
        FileKind[] kinds = [FileKind.Pdf, FileKind.Jpeg, FileKind.Png, FileKind.Docx];
        UploadedFile.StoredName(safeName, kinds.Single(k => k.Name == kind)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "XLSX")]
    [InlineData("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", "DOCX")]
    [InlineData("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml", "DOCM")]
    [InlineData("xl/workbook.xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "XLSM")]
    [InlineData("xl/workbook.xml", "application/xml", "ZIP")]
    [InlineData("other/main.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "XLSX")]
    public void AnOfficePackage_IsToldByTheContentTypeOfItsMainPart(string part, string contentType, string expected)
    {
        var package = Zip(new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = $"""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{part}" ContentType="{contentType}"/></Types>""",
            [part] = "<x/>",
        });

        FileKind.Of(package)!.Name.ShouldBe(expected);
    }

    [Fact]
    public void AContentTypesPartWithADtd_IsNotReadAndTheFileStaysAZip() =>
        FileKind.Of(Zip(new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = """<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaaaaaaaa">]><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>""",
            ["xl/workbook.xml"] = "<x/>",
        })).ShouldBe(FileKind.Zip);

    private static byte[] Docx(bool withContentTypes)
    {
        var parts = new Dictionary<string, string>
        {
            ["word/document.xml"] = """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>คำสั่ง</w:t></w:r></w:p></w:body></w:document>""",
        };
        if (withContentTypes)
        {
            parts["[Content_Types].xml"] = """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";
        }
        return Zip(parts);
    }

    private static byte[] Zip(Dictionary<string, string> parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }
        return stream.ToArray();
    }
}
