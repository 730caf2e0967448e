namespace Otop.Web.Tests.Trust;

/// <summary>
/// THE authorization table (STYLE.md: a row outside your scope does not exist): every endpoint and page handler of the route table → a rule and a sample
/// request. <see cref="AuthorizationMatrixTests"/> fails when the route table holds a route missing here (a new endpoint
/// must be added, with its rule) or when a route here no longer exists.
///
/// Key: <c>"METHOD /route/pattern"</c> exactly as the route table has it; a page handler adds <c>?handler=Name</c>.
/// Request: the URL to call. Placeholders pick the targets the row is tried against:
/// <c>{district}</c> → 2701 (own district of the district callers), 2702 (its sibling), 1101 (another province);
/// <c>{province}</c> → 27 (own province, the district callers' parent), 11 (another province);
/// <c>{product}</c>/<c>{entrepreneur}</c> → a record of 2701 and one of 2702; <c>{circular}</c> → Sa Kaeo's published demo
/// letter (unit 27); no placeholder → one target.
/// A rule ending in <c>:by-id</c> names a record that does not exist (id 0): an allowed caller may get 404 there.
/// Body: null (none), "form" (a page form with its antiforgery token), "file" (an empty upload), or JSON where the same
/// placeholders apply. Bodies are chosen so that an allowed write fails validation or the workflow (409/422/423) and
/// changes nothing, while authorization has already been decided.
/// </summary>
public static class AuthorizationTable
{
    public sealed record Row(string Rule, string Request, string? Body = null);

