using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Reminders;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform;
using Otop.Web.Platform.Mail;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Documents;
using Otop.Web.Platform.Http;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

/// <summary>README "Configuration": a bad value stops the app at start with a message naming it; every default is README's.</summary>
public sealed class ConfigurationTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    public static TheoryData<string, string, string> BadValues => new()
    {
        { "ProductCounts__DistrictsPerPass", "0", "must be a whole number from 1 to 100000" },
        { "ProductCounts__DistrictsPerPass", "-5", "must be a whole number from 1 to 100000" },
        { "ProductCounts__RefreshSeconds", "-1", "must be a number from 0 to 86400" },
        { "ProductCounts__RefreshSeconds", "soon", "must be a number from 0 to 86400" },
        { "Host__ShutdownTimeoutSeconds", "-1", "must be a whole number from 0 to 3600" },
        { "RateLimits__LoginPerMinute", "ten", "must be a whole number from 1 to 100000" },
        { "RateLimits__ImportsPerMinute", "0", "must be a whole number from 1 to 100000" },
        { "RateLimits__FailedLoginsPerAddressPerMinute", "0", "must be a whole number from 1 to 100000" },
        { "Auth__TokenMinutes", "0", "must be a whole number from 5 to 1440" },
        { "Auth__TokenMinutes", "an hour", "must be a whole number from 5 to 1440" },
        { "Auth__SessionHours", "100", "must be a whole number from 1 to 72" },
        { "Auth__IdleMinutes", "1", "must be a whole number from 5 to 1440" },
        { "Auth__CheckCacheSeconds", "60", "must be a whole number from 0 to 30" },
        { "RateLimits__RevenueWritesConcurrent", "0", "must be a whole number from 1 to 100000" },
        { "RateLimits__RevenueWritesQueue", "-1", "must be a whole number from 0 to 1000000" },
        { "RateLimits__VerifyPerMinute", "0", "must be a whole number from 1 to 100000" },
        { "RateLimits__RevenueWritesPerUser", "0", "must be a whole number from 1 to 1000" },
        { "Documents__PdfPerUser", "many", "must be a whole number from 1 to 100" },
        { "Audit__VerifyCacheSeconds", "-1", "must be a whole number from 0 to 86400" },
        { "Database__Provider", "Oracle", "must be Sqlite or Postgres" },
        { "Database__Provider", "7", "must be Sqlite or Postgres" },
        { "Smtp__Port", "70000", "must be a whole number from 1 to 65535" },
        { "Smtp__From", "nobody", "must be an e-mail address" },
        { "Smtp__Security", "tls", "must be Auto, None, StartTls or SslOnConnect" },
        { "Smtp__Timeout", "00:00:00", "must be a duration from 00:00:01 to 00:10:00" },
        { "Reminders__Period", "00:00:00", "must be a duration from 00:00:01 to 1.00:00:00" },
        { "Notifications__Period", "00:00:00", "must be a duration from 00:00:01 to 01:00:00" },
        { "Line__BaseUrl", "api.line.me", "must be an absolute http or https address" },
        { "Line__Timeout", "00:05:00", "must be a duration from 00:00:01 to 00:02:00" },
        { "Reminders__EscalateAfterDays", "-2", "must be a whole number from 0 to 60" },
        { "Registry__MaxUploadBytes", "0", "must be a whole number from 1 to 1073741824" },
        { "Circulars__MaxFileBytes", "lots", "must be a whole number from 1 to 1073741824" },
        { "Hosting__ForwardedHeaders", "yes", "must be true or false" },
        { "Clock__Now", "yesterday", "must be an ISO 8601 instant with offset" },
        { "Documents__PublicBaseUrl", "otop.cdd.go.th", "must be an absolute http or https address" },
        { "Hosting__PublicBaseUrl", "ftp://otop.cdd.go.th", "must be an absolute http or https address" },
        { "Keys__File", "otop.keys", "must be an absolute file path" },
        { "Audit__CheckpointEvery", "8.00:00:00", "must be a duration from 00:00:00 to 7.00:00:00" },
        { "Audit__CheckpointEvery", "daily", "must be a duration from 00:00:00 to 7.00:00:00" },
        { "Revenue__CertifyFromDay", "0", "must be a whole number from 1 to 28" },
        { "Revenue__CertifyFromDay", "end", "must be a whole number from 1 to 28" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task ABadValue_StopsTheAppBeforeItTouchesTheDatabase_NamingTheKeyTheValueAndWhatIsAllowed(string key, string value, string allowed)
    {
        using var database = new TestDatabase();
        await using var process = AppProcess.Start(database, new Dictionary<string, string> { [key] = value });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(90))).ShouldBeTrue($"the app kept running with {key}={value}:\n{process.Log}");

        process.ExitCode.ShouldNotBe(0);
        process.Log.ShouldContain($"{key}='{value}' is refused: {allowed}", Case.Sensitive, process.Log);
        process.Log.ShouldNotContain("Applied schema migration", Case.Sensitive, "refused before migrating");
    }

    [Fact]
    public async Task ALeadDayOutOfRange_IsRefused_NamingTheList()
    {
        using var database = new TestDatabase();
        await using var process = AppProcess.Start(database, new Dictionary<string, string> { ["Reminders__LeadDays__0"] = "3", ["Reminders__LeadDays__1"] = "0" });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(90))).ShouldBeTrue(process.Log);

        process.ExitCode.ShouldNotBe(0);
        process.Log.ShouldContain("Reminders__LeadDays='3, 0' is refused: each must be a whole number of days from 1 to 60", Case.Sensitive, process.Log);
    }

    [Fact]
    public async Task AnAdminUserNameWithoutAPassword_IsRefused()
    {
        using var database = new TestDatabase();
        await using var process = AppProcess.Start(database, new Dictionary<string, string> { ["Admin__Username"] = "chief" });

        (await process.WaitForExitAsync(TimeSpan.FromSeconds(90))).ShouldBeTrue(process.Log);

        process.ExitCode.ShouldNotBe(0);
        process.Log.ShouldContain("Admin__Username and Admin__Password are refused: set both", Case.Sensitive, process.Log);
    }

    private static readonly Dictionary<string, Func<IServiceProvider, object?>> Effective = new()
    {
        ["Admin__Username"] = sp => Value<AdminOptions>(sp).Username,
        ["Clock__Now"] = sp => Value<ClockOptions>(sp).Now,
        ["Documents__PublicBaseUrl"] = sp => Value<DocumentOptions>(sp).PublicBaseUrl,
        ["Documents__ChromiumPath"] = sp => Value<DocumentOptions>(sp).ChromiumPath,
        ["Smtp__Host"] = sp => Value<SmtpOptions>(sp).Host,
        ["Smtp__Port"] = sp => Value<SmtpOptions>(sp).Port,
        ["Smtp__EnableSsl"] = sp => Value<SmtpOptions>(sp).EnableSsl,
        ["Smtp__From"] = sp => Value<SmtpOptions>(sp).From,
        ["Smtp__UserName"] = sp => Value<SmtpOptions>(sp).UserName,
        ["Smtp__Security"] = sp => Value<SmtpOptions>(sp).Security,
        ["Smtp__Timeout"] = sp => Value<SmtpOptions>(sp).Timeout,
        ["Reminders__LeadDays"] = sp => string.Join(",", Value<ReminderOptions>(sp).EffectiveLeadDays),
        ["Reminders__EscalateAfterDays"] = sp => Value<ReminderOptions>(sp).EscalateAfterDays,
        ["Reminders__Period"] = sp => Value<ReminderOptions>(sp).Period,
        ["Reminders__BaseUrl"] = sp => Value<ReminderOptions>(sp).BaseUrl,
        ["Reminders__Enabled"] = sp => Value<ReminderOptions>(sp).Enabled,
        ["Notifications__Period"] = sp => Value<Otop.Web.Features.Notifications.NotificationOptions>(sp).Period,
        ["Notifications__Enabled"] = sp => Value<Otop.Web.Features.Notifications.NotificationOptions>(sp).Enabled,
        ["Line__BaseUrl"] = sp => Value<Otop.Web.Features.Notifications.LineOptions>(sp).BaseUrl,
        ["Line__ChannelAccessToken"] = sp => Value<Otop.Web.Features.Notifications.LineOptions>(sp).ChannelAccessToken,
        ["Line__ChannelSecret"] = sp => Value<Otop.Web.Features.Notifications.LineOptions>(sp).ChannelSecret,
        ["Line__AccountId"] = sp => Value<Otop.Web.Features.Notifications.LineOptions>(sp).AccountId,
        ["Line__Timeout"] = sp => Value<Otop.Web.Features.Notifications.LineOptions>(sp).Timeout,
        ["Circulars__MaxFileBytes"] = sp => Value<CircularOptions>(sp).MaxFileBytes,
        ["Registry__MaxUploadBytes"] = sp => Value<RegistryOptions>(sp).MaxUploadBytes,
        ["RateLimits__LoginPerMinute"] = sp => Value<RateLimitOptions>(sp).LoginPerMinute,
        ["RateLimits__ImportsPerMinute"] = sp => Value<RateLimitOptions>(sp).ImportsPerMinute,
        ["RateLimits__FailedLoginsPerAddressPerMinute"] = sp => Value<RateLimitOptions>(sp).FailedLoginsPerAddressPerMinute,
        ["Auth__TokenMinutes"] = sp => Value<AuthOptions>(sp).TokenMinutes,
        ["Auth__SessionHours"] = sp => Value<AuthOptions>(sp).SessionHours,
        ["Auth__IdleMinutes"] = sp => Value<AuthOptions>(sp).IdleMinutes,
        ["Auth__CheckCacheSeconds"] = sp => Value<AuthOptions>(sp).CheckCacheSeconds,
        ["RateLimits__RevenueWritesConcurrent"] = sp => Value<RevenueWriteOptions>(sp).ConcurrentOn(Value<Otop.Web.Platform.Data.DatabaseOptions>(sp).Provider),
        ["RateLimits__RevenueWritesQueue"] = sp => Value<RevenueWriteOptions>(sp).RevenueWritesQueue,
        ["RateLimits__RevenueWritesPerUser"] = sp => Value<RevenueWriteOptions>(sp).RevenueWritesPerUser,
        ["RateLimits__VerifyPerMinute"] = sp => Value<PublicLinkLimitOptions>(sp).VerifyPerMinute,
        ["RateLimits__EnclosuresPerMinute"] = sp => Value<PublicLinkLimitOptions>(sp).EnclosuresPerMinute,
        ["Documents__PdfPerUser"] = sp => Value<DocumentOptions>(sp).PdfPerUser,
        ["Documents__PdfRendering"] = sp => Value<DocumentOptions>(sp).PdfRendering,
        ["Documents__PdfQueue"] = sp => Value<DocumentOptions>(sp).PdfQueue,
        // The test apps set 0 (they tamper and verify again at once): the default is the option's own.
        ["Audit__VerifyCacheSeconds"] = _ => new Otop.Web.Features.Audit.AuditVerifyOptions().VerifyCacheSeconds,
        ["ProductCounts__RefreshSeconds"] = sp => Value<ProductCountOptions>(sp).RefreshSeconds,
        ["ProductCounts__DistrictsPerPass"] = sp => Value<ProductCountOptions>(sp).DistrictsPerPass,
        ["Hosting__ForwardedHeaders"] = sp => Value<HostingOptions>(sp).ForwardedHeaders,
        ["Hosting__PublicBaseUrl"] = sp => Value<HostingOptions>(sp).PublicBaseUrl,
        ["Audit__CheckpointEvery"] = sp => Value<Otop.Web.Platform.Audit.AuditOptions>(sp).CheckpointEvery,
        ["Revenue__CertifyFromDay"] = sp => Value<RevenueOptions>(sp).CertifyFromDay,
        ["Host__ShutdownTimeoutSeconds"] = sp => sp.GetRequiredService<IOptions<Microsoft.Extensions.Hosting.HostOptions>>().Value.ShutdownTimeout,
    };

    public static TheoryData<string, string> Defaults => new()
    {
        { "Admin__Username", "" },
        { "Clock__Now", "" },
        { "Documents__PublicBaseUrl", "" },
        { "Documents__ChromiumPath", "/usr/bin/chromium" },
        { "Smtp__Host", "" },
        { "Smtp__Port", "25" },
        { "Smtp__EnableSsl", "False" },
        { "Smtp__From", "otop-noreply@example.go.th" },
        { "Smtp__UserName", "" },
        { "Smtp__Security", "Auto" },
        { "Smtp__Timeout", "00:00:30" },
        { "Reminders__LeadDays", "3,1" },
        { "Reminders__EscalateAfterDays", "2" },
        { "Reminders__Period", "00:01:00" },
        { "Reminders__BaseUrl", "" },
        { "Reminders__Enabled", "True" },
        { "Notifications__Period", "00:00:15" },
        { "Notifications__Enabled", "True" },
        { "Line__BaseUrl", "https://api.line.me" },
        { "Line__ChannelAccessToken", "" },
        { "Line__ChannelSecret", "" },
        { "Line__AccountId", "" },
        { "Line__Timeout", "00:00:10" },
        { "Circulars__MaxFileBytes", "10485760" },
        { "Registry__MaxUploadBytes", "104857600" },
        { "RateLimits__LoginPerMinute", "10" },
        { "RateLimits__ImportsPerMinute", "6" },
        { "RateLimits__FailedLoginsPerAddressPerMinute", "30" },
        { "Auth__TokenMinutes", "60" },
        { "Auth__SessionHours", "12" },
        { "Auth__IdleMinutes", "600" },
        { "Auth__CheckCacheSeconds", "15" },
        // README: 8 × cores on PostgreSQL, 1 on SQLite (one writer at a time).
        { "RateLimits__RevenueWritesConcurrent", (TestDatabase.IsPostgres ? 8 * Environment.ProcessorCount : 1).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        { "RateLimits__RevenueWritesQueue", "5000" },
        { "RateLimits__RevenueWritesPerUser", "2" },
        { "RateLimits__VerifyPerMinute", "20" },
        { "RateLimits__EnclosuresPerMinute", "60" },
        { "Documents__PdfPerUser", "2" },
        { "Documents__PdfRendering", "2" },
        { "Documents__PdfQueue", "16" },
        { "Audit__VerifyCacheSeconds", "60" },
        { "ProductCounts__RefreshSeconds", "2" },
        { "ProductCounts__DistrictsPerPass", "100" },
        { "Hosting__ForwardedHeaders", "False" },
        { "Hosting__PublicBaseUrl", "" },
        { "Host__ShutdownTimeoutSeconds", "00:01:00" },
        { "Audit__CheckpointEvery", "1.00:00:00" },
        { "Revenue__CertifyFromDay", "1" },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void AnUnsetKey_TakesReadmesDefault(string key, string expected)
    {
        var value = Effective[key](app.Services);

        (Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "").ShouldBe(expected, key);
    }

    private static T Value<T>(IServiceProvider services) where T : class => services.GetRequiredService<IOptions<T>>().Value;
}
