using System.Globalization;
using Otop.Web.Infrastructure;
using Otop.Web.Infrastructure.Database;
using Otop.Web.Infrastructure.Security;
using Otop.Web.Pages.Account;
using Otop.Web.Pages.Admin;
using Otop.Web.Pages.Audit;
using Otop.Web.Pages.Circulars;
using Otop.Web.Pages.Org;
using Otop.Web.Pages.Registry;
using Otop.Web.Pages.OnlineMarket;
using Otop.Web.Pages.Reports;
using Otop.Web.Pages.Revenue;

// Machine formats (JSON, CSV, URLs) are invariant whatever the host says; Thai display goes through Otop.Domain.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);
if (await OtopBackup.RunIfAskedAsync(builder)) return;
builder.AddOtopData();
builder.AddOtopAuth();
builder.AddOtopWeb();
builder.AddOtopDocuments();
builder.AddCircularsAndReminders();
builder.AddOtopHardening();
builder.AddWriteConcurrency();

var app = builder.Build();
await DatabaseStartup.RunAsync(app.Services);

app.UseOtopErrorHandling();
app.UseOtopHardening();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapRazorPages();
app.MapReportDownloads();
app.MapCircularLinks();

var api = app.MapGroup("/api/v1").RequireAuthorization(ServiceSetup.ApiPolicy).DisableAntiforgery();
api.MapAuthApi();
api.MapOrgApi();
api.MapUsersApi();
api.MapAuditApi();
api.MapRegistryApi();
api.MapOnlineMarketApi();
api.MapReportsApi();
api.MapRevenueApi();
api.MapCircularsApi();

app.Run();

public partial class Program;