    public static readonly IReadOnlyDictionary<string, Row> Routes = new Dictionary<string, Row>
    {
        // Anonymous by design: token, health, OpenAPI, the login page, the error page.
        ["POST /api/v1/auth/token"] = new("public", "/api/v1/auth/token", """{"username":"","password":""}"""),
        ["GET /healthz"] = new("public", "/healthz"),
        // The Prometheus scrape (Telemetry:Prometheus, on in the matrix app with a scrape token): no user, signed in or not,
        // scrapes with a user's cookie or bearer token; only the configured token or network does (docs/operations.md "Telemetry").
        ["GET /metrics"] = new("scrape-token", "/metrics"),
        ["GET /openapi/{documentName}.json"] = new("public", "/openapi/v1.json"),
        ["GET /Account/Login"] = new("public", "/Account/Login"),
        ["POST /Account/Login"] = new("public", "/Account/Login", "form"),
        ["GET /Error"] = new("public", "/Error?code=404"),
        ["POST /Error"] = new("public", "/Error?code=404", "form"),

        // API v1
        ["GET /api/v1/org/provinces"] = new("signed-in", "/api/v1/org/provinces"),
        ["GET /api/v1/org/provinces/{code}/districts"] = new("signed-in", "/api/v1/org/provinces/{province}/districts"),
        // The unit picker's search (cookie login, issue 17 item 2): every signed-in user, answered within their scope only.
        ["GET /Org/Units"] = new("signed-in", "/Org/Units?q=27"),
        ["POST /api/v1/users"] = new("admin-or-province", "/api/v1/users",
            """{"username":"matrix.user","password":"x","displayName":"ทดสอบ","role":"Viewer","orgUnit":"{district}"}"""),
        ["GET /api/v1/users"] = new("admin-or-province", "/api/v1/users"),
        // Accounts (CONTRACT.md "Roles and scope"): muang.officer is the demo DistrictOfficer of 2701, which the department and
        // Sa Kaeo's province manage; the bodies fail validation (422) for them, so nothing changes.
        ["GET /api/v1/users/{username}"] = new("admin-or-province", "/api/v1/users/muang.officer"),
        ["PATCH /api/v1/users/{username}"] = new("admin-or-province", "/api/v1/users/muang.officer", """{"displayName":""}"""),
        ["POST /api/v1/users/{username}/password"] = new("admin-or-province", "/api/v1/users/muang.officer/password", """{"password":""}"""),
        ["POST /api/v1/users/import"] = new("admin-or-province", "/api/v1/users/import", "file"),
        ["GET /api/v1/audit"] = new("admin-or-province", "/api/v1/audit?entity=user"),
        ["GET /api/v1/audit/verify"] = new("admin-or-province", "/api/v1/audit/verify"),
        // Signing checkpoints of the audit chains changes no audited data (docs/decisions/013-audit-chain-v2.md).
        ["POST /api/v1/audit/checkpoints"] = new("admin-only", "/api/v1/audit/checkpoints"),
        ["GET /api/v1/audit/checkpoints"] = new("admin-only", "/api/v1/audit/checkpoints"),
        ["POST /api/v1/registry/import"] = new("writer", "/api/v1/registry/import?commit=false", "file"),
        ["GET /api/v1/registry/summary"] = new("read-covered", "/api/v1/registry/summary?province={province}&registeredFrom=2557&registeredTo=2563"),
        ["PUT /api/v1/registry/products/{productCode}/online-listings"] = new("entity-registry-write", "/api/v1/registry/products/{product}/online-listings",
            """[{"channel":"no-such-channel","url":"not a url","since":"2021-01-15"}]"""),
        ["GET /api/v1/registry/products"] = new("read", "/api/v1/registry/products?district={district}"),
        ["GET /api/v1/registry/products/{productCode}"] = new("entity-read", "/api/v1/registry/products/{product}"),
        ["GET /api/v1/registry/entrepreneurs"] = new("read", "/api/v1/registry/entrepreneurs?district={district}"),
        // Merging duplicates (issue 16, item 9): the empty list of records to merge is refused (422) once the scope is decided.
        ["POST /api/v1/registry/entrepreneurs/{code}/merge"] = new("entity-registry-write", "/api/v1/registry/entrepreneurs/{entrepreneur}/merge",
            """{"from":[],"versions":{}}"""),
        ["GET /api/v1/registry/entrepreneurs/{code}"] = new("entity-read", "/api/v1/registry/entrepreneurs/{entrepreneur}"),
        ["GET /api/v1/registry/channels"] = new("signed-in", "/api/v1/registry/channels"),
        ["GET /api/v1/registry/export"] = new("read", "/api/v1/registry/export?district={district}&format=csv"),
        ["GET /api/v1/reports/{form}"] = new("read", "/api/v1/reports/online-market-targets?fiscalYear=2564&round=1&province={province}&format=csv"),
        ["GET /api/v1/kpi/online-market/targets"] = new("read", "/api/v1/kpi/online-market/targets?fiscalYear=2564&round=1&province={province}"),
        ["GET /api/v1/kpi/online-market/results"] = new("read", "/api/v1/kpi/online-market/results?fiscalYear=2564&round=1&province={province}"),
        ["POST /api/v1/kpi/online-market/targets/publish"] = new("province-action", "/api/v1/kpi/online-market/targets/publish",
            """{"fiscalYear":2564,"round":1,"province":"{province}"}"""),
        ["GET /api/v1/kpi/revenue/targets"] = new("read", "/api/v1/kpi/revenue/targets?fiscalYear=2566&round=1&province={province}"),
        // Round 3 does not exist: an allowed caller gets 422 and nothing is published; the others 403 before the values are read.
        ["POST /api/v1/kpi/revenue/targets/publish"] = new("province-action", "/api/v1/kpi/revenue/targets/publish?fiscalYear=2566&round=3&province={province}", "{}"),
        ["POST /api/v1/revenue/import"] = new("admin-only", "/api/v1/revenue/import?commit=false", "file"),
        ["GET /api/v1/revenue/{districtCode}/{month}"] = new("read", "/api/v1/revenue/{district}/2023-01"),
        ["PUT /api/v1/revenue/{districtCode}/{month}"] = new("district-write", "/api/v1/revenue/{district}/2023-01",
            """{"version":987654,"entries":[]}"""),
        ["GET /api/v1/revenue/estimates/{districtCode}/{fiscalYear:int}"] = new("read", "/api/v1/revenue/estimates/{district}/2566"),
        ["PUT /api/v1/revenue/estimates/{districtCode}/{fiscalYear:int}"] = new("district-write", "/api/v1/revenue/estimates/{district}/2566",
            """{"version":987654,"entries":[]}"""),
        ["POST /api/v1/revenue/estimates/{districtCode}/{fiscalYear:int}/file"] = new("district-write", "/api/v1/revenue/estimates/{district}/2566/file", "file"),
        ["POST /api/v1/revenue/{districtCode}/{month}/file"] = new("district-write", "/api/v1/revenue/{district}/2023-01/file", "file"),
        ["POST /api/v1/revenue/{districtCode}/{month}/certify"] = new("district-head", "/api/v1/revenue/{district}/2022-10/certify", "{}"),
        ["POST /api/v1/revenue/{districtCode}/{month}/confirm"] = new("district-head", "/api/v1/revenue/{district}/2022-10/confirm", "{}"),
        ["POST /api/v1/revenue/{districtCode}/{month}/approve"] = new("province-action", "/api/v1/revenue/{district}/2030-01/approve", "{}"),
        ["POST /api/v1/revenue/{districtCode}/{month}/return"] = new("province-action", "/api/v1/revenue/{district}/2022-10/return", """{"reason":""}"""),
        ["POST /api/v1/revenue/{districtCode}/{month}/unlock"] = new("province-action", "/api/v1/revenue/{district}/2022-10/unlock", """{"reason":""}"""),
        // Circulars (docs/decisions/007-circulars.md): issuers are provinces and the department; id 0 is a letter/task that does not exist.
        ["GET /api/v1/circulars"] = new("signed-in", "/api/v1/circulars"),
        ["GET /api/v1/circulars/{id:int}"] = new("read", "/api/v1/circulars/{circular}"),
        ["GET /api/v1/circulars/tasks"] = new("signed-in", "/api/v1/circulars/tasks"),
        ["POST /api/v1/circulars"] = new("issuer", "/api/v1/circulars", """{"number":"","subject":"","recipients":[]}"""),
        ["POST /api/v1/circulars/{id:int}/publish"] = new("issuing-unit", "/api/v1/circulars/{circular}/publish", """{"version":0}"""),
        ["POST /api/v1/circulars/tasks/{assignmentId:int}/submit"] = new("signed-in:by-id", "/api/v1/circulars/tasks/0/submit", """{"note":""}"""),
        // Document verification (docs/decisions/006-documents.md): anonymous by design, an unknown code is 404 for everybody.
        ["GET /api/v1/documents/{code}"] = new("public-token", "/api/v1/documents/ZZZZ-ZZZZ"),
        ["GET /api/v1/kpi/revenue/results"] = new("read", "/api/v1/kpi/revenue/results?fiscalYear=2566&round=1&province={province}"),
        // The national compilation: a month that does not exist, so an allowed caller gets 400 and nothing is compiled.
        ["GET /api/v1/compilations/{month}"] = new("admin-or-province", "/api/v1/compilations/2023-13"),
        ["GET /api/v1/compilations/{month}/changes"] = new("admin-or-province", "/api/v1/compilations/2023-13/changes"),
        ["POST /api/v1/compilations/{month}"] = new("admin-only", "/api/v1/compilations/2023-13", "{}"),
        ["GET /api/v1/kpi/revenue/forecast"] = new("read", "/api/v1/kpi/revenue/forecast?fiscalYear=2566&round=1&province={province}"),

        // Pages
        ["GET /Index"] = new("signed-in", "/"),
        // The province's queue on the home page: the same command as the API's approve/return (never-written 2030-01 → 409, no reason → 422).
        ["POST /Index?handler=Approve"] = new("province-action", "/?handler=Approve&District={district}&Month=2030-01&Version=0", "form"),
        ["POST /Index?handler=Return"] = new("province-action", "/?handler=Return&District={district}&Month=2022-10&Version=0", "form"),
        // The department compiles the report month again from its home (the API's command; 2030-01 has not begun → 422).
        ["POST /Index?handler=Compile"] = new("admin-only", "/?handler=Compile&Month=2030-01", "form"),
        ["GET /Account/Denied"] = new("signed-in", "/Account/Denied"),
        ["GET /Account/Logout"] = new("sign-out", "/Account/Logout"),
        ["POST /Account/Logout"] = new("sign-out", "/Account/Logout", "form"),
        ["GET /Audit/Index"] = new("signed-in", "/Audit"),
        // The one-time set-password link (Features/Account/SetPassword): anonymous by design, a form without a valid token changes nothing.
        ["GET /Account/SetPassword"] = new("public", "/Account/SetPassword?user=muang.officer&token=forged"),
        ["POST /Account/SetPassword"] = new("public", "/Account/SetPassword", "form"),
        // Accounts pages: a POST without the account's stamp changes nothing (a Thai "reload" message).
        ["GET /Users/Index"] = new("admin-or-province", "/Users"),
        ["GET /Users/Create"] = new("admin-or-province", "/Users/Create"),
        ["POST /Users/Create"] = new("admin-or-province", "/Users/Create", "form"),
        ["GET /Users/Import"] = new("admin-or-province", "/Users/Import"),
        ["GET /Users/Import?handler=Template"] = new("admin-or-province", "/Users/Import?handler=Template"),
        ["POST /Users/Import"] = new("admin-or-province", "/Users/Import", "form"),
        ["GET /Users/Edit/{username}"] = new("admin-or-province", "/Users/Edit/muang.officer"),
        ["POST /Users/Edit/{username}"] = new("admin-or-province", "/Users/Edit/muang.officer", "form"),
        ["POST /Users/Edit/{username}?handler=Disable"] = new("admin-or-province", "/Users/Edit/muang.officer?handler=Disable", "form"),
        ["POST /Users/Edit/{username}?handler=Enable"] = new("admin-or-province", "/Users/Edit/muang.officer?handler=Enable", "form"),
        ["POST /Users/Edit/{username}?handler=Reset"] = new("admin-or-province", "/Users/Edit/muang.officer?handler=Reset", "form"),
        ["POST /Users/Edit/{username}?handler=Unlock"] = new("admin-or-province", "/Users/Edit/muang.officer?handler=Unlock", "form"),
        ["GET /Audit/Checkpoint"] = new("admin-only", "/Audit/Checkpoint"),
        ["POST /Audit/Checkpoint"] = new("admin-only", "/Audit/Checkpoint", "form"),
        // Anonymous links printed on paper (QR codes) and read by calendar apps: a wrong token is 404, never a login page.
        ["GET /Verify/Index/{code}"] = new("public-token", "/v/ZZZZ-ZZZZ"),
        ["GET /e/{token}"] = new("public-token", "/e/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
        ["GET /calendar/feed/{token}.ics"] = new("public-token", "/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics"),
        ["GET /Calendar/Index"] = new("read", "/Calendar?unit={district}&fiscalYear=2566"),
        ["POST /Calendar/Index?handler=Feed"] = new("signed-in", "/Calendar?handler=Feed", "form"),
        ["POST /Calendar/Index?handler=Revoke"] = new("signed-in", "/Calendar?handler=Revoke", "form"),
        ["GET /Circulars/Index"] = new("signed-in", "/Circulars"),
        ["GET /Circulars/Tasks"] = new("signed-in", "/Circulars/Tasks"),
        ["GET /Circulars/Edit"] = new("issuer", "/Circulars/Edit"),
        ["POST /Circulars/Edit"] = new("issuer", "/Circulars/Edit", "form"),
        ["GET /Circulars/Letter"] = new("read", "/Circulars/Letter?id={circular}"),
        ["GET /Circulars/Letter?handler=File"] = new("signed-in:by-id", "/Circulars/Letter?id=0&handler=File&assignment=0"),
        ["POST /Circulars/Letter?handler=Publish"] = new("issuing-unit", "/Circulars/Letter?id={circular}&handler=Publish", "form"),
        ["POST /Circulars/Letter?handler=Enclosure"] = new("issuer:by-id", "/Circulars/Letter?id=0&handler=Enclosure", "form"),
        ["POST /Circulars/Letter?handler=Correct"] = new("issuing-unit", "/Circulars/Letter?id={circular}&handler=Correct", "form"),
        ["POST /Circulars/Letter?handler=Submit"] = new("writer:by-id", "/Circulars/Letter?id=0&handler=Submit&assignment=0", "form"),
        ["GET /Reminders/Index"] = new("signed-in", "/Reminders"),
        ["POST /Reminders/Index?handler=Read"] = new("signed-in", "/Reminders?handler=Read", "form"),
        // The bell and the profile are the caller's own (issue 15, items 5 and 10).
        ["GET /Notifications/Index"] = new("signed-in", "/Notifications"),
        ["POST /Notifications/Index?handler=Read"] = new("signed-in", "/Notifications?handler=Read", "form"),
        ["POST /Notifications/Index?handler=Open"] = new("signed-in:by-id", "/Notifications?handler=Open&id=0", "form"),
        ["GET /Account/Profile"] = new("signed-in", "/Account/Profile"),
        ["POST /Account/Profile?handler=Code"] = new("signed-in", "/Account/Profile?handler=Code", "form"),
        ["POST /Account/Profile?handler=Unlink"] = new("signed-in", "/Account/Profile?handler=Unlink", "form"),
        // LINE's webhook answers only bodies signed with the channel secret; without LINE configured (the tests' apps) it is 404.
        ["POST /line/webhook"] = new("public-token", "/line/webhook"),
        // Report documents (docs/decisions/006-documents.md): the same scope as the JSON they print; รต.1 is a district's form.
        ["GET /Reports/Print"] = new("read", "/Reports/Print?form=rt1&district={district}&month=2023-01"),
        ["GET /Reports/Download/{form}"] = new("read", "/Reports/Download/rt1?district={district}&month=2023-01&format=csv"),
        // The same files by POST with the page's antiforgery token: how the pages ask for a PDF, which issues a document.
        ["POST /Reports/Download/{form}"] = new("read", "/Reports/Download/rt1?district={district}&month=2023-01&format=csv", "form"),
        ["GET /Kpi/Indicators"] = new("admin-only", "/Kpi/Indicators"),
        ["POST /Kpi/Indicators?handler=Copy"] = new("admin-only", "/Kpi/Indicators?handler=Copy", "form"),
        ["GET /Kpi/Edit"] = new("admin-only", "/Kpi/Edit"),
        ["POST /Kpi/Edit"] = new("admin-only", "/Kpi/Edit", "form"),
        // Rankings (issue 17 item 2): the department any province or the nation, a province its own, a district its province's.
        ["GET /Rankings/Index"] = new("province-read", "/Rankings?indicator=online&fiscalYear=2564&round=1&province={province}"),
        ["GET /OnlineMarket/Explain"] = new("province-read", "/OnlineMarket/Explain?fiscalYear=2564&round=1&district={district}"),
        ["GET /OnlineMarket/Report"] = new("read", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}"),
        ["POST /OnlineMarket/Report?handler=Add"] = new("district-only-write", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}&handler=Add", "form"),
        ["POST /OnlineMarket/Report?handler=Delete"] = new("district-only-write:by-id", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}&handler=Delete&listingId=0", "form"),
        ["POST /OnlineMarket/Report?handler=End"] = new("district-only-write:by-id", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}&handler=End&listingId=0", "form"),
        ["POST /OnlineMarket/Report?handler=Submit"] = new("district-only-write", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}&handler=Submit", "form"),
        ["POST /OnlineMarket/Report?handler=Withdraw"] = new("district-only-write:by-id", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}&handler=Withdraw&submissionId=0", "form"),
        ["POST /OnlineMarket/Report?handler=Return"] = new("province-action:by-id", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}&handler=Return&submissionId=0&reason=x", "form"),
        ["GET /OnlineMarket/Report?handler=Evidence"] = new("read:by-id", "/OnlineMarket/Report?fiscalYear=2564&round=1&district={district}&handler=Evidence&listingId=0"),
        ["GET /OnlineMarket/ReportFile"] = new("signed-in", "/OnlineMarket/ReportFile?fiscalYear=2564&round=1"),
        ["POST /OnlineMarket/ReportFile"] = new("district-staff", "/OnlineMarket/ReportFile?fiscalYear=2564&round=1", "form"),
        ["GET /OnlineMarket/Results"] = new("read", "/OnlineMarket/Results?fiscalYear=2564&round=1&province={province}"),
        ["GET /OnlineMarket/Survey"] = new("signed-in", "/OnlineMarket/Survey?fiscalYear=2564&round=1"),
        ["POST /OnlineMarket/Survey?handler=Save"] = new("district-staff", "/OnlineMarket/Survey?fiscalYear=2564&round=1&handler=Save", "form"),
        ["POST /OnlineMarket/Survey?handler=Send"] = new("district-staff", "/OnlineMarket/Survey?fiscalYear=2564&round=1&handler=Send", "form"),
        ["GET /OnlineMarket/SurveyFile"] = new("signed-in", "/OnlineMarket/SurveyFile?fiscalYear=2564&round=1"),
        ["POST /OnlineMarket/SurveyFile"] = new("district-staff", "/OnlineMarket/SurveyFile?fiscalYear=2564&round=1", "form"),
        ["GET /OnlineMarket/Targets"] = new("read", "/OnlineMarket/Targets?fiscalYear=2564&round=1&province={province}"),
        ["GET /OnlineMarket/Targets?handler=File"] = new("read", "/OnlineMarket/Targets?fiscalYear=2564&round=1&province={province}&handler=File&format=csv"),
        ["POST /OnlineMarket/Targets?handler=Publish"] = new("province-action", "/OnlineMarket/Targets?fiscalYear=2564&round=1&province={province}&handler=Publish", "form"),
        ["GET /Registry/Checks"] = new("signed-in", "/Registry/Checks"),
        ["POST /Registry/Checks"] = new("district-staff", "/Registry/Checks?fiscalYear=1900", "form"),
        ["GET /Registry/Edit/{code?}"] = new("entity-registry-write", "/Registry/Edit/{entrepreneur}"),
        ["POST /Registry/Edit/{code?}"] = new("entity-registry-write", "/Registry/Edit/{entrepreneur}", "form"),
        ["GET /Registry/Import"] = new("writer", "/Registry/Import"),
        ["POST /Registry/Import"] = new("writer", "/Registry/Import", "form"),
        ["GET /Registry/Import?handler=Template"] = new("writer", "/Registry/Import?handler=Template&format=xlsx"),
        ["GET /Registry/Index"] = new("signed-in", "/Registry"),
        ["GET /Registry/Index?handler=Export"] = new("signed-in", "/Registry?handler=Export&format=csv"),
        ["GET /Registry/Producer/{code}"] = new("entity-read", "/Registry/Producer/{entrepreneur}"),
        ["GET /Registry/ProductEdit/{code?}"] = new("entity-registry-write", "/Registry/ProductEdit/{product}"),
        ["POST /Registry/ProductEdit/{code?}"] = new("entity-registry-write", "/Registry/ProductEdit/{product}", "form"),
        ["GET /Registry/Quality"] = new("signed-in", "/Registry/Quality"),
        ["GET /Registry/Merge"] = new("entity-registry-write", "/Registry/Merge?keep={entrepreneur}"),
        ["POST /Registry/Merge"] = new("entity-registry-write", "/Registry/Merge?Input.Keep={entrepreneur}", "form"),
        ["GET /Revenue/Calendar"] = new("admin-only", "/Revenue/Calendar"),
        ["POST /Revenue/Calendar"] = new("admin-only", "/Revenue/Calendar", "form"),
        ["GET /Maps/Index"] = new("unit-map", "/Maps?province={province}"),
        // The home's drill-down into a province (issue 17): like the map, no district reads it and another province is not there.
        ["GET /Compilation/Province"] = new("unit-map", "/Compilation/Province?code={province}&month=2023-01"),
        ["GET /Revenue/History"] = new("admin-only", "/Revenue/History"),
        ["POST /Revenue/History"] = new("admin-only", "/Revenue/History", "form"),
        ["GET /Revenue/Explain"] = new("read", "/Revenue/Explain?fiscalYear=2566&round=1&district={district}"),
        ["GET /Revenue/Targets"] = new("read", "/Revenue/Targets?fiscalYear=2566&round=1&province={province}"),
        // Round 3 does not exist: an allowed caller sees the refusal on the page and nothing is published.
        ["POST /Revenue/Targets?handler=Publish"] = new("province-action", "/Revenue/Targets?fiscalYear=2566&round=3&province={province}&handler=Publish", "form"),
        ["GET /Revenue/Check"] = new("read", "/Revenue/Check?province={province}&fiscalYear=2566"),
        ["GET /Revenue/Dashboard"] = new("read", "/Revenue/Dashboard?unit={district}&fiscalYear=2566"),
        ["GET /Revenue/ReportingRates"] = new("read", "/Revenue/ReportingRates?unit={district}&fiscalYear=2566"),
        ["GET /Revenue/Trends"] = new("read", "/Revenue/Trends?unit={district}&fiscalYear=2566"),
        ["GET /Revenue/Scan"] = new("read", "/Revenue/Scan?district={district}&month=2023-01"),
        ["POST /Revenue/Scan"] = new("district-write", "/Revenue/Scan?district={district}&month=2030-01", "form"),
        ["GET /Revenue/Entry"] = new("read", "/Revenue/Entry?district={district}&month=2023-01"),
        ["POST /Revenue/Entry?handler=Save"] = new("district-write", "/Revenue/Entry?district={district}&month=2023-01&handler=Save", "form"),
        ["POST /Revenue/Entry?handler=Act"] = new("district-head", "/Revenue/Entry?district={district}&month=2022-10&handler=Act&action=certify", "form"),
        ["POST /Revenue/Entry?handler=Evidence"] = new("district-write", "/Revenue/Entry?district={district}&month=2023-01&handler=Evidence", "form"),
        ["GET /Revenue/Entry?handler=File"] = new("read:by-id", "/Revenue/Entry?district={district}&month=2023-01&handler=File&id=0"),
        ["GET /Revenue/Estimate"] = new("read", "/Revenue/Estimate?district={district}&fiscalYear=2566"),
        ["POST /Revenue/Estimate?handler=Save"] = new("district-write", "/Revenue/Estimate?district={district}&fiscalYear=2566&handler=Save&send=false", "form"),
        // A sent estimate is returned like a month (decision 014): the province of the district, or the department; a reason is required.
        ["POST /Revenue/Estimate?handler=Return"] = new("province-action", "/Revenue/Estimate?district={district}&fiscalYear=2566&handler=Return", "form"),
        ["POST /Revenue/Estimate?handler=Upload"] = new("district-write", "/Revenue/Estimate?district={district}&fiscalYear=2566&handler=Upload", "form"),
        ["GET /Revenue/MonthFile"] = new("read", "/Revenue/MonthFile?district={district}&month=2023-01"),
        ["POST /Revenue/MonthFile"] = new("district-write", "/Revenue/MonthFile?district={district}&month=2023-01", "form"),
        ["GET /Revenue/Estimate?handler=Minutes"] = new("read:by-id", "/Revenue/Estimate?district={district}&fiscalYear=2566&handler=Minutes&id=0"),
    };
}
