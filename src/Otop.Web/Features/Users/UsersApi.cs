using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Users;

/// <param name="Email">optional: where reminders are e-mailed (docs/decisions/007-circulars.md); not part of CONTRACT.md's required fields</param>
public sealed record CreateUserRequest(string? Username, string? Password, string? DisplayName, string? Role, string? OrgUnit, string? Email = null);

public sealed record UserDto(string Username, string DisplayName, string Role, string OrgUnit);

/// <summary>
/// <c>POST /api/v1/users</c>: a DepartmentAdmin creates anyone; a ProvinceOfficer creates users of its province and
/// its districts (never a DepartmentAdmin); nobody else creates users.
/// </summary>
public static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapPost("", Create).WithName("CreateUser");
        users.MapGet("", List).WithName("ListUsers");
    }

    private static async Task<Results<Created<UserDto>, ProblemHttpResult>> Create(
        CreateUserRequest? request, CurrentUser me, UserManager<AppUser> users, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!(me.IsDepartmentAdmin || me.IsProvinceOfficer))
        {
            return Problems.Forbidden("เฉพาะผู้ดูแลระบบระดับกรมหรือเจ้าหน้าที่จังหวัดเท่านั้นที่สร้างผู้ใช้ได้");
        }
        if (request is null) return Problems.BadRequest("ไม่พบข้อมูลผู้ใช้ในคำขอ");

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Username)) errors["username"] = ["กรุณาระบุชื่อผู้ใช้"];
        else if (request.Username.Length > 100) errors["username"] = ["ชื่อผู้ใช้ยาวได้ไม่เกิน 100 ตัวอักษร"];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["กรุณาระบุรหัสผ่าน"];
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["กรุณาระบุชื่อที่แสดง"];
        else if (request.DisplayName.Length > 200) errors["displayName"] = ["ชื่อที่แสดงยาวได้ไม่เกิน 200 ตัวอักษร"];
        if (request.Role is null || !Roles.All.Contains(request.Role)) errors["role"] = [$"บทบาทต้องเป็นหนึ่งใน {string.Join(", ", Roles.All)}"];

        var orgCode = request.OrgUnit?.Trim() ?? "";
        var orgUnit = orgCode.Length == 0 ? null : await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Code == orgCode, ct);
        if (orgUnit is null) errors["orgUnit"] = [$"ไม่พบหน่วยงานรหัส '{orgCode}' (ใช้ \"0\" สำหรับกรม หรือรหัสจังหวัด/อำเภอ)"];
        else if (request.Role is not null && Roles.All.Contains(request.Role) && !Roles.FitsLevel(request.Role, orgUnit.Level))
        {
            errors["role"] = [$"บทบาท {request.Role} ใช้กับหน่วยงานระดับนี้ไม่ได้"];
        }
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out _)))
        {
            errors["email"] = [$"อีเมล '{email}' ไม่ถูกต้อง"];
        }
        if (errors.Count > 0) return Problems.Invalid(errors);

        if (!me.Scope.Covers(orgUnit!.Code) || (me.IsProvinceOfficer && request.Role == Roles.DepartmentAdmin))
        {
            return Problems.Forbidden("สร้างผู้ใช้ได้เฉพาะในหน่วยงานของท่านและหน่วยงานในสังกัด");
        }

        if (await users.FindByNameAsync(request.Username!.Trim()) is not null)
        {
            return Problems.Conflict($"ชื่อผู้ใช้ '{request.Username.Trim()}' มีอยู่แล้ว");
        }

        var user = new AppUser
        {
            UserName = request.Username.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            OrgUnitCode = orgUnit.Code,
            CreatedAt = clock.GetUtcNow(),
            Email = email,
        };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            var field = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "username";
            return Problems.Invalid(field == "password" ? "password" : "username", string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(user, request.Role!);
        AuditLog.Record(db, me, clock, "user", user.UserName, "create",
            newValue: new { user.UserName, user.DisplayName, role = request.Role, orgUnit = user.OrgUnitCode },
            provinceCode: orgUnit.Level == OrgLevel.Department ? null : orgUnit.Code[..2]);
        await db.SaveChangesAsync(ct);

        var dto = new UserDto(user.UserName, user.DisplayName, request.Role!, user.OrgUnitCode);
        return TypedResults.Created($"/api/v1/users/{Uri.EscapeDataString(user.UserName)}", dto);
    }

    private static async Task<Results<Ok<List<UserDto>>, ProblemHttpResult>> List(CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (!(me.IsDepartmentAdmin || me.IsProvinceOfficer)) return Problems.Forbidden();

        var query = db.Users.AsNoTracking();
        if (!me.Scope.IsDepartment)
        {
            var code = me.Scope.Code;
            query = query.Where(u => u.OrgUnitCode == code || (u.OrgUnitCode.Length == 4 && u.OrgUnitCode.StartsWith(code)));
        }
        var rows = await (from u in query
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          orderby u.OrgUnitCode, u.UserName
                          select new UserDto(u.UserName!, u.DisplayName, r.Name!, u.OrgUnitCode)).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }
}
