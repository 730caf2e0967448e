using System.Net;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Otop.Web.Platform.Secrets;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>
/// docs/operations.md "Keys": the key file outside the database encrypts the data-protection key ring, so a copy of the
/// database alone cannot mint or read cookies and bearer tokens (issue 14, item 3).
/// </summary>
public sealed class KeyFileTests
{
    [Fact]
    public async Task OnFirstStart_TheKeyFileIsMade_OnlyItsOwnerMayReadIt_AndOnSqliteItLiesBesideTheDatabase()
    {
        using var app = new OtopApp();
        await app.ClientAsAsync("Viewer", "27");

        var ring = app.Services.GetRequiredService<KeyRing>();
        ring.Path.ShouldBe(app.Database.KeyFile);
        File.Exists(ring.Path).ShouldBeTrue();
        if (!OperatingSystem.IsWindows()) File.GetUnixFileMode(ring.Path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (!TestDatabase.IsPostgres) Path.GetDirectoryName(ring.Path).ShouldBe(Path.GetDirectoryName(app.Database.ConnectionString.Split('=', ';')[1]));
        ring.CurrentId.ShouldStartWith("k");
    }

    [Fact]
    public async Task TheKeyRingRows_HoldNoDataProtectionSecretInTheClear()
    {
        using var app = new OtopApp();
        await app.ClientAsAsync("Viewer", "27");

        var rows = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());

        rows.ShouldNotBeEmpty();
        rows.ShouldAllBe(xml => !xml.Contains("<masterKey") && !StoredKeyEncryption.HoldsPlainSecret(xml));
        rows.ShouldAllBe(xml => xml.Contains("encryptedSecret") && xml.Contains(nameof(KeyFileXmlDecryptor)));
    }

    [Fact]
    public async Task ADatabaseCopiedToAnAppWithAnotherKeyFile_RefusesTheOldTokens_AndStillStartsWithANewRing()
    {
        using var database = new TestDatabase();
        string userName;
        HttpClient stolen;
        using (var original = new OtopApp(database: database))
        {
            userName = await original.CreateUserAsync("DepartmentAdmin", "0");
            stolen = await original.ClientForAsync(userName);
            (await stolen.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await stolen.PostJsonAsync("/api/v1/users", new { username = "audited.2701", password = "Sakaeo2566x", displayName = "ผู้ใช้", role = "Viewer", orgUnit = "2701" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var otherKeys = Path.Combine(Path.GetTempPath(), "otop-tests", "keys", Guid.NewGuid().ToString("N") + ".keys");
        try
        {
            using var copy = new OtopApp(database: database, settings: new Dictionary<string, string?> { ["Keys:File"] = otherKeys });
            var replayed = copy.CreateClient();
            replayed.DefaultRequestHeaders.Authorization = stolen.DefaultRequestHeaders.Authorization;

            (await replayed.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await copy.CreateClient().GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var fresh = await copy.ClientForAsync(userName);
            (await fresh.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var report = await (await fresh.GetAsync("/api/v1/audit/verify")).JsonAsync();
            report.GetProperty("ok").GetBoolean().ShouldBeFalse("entries sealed under the other installation's key cannot be verified here");
        }
        finally
        {
            File.Delete(otherKeys);
        }
    }

    [Fact]
    public async Task KeysStoredInTheClearByAnOlderVersion_AreEncryptedAtStart_AndTheirTokensStillWork()
    {
        using var database = new TestDatabase();
        HttpClient client;
        using (var before = new OtopApp(database: database))
        {
            client = await before.ClientAsAsync("DepartmentAdmin", "0");
            var decryptor = new KeyFileXmlDecryptor(before.Services);
            await before.WithDbAsync(async db =>
            {
                foreach (var row in await db.DataProtectionKeys.ToListAsync())
                {
                    var xml = XElement.Parse(row.Xml);
                    foreach (var secret in xml.Descendants().Where(e => e.Name.LocalName == "encryptedSecret").ToList())
                    {
                        secret.ReplaceWith(decryptor.Decrypt(secret.Elements().Single()));
                    }
                    row.Xml = xml.ToString(SaveOptions.DisableFormatting);
                }
                return await db.SaveChangesAsync();
            });
            (await before.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync())).ShouldContain(x => StoredKeyEncryption.HoldsPlainSecret(x));
        }

        using var after = new OtopApp(database: database);
        var rows = await after.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());
        var replayed = after.CreateClient();
        replayed.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;

        rows.ShouldAllBe(xml => !StoredKeyEncryption.HoldsPlainSecret(xml));
        (await replayed.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AfterARotation_NewSealsUseTheNewKey_AndWhatTheOldKeySealedStillVerifies()
    {
        using var app = new OtopApp();
        var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
        (await admin.PostJsonAsync("/api/v1/users", new { username = "before.rotation", password = "Sakaeo2566x", displayName = "ก่อน", role = "Viewer", orgUnit = "2701" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var ring = app.Services.GetRequiredService<KeyRing>();
        var old = ring.CurrentId;

        var current = ring.Rotate();
        (await admin.PostJsonAsync("/api/v1/users", new { username = "after.rotation", password = "Sakaeo2566x", displayName = "หลัง", role = "Viewer", orgUnit = "2701" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        current.ShouldNotBe(old);
        ring.KeyIds.ShouldBe([old, current]);
        var keyIds = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Where(a => a.Chain == "27").Select(a => a.KeyId).ToListAsync());
        keyIds.ShouldBe([old, current]);
        (await (await admin.GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();
        (await admin.GetAsync("/api/v1/users")).StatusCode.ShouldBe(HttpStatusCode.OK, "a token issued before the rotation");
    }

    [Fact]
    public async Task OnPostgres_WithoutKeysFile_ProductionRefusesToStart_NamingTheSetting()
    {
        if (!TestDatabase.IsPostgres) return;
        using var database = new TestDatabase();
        await using var process = AppProcess.Start(database, new Dictionary<string, string> { ["Keys__File"] = "" });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(90))).ShouldBeTrue(process.Log);

        process.ExitCode.ShouldNotBe(0);
        process.Log.ShouldContain("Keys__File is required when Database__Provider=Postgres");
    }
}
