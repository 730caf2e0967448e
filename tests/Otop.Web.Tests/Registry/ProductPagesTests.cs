using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Features.Registry;

namespace Otop.Web.Tests.Registry;

/// <summary>Creating and editing a product from the producer page: scope, Thai validation that keeps input, audit, concurrency.</summary>
public sealed class ProductPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private async Task<string> ProducerWithAProductAsync(string producerCode, string districtCode)
    {
        await app.WithDbAsync(async db =>
        {
            var producer = new Entrepreneur { Code = producerCode, Name = $"กลุ่มทดสอบ {producerCode}", DistrictCode = districtCode, ProvinceCode = districtCode[..2] };
            producer.Products.Add(new Product
            {
                Code = $"{producerCode}-01", Name = "ผ้าไหมมัดหมี่", Category = ProductCategory.Textile, RegisteredYear = 2560,
                UpdatedAt = app.Clock.GetUtcNow(), UpdatedBy = "seed",
            });
            db.Entrepreneurs.Add(producer);
            return await db.SaveChangesAsync();
        });
        return $"{producerCode}-01";
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = Antiforgery.TokenFrom(await client.GetStringAsync(url));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task TheProducerPage_LinksToAddingAndEditingProducts()
    {
        var productCode = await ProducerWithAProductAsync("27019701", "2701");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");

        var html = await client.GetStringAsync("/Registry/Producer/27019701");

        html.ShouldContain("href=\"/Registry/ProductEdit?producer=27019701\"");
        html.ShouldContain($"href=\"/Registry/ProductEdit/{productCode}\"");
        html.ShouldContain("เพิ่มผลิตภัณฑ์");
    }

    [Fact]
    public async Task CreatingAProduct_WithThaiDigits_SavesItUnderTheProducer_AndIsAudited()
    {
        await ProducerWithAProductAsync("27019702", "2701");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");

        var response = await PostAsync(client, "/Registry/ProductEdit?producer=27019702", new()
        {
            ["Input.Code"] = "๒๗๐๑๙๗๐๒-๐๒", ["Input.Name"] = "น้ำพริกเผาสมุนไพร", ["Input.Category"] = "food", ["Input.RegisteredYear"] = "๒๕๖๕",
            ["Input.StarLevel"] = "๔", ["Input.StarYear"] = "2565", ["Input.Standards"] = "อย. มผช.", ["Input.Status"] = "active", ["Input.Version"] = "0",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/Registry/Producer/27019702");
        var saved = await app.WithDbAsync(db => db.Products.Include(p => p.Entrepreneur).SingleAsync(p => p.Code == "27019702-02"));
        saved.Entrepreneur.Code.ShouldBe("27019702");
        saved.Category.ShouldBe(ProductCategory.Food);
        saved.RegisteredYear.ShouldBe(2565);
        saved.StarLevel.ShouldBe(4);
        saved.StarYear.ShouldBe(2565);
        saved.Standards.ShouldBe("อย. มผช.");
        saved.UpdatedBy.ShouldNotBeEmpty();
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Entity == "product" && a.Key == "27019702-02"));
        audit.Action.ShouldBe("create");
        audit.OldValue.ShouldBeNull();
        audit.NewValue!.ShouldContain("2565");
        audit.ProvinceCode.ShouldBe("27");
    }

    [Fact]
    public async Task ARegisteredYearInTheFuture_ShowsAThaiMessage_AndKeepsWhatWasTyped()
    {
        await ProducerWithAProductAsync("27019703", "2701");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");

        var response = await PostAsync(client, "/Registry/ProductEdit?producer=27019703", new()
        {
            ["Input.Code"] = "27019703-02", ["Input.Name"] = "ตะกร้าสานไม้ไผ่", ["Input.Category"] = "decorative", ["Input.RegisteredYear"] = "๒๕๙๙",
            ["Input.StarLevel"] = "หกดาว", ["Input.Status"] = "active", ["Input.Version"] = "0",
        });

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("ปีที่ลงทะเบียนต้องเป็นปี พ.ศ. 2400–2566");
        html.ShouldContain("ระดับดาวต้องเป็น 1 ถึง 5");
        html.ShouldContain("value=\"๒๕๙๙\"");
        html.ShouldContain("value=\"หกดาว\"");
        html.ShouldContain("value=\"ตะกร้าสานไม้ไผ่\"");
        (await app.WithDbAsync(db => db.Products.AnyAsync(p => p.Code == "27019703-02"))).ShouldBeFalse();
    }

    [Fact]
    public async Task ACodeAlreadyUsedInAnotherProvince_IsRefused_AndWhatWasTypedIsKept()
    {
        var elsewhere = await ProducerWithAProductAsync("10019701", "1001");
        await ProducerWithAProductAsync("27019704", "2701");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");

        var response = await PostAsync(client, "/Registry/ProductEdit?producer=27019704", new()
        {
            ["Input.Code"] = elsewhere, ["Input.Name"] = "ข้าวเกรียบฟักทอง", ["Input.Category"] = "food", ["Input.RegisteredYear"] = "2564",
            ["Input.Status"] = "active", ["Input.Version"] = "0",
        });

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"รหัสผลิตภัณฑ์ {elsewhere} มีอยู่ในทะเบียนแล้ว");
        html.ShouldContain("value=\"ข้าวเกรียบฟักทอง\"");
        (await app.WithDbAsync(db => db.Products.CountAsync(p => p.Entrepreneur.Code == "27019704"))).ShouldBe(1);
    }

    [Fact]
    public async Task AnotherDistrictsProduct_Is404_ForReadingAndWriting()
    {
        var productCode = await ProducerWithAProductAsync("27029705", "2702");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");
        var token = Antiforgery.TokenFrom(await client.GetStringAsync("/Registry/ProductEdit?producer=27010001"));

        (await client.GetAsync($"/Registry/ProductEdit/{productCode}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/Registry/ProductEdit?producer=27029705")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var post = await client.PostAsync($"/Registry/ProductEdit/{productCode}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "ยึดมาแล้ว", ["Input.Category"] = "food", ["Input.RegisteredYear"] = "2560", ["Input.Version"] = "0",
            ["__RequestVerificationToken"] = token,
        }));
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.Products.SingleAsync(p => p.Code == productCode))).Name.ShouldBe("ผ้าไหมมัดหมี่");
    }

    [Fact]
    public async Task EditingAProducerWithAStaleVersion_NamesWhoSavedFirst_KeepsTheTyping_AndOverwritesNothing()
    {
        await ProducerWithAProductAsync("27019717", "2701");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");
        var url = "/Registry/Edit/27019717";
        var token = Antiforgery.TokenFrom(await client.GetStringAsync(url));
        await app.WithDbAsync(async db =>
        {
            var e = await db.Entrepreneurs.SingleAsync(x => x.Code == "27019717");
            e.Name = "กลุ่มทอผ้าบ้านหนองบัว";
            e.Version++;
            e.UpdatedBy = "khlonghat.officer";
            e.UpdatedAt = new DateTimeOffset(2023, 2, 20, 9, 15, 0, TimeSpan.FromHours(7)).ToUniversalTime();
            return await db.SaveChangesAsync();
        });

        var response = await app.ChangesNothingAsync(() => client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "กลุ่มจักสานบ้านใหม่", ["Input.Type"] = "group", ["Input.DistrictCode"] = "2701", ["Input.Status"] = "active",
            ["Input.Version"] = "0", ["__RequestVerificationToken"] = token,
        })));

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("khlonghat.officer แก้ไขข้อมูลผู้ประกอบการรายนี้ไปก่อนแล้วเมื่อ 20 ก.พ. 2566 09:15 น.");
        html.ShouldContain("value=\"กลุ่มจักสานบ้านใหม่\"");
        var stored = await app.WithDbAsync(db => db.Entrepreneurs.SingleAsync(e => e.Code == "27019717"));
        stored.Name.ShouldBe("กลุ่มทอผ้าบ้านหนองบัว");
        stored.Version.ShouldBe(1);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "entrepreneur" && a.Key == "27019717"))).ShouldBeFalse();
    }

    [Fact]
    public async Task EditingWithAStaleVersion_NamesWhoSavedFirst_KeepsTheTyping_AndOverwritesNothing()
    {
        var productCode = await ProducerWithAProductAsync("27019706", "2701");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");
        var url = $"/Registry/ProductEdit/{productCode}";
        var token = Antiforgery.TokenFrom(await client.GetStringAsync(url));
        await app.WithDbAsync(async db =>
        {
            var p = await db.Products.SingleAsync(x => x.Code == productCode);
            p.Name = "ผ้าไหมมัดหมี่ลายขอ";
            p.Version++;
            p.UpdatedBy = "khlonghat.officer";
            p.UpdatedAt = new DateTimeOffset(2023, 2, 20, 9, 15, 0, TimeSpan.FromHours(7)).ToUniversalTime();
            return await db.SaveChangesAsync();
        });

        var response = await app.ChangesNothingAsync(() => client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "ผ้าไหมแพรวา", ["Input.Category"] = "textile", ["Input.RegisteredYear"] = "2561", ["Input.Status"] = "active",
            ["Input.Version"] = "0", ["__RequestVerificationToken"] = token,
        })));

        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("khlonghat.officer แก้ไขผลิตภัณฑ์นี้ไปก่อนแล้วเมื่อ 20 ก.พ. 2566 09:15 น.");
        html.ShouldContain("value=\"ผ้าไหมแพรวา\"");
        var stored = await app.WithDbAsync(db => db.Products.SingleAsync(p => p.Code == productCode));
        stored.Name.ShouldBe("ผ้าไหมมัดหมี่ลายขอ");
        stored.RegisteredYear.ShouldBe(2560);
        stored.Version.ShouldBe(1);
        (await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Entity == "product" && a.Key == productCode))).ShouldBeFalse();
    }

    [Fact]
    public async Task EditingAProduct_BumpsTheVersion_AndAuditsOldAndNew()
    {
        var productCode = await ProducerWithAProductAsync("27019707", "2701");
        var client = await app.SignedInAsync("DistrictOfficer", "2701");

        var response = await PostAsync(client, $"/Registry/ProductEdit/{productCode}", new()
        {
            ["Input.Code"] = "ignored-on-edit", ["Input.Name"] = "ผ้าไหมมัดหมี่ย้อมคราม", ["Input.Category"] = "textile", ["Input.RegisteredYear"] = "2560",
            ["Input.StarLevel"] = "5", ["Input.StarYear"] = "2566", ["Input.Status"] = "ceased", ["Input.Version"] = "0",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await app.WithDbAsync(db => db.Products.SingleAsync(p => p.Code == productCode));
        stored.Name.ShouldBe("ผ้าไหมมัดหมี่ย้อมคราม");
        stored.StarLevel.ShouldBe(5);
        stored.Status.ShouldBe(RegistryStatus.Ceased);
        stored.Version.ShouldBe(1);
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Entity == "product" && a.Key == productCode));
        audit.Action.ShouldBe("update");
        audit.OldValue!.ShouldContain("ผ้าไหมมัดหมี่");
        audit.NewValue!.ShouldContain("ผ้าไหมมัดหมี่ย้อมคราม");
    }

    [Fact]
    public async Task AViewer_CannotOpenTheProductForm()
    {
        var client = await app.SignedInAsync("Viewer", "27");

        (await client.GetAsync("/Registry/ProductEdit?producer=27010001")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}
