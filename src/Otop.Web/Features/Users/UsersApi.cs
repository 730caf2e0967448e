using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Users;

/// <param name="Email">optional: where reminders and set-password links are e-mailed</param>
public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, string? Role, string? OrgUnit, string? Email = null);

public sealed record PasswordRequest(string? Password);

/// <summary>
/// <c>/api/v1/users</c> (CONTRACT.md "Roles and scope"): list, create, <c>PATCH</c>, password reset and CSV import. Who may
/// manage whom is <see cref="AccountPolicy"/>: the department any account; a ProvinceOfficer only DistrictOfficer and
/// Viewer accounts of its province; nobody its own role, unit or disabled flag. An account outside the caller's scope is
/// 404. <c>GET /api/v1/users/{username}</c> answers an <c>ETag</c> (the account's concurrency stamp) that <c>PATCH</c> and
/// the password reset take as <c>If-Match</c>: a stale one is 409.
/// </summary>
public static class UsersApi
{
    public const long MaxImportBytes = 5 * 1024 * 1024;

    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("", Create).WithName("CreateUser");
        users.MapGet("", List).WithName("ListUsers");
        users.MapPost("/import", Import).WithName("ImportUsers").RequireRateLimiting(Hardening.ImportPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes + 1024 * 1024))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxImportBytes + 1024 * 1024 });
        users.MapGet("/{username}", Get).WithName("GetUser");
        users.MapPatch("/{username}", Patch).WithName("UpdateUser");
        users.MapPost("/{username}/password", Password).WithName("ResetUserPassword");
    }

    private static async Task<IResult> Create(CreateUserRequest? request, AccountCommands accounts, CancellationToken ct)
    {
        if (request is null) return Problems.BadRequest("ไม่พบข้อมูลผู้ใช้ในคำขอ");
        var (account, _, refusal) = await accounts.CreateAsync(
            new NewAccount(request.Username, request.DisplayName, request.Role, request.OrgUnit, request.Email, request.Password), passwordRequired: true, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Created($"/api/v1/users/{Uri.EscapeDataString(account!.Username)}", account);
    }

    private static async Task<Results<Ok<List<AccountDto>>, ProblemHttpResult>> List(string? orgUnit, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return AccountRules.MayManage(me, "", "")!.ToProblem();
        var unit = ThaiDigits.ToArabic(orgUnit?.Trim() ?? "");
        if (unit.Length == 0) unit = me.Scope.Code;
        if (!me.Scope.Covers(unit)) return Problems.Forbidden("รายชื่อบัญชีของหน่วยงานนี้อยู่นอกหน่วยงานของท่าน");
        if (!await db.OrgUnits.AnyAsync(o => o.Code == unit, ct)) return Problems.NotFound($"ไม่พบหน่วยงานรหัส '{unit}'");
        var (rows, _) = await AccountQueries.ListAsync(db, new AccountFilter(unit), 0, null, ct);
        return TypedResults.Ok(rows.Select(r => r.ToDto()).ToList());
    }

    private static async Task<IResult> Get(string username, CurrentUser me, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return AccountRules.MayManage(me, "", "")!.ToProblem();
        var row = await AccountQueries.FindAsync(db, username, ct);
        if (row is null || !AccountRules.Sees(me, row.OrgUnit)) return Problems.NotFound($"ไม่พบบัญชีผู้ใช้ '{username}' ในหน่วยงานของท่าน");
        http.Response.Headers.ETag = $"\"{row.ConcurrencyStamp}\"";
        return TypedResults.Ok(row.ToDto());
    }

    private static readonly HashSet<string> PatchFields = ["displayName", "role", "orgUnit", "email", "disabled"];

    private static async Task<IResult> Patch(string username, JsonElement body, AccountCommands accounts, AppDbContext db, HttpContext http, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object) return Problems.BadRequest("ส่งข้อมูลเป็น JSON object เช่น {\"disabled\":true}");
        var errors = new Dictionary<string, string[]>();
        string? Text(string name)
        {
            if (!body.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind == JsonValueKind.String) return v.GetString();
            errors[name] = ["ต้องเป็นข้อความ"];
            return null;
        }
        foreach (var p in body.EnumerateObject().Where(p => !PatchFields.Contains(p.Name)))
        {
            errors[p.Name] = [$"แก้ไขช่องนี้ไม่ได้ แก้ได้เฉพาะ {string.Join(", ", PatchFields)} (รหัสผ่านใช้ POST …/password)"];
        }
        bool? disabled = null;
        if (body.TryGetProperty("disabled", out var d))
        {
            if (d.ValueKind is JsonValueKind.True or JsonValueKind.False) disabled = d.GetBoolean();
            else errors["disabled"] = ["ต้องเป็น true หรือ false"];
        }
        var patch = new AccountPatch(Text("displayName"), Text("role"), Text("orgUnit"), Text("email"), body.TryGetProperty("email", out _), disabled);
        if (errors.Count > 0) return Problems.Invalid(errors);

        var (account, refusal) = await accounts.UpdateAsync(username, patch, IfMatch(http), ct);
        if (refusal is not null) return refusal.ToProblem();
        if (await AccountQueries.FindAsync(db, account!.Username, ct) is { } now) http.Response.Headers.ETag = $"\"{now.ConcurrencyStamp}\"";
        return TypedResults.Ok(account);
    }

    private static async Task<IResult> Password(string username, PasswordRequest? body, AccountCommands accounts, HttpContext http, CancellationToken ct)
    {
        var refusal = await accounts.SetPasswordAsync(username, body?.Password, IfMatch(http), ct);
        return refusal is null ? TypedResults.NoContent() : refusal.ToProblem();
    }

    private static string? IfMatch(HttpContext http) =>
        http.Request.Headers.IfMatch.ToString() is { Length: > 0 } tag && tag != "*" ? tag.Trim().Trim('"') : null;

    private static async Task<IResult> Import(HttpRequest request, CurrentUser me, AccountImport import, AppDbContext db, CancellationToken ct)
    {
        if (!AccountRules.IsManager(me)) return AccountRules.MayManage(me, "", "")!.ToProblem();
        if (request.ContentLength > MaxImportBytes + 1024 * 1024) return TooLarge();
        if (!request.HasFormContentType) return Problems.Status(415, "ส่งไฟล์แบบ multipart/form-data ในช่อง file");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            return e is BadHttpRequestException { StatusCode: 413 } ? TooLarge() : Problems.BadRequest("อ่านข้อมูลแบบ multipart ไม่ได้");
        }
        var file = form.Files.GetFile("file");
        if (file is null) return Problems.Invalid("file", "กรุณาแนบไฟล์ในช่อง file (CSV หรือ XLSX)");
        if (file.Length > MaxImportBytes) return TooLarge();

        var (result, refusal) = await RunImportAsync(file, import, db, ct);
        if (refusal is not null) return refusal.ToProblem();
        if (!result!.IsValid) return ImportRejected(result.Rejected);
        return TypedResults.Ok(new { created = result.Created, updated = result.Updated, rejected = result.Rejected, links = result.Links });
    }

    /// <summary>Shared by the API and the import page: an unreadable file becomes its refusal, a write conflict its row.</summary>
    public static async Task<(AccountImportResult? Result, Refusal? Refusal)> RunImportAsync(IFormFile file, AccountImport import, AppDbContext db, CancellationToken ct)
    {
        try
        {
            await using var stream = file.OpenReadStream();
            return (await import.RunAsync(stream, UploadedFile.SafeFileName(file.FileName, "accounts.csv"), ct), null);
        }
        catch (UnreadableFileException e)
        {
            return (null, new Refusal(e.Status, e.Message));
        }
        catch (AccountImportConflict e)
        {
            db.ChangeTracker.Clear();
            return (new AccountImportResult(0, 0, [e.Row], []), null);
        }
    }

    private static ProblemHttpResult ImportRejected(IReadOnlyList<RejectedRow> rejected) =>
        TypedResults.Problem(new HttpValidationProblemDetails(rejected.ToDictionary(x => $"row{x.Row}", x => x.Errors.ToArray()))
        {
            Status = 422,
            Title = Problems.TitleFor(422),
            Detail = $"พบข้อผิดพลาด {rejected.Count} แถว ยังไม่ได้บันทึกบัญชีใด ๆ กรุณาแก้ไขแล้วนำเข้าใหม่",
            Extensions = { ["created"] = 0, ["updated"] = 0, ["rejected"] = rejected },
        });

    private static IResult TooLarge() => Problems.Status(413, $"ไฟล์ใหญ่เกินกำหนด นำเข้าได้ครั้งละไม่เกิน {MaxImportBytes / (1024 * 1024)} MB");
}
