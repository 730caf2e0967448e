using System.Globalization;
using Otop.Web.Features.Account;
using Otop.Web.Features.Audit;
using Otop.Web.Features.Calendar;
using Otop.Web.Features.Circulars;
using Otop.Web.Features.Demo;
using Otop.Web.Features.Maps;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Notifications;
using Otop.Web.Features.Org;
using Otop.Web.Features.Registry;
using Otop.Web.Features.Reminders;
using Otop.Web.Features.Reports;
using Otop.Web.Features.Revenue;
using Otop.Web.Features.Users;
using Otop.Web.Platform;
using Otop.Web.Platform.Data;
// Machine formats (JSON, CSV, URLs) are invariant whatever the host says; Thai display goes through Otop.Domain.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

var builder = WebApplication.CreateBuilder(args);
if (await OtopBackup.RunIfAskedAsync(builder)) return;
if (Otop.Web.Platform.Secrets.KeyCommands.RunIfAsked(builder)) return;

// Platform/: database, auth, HTTP, documents. Features/<Feature>/: each feature whole (README "How the code is laid out").
builder.AddPlatform();
builder.AddUsers();          // accounts: list, create, edit, disable, reset, import
builder.AddRegistry();       // producers and products
builder.AddOnlineMarket();   // letter 1: share of products sold online
builder.AddRevenue();        // letter 2: revenue months, estimate, รต.1–รต.4
builder.AddCirculars();      // letters, enclosures, tasks
builder.AddReminders();      // due-date reminders, in the app and by e-mail
builder.AddNotifications();  // the bell, e-mail and LINE: month returned or unlocked, reminders (outbox)
builder.AddDemo();           // Sa Kaeo's demo data (Seed__Demo)
builder.AddMaps();           // issue 17: choropleths of the nation by province and of a province by district
builder.AddAudit();          // who may verify the audit chains, and how often it is computed

var app = builder.Build();
await DatabaseStartup.RunAsync(app.Services);

var api = app.UsePlatform();
app.MapAccount(api);
app.MapUsers(api);
app.MapOrg(api);
app.MapAudit(api);
app.MapRegistry(api);
app.MapOnlineMarket(api);
app.MapRevenue(api);
app.MapReports(api);
app.MapCirculars(api);
app.MapCalendar(api);
app.MapNotifications();

app.Run();

public partial class Program;
