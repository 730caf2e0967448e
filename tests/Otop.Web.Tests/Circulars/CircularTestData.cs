using System.Net;
using System.Net.Http.Json;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Circulars;

namespace Otop.Web.Tests.Circulars;

/// <summary>Letters made through the API, page form posts, instants in Bangkok time (cookie sessions: <see cref="CookieSessions"/>).</summary>
public static class CircularTestData
{
    public static DateTimeOffset Bangkok(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A draft with one plain task due on <paramref name="due"/> for <paramref name="districts"/>, published; answers its id.</summary>
    public static async Task<int> PublishLetterAsync(this HttpClient province, string number, DateOnly due, params string[] districts)
    {
        var id = await province.DraftAsync(number, due, districts);
        var letter = await (await province.GetAsync($"/api/v1/circulars/{id}")).JsonAsync();
        var published = await province.PostJsonAsync($"/api/v1/circulars/{id}/publish", new { version = letter.GetProperty("version").GetInt32() });
        await published.JsonAsync();
        return id;
    }

    public static async Task<int> DraftAsync(this HttpClient province, string number, DateOnly due, params string[] districts)
    {
        var response = await province.PostJsonAsync("/api/v1/circulars", new
        {
            number,
            issuedOn = $"{due.AddDays(-10).Day}/{due.AddDays(-10).Month}/{due.AddDays(-10).Year + 543}",
            subject = "ขอให้รายงานผลการตรวจสอบฐานข้อมูล",
            body = "ขอให้อำเภอตรวจสอบและรายงาน",
            recipients = districts,
            tasks = new[] { new { title = "รายงานผลการตรวจสอบฐานข้อมูล", dueDate = Iso(due), kind = "Submission" } },
        });
        return (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, string postUrl, MultipartFormDataContent form)
    {
        form.Add(new StringContent(Antiforgery.TokenFrom(await client.GetStringAsync(pageUrl))), "__RequestVerificationToken");
        return await client.PostAsync(postUrl, form);
    }

    /// <summary>The smallest file each sniffer accepts.</summary>
    public static byte[] Pdf => "%PDF-1.4\n% test\n"u8.ToArray();

    public static byte[] Xlsx()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>""");
            }
            using var writer = new StreamWriter(zip.CreateEntry("xl/workbook.xml").Open());
            writer.Write("<workbook/>");
        }
        return stream.ToArray();
    }

    public static ByteArrayContent FileContent(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new(type);
        return content;
    }
}
