using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;

namespace Otop.Web.Features.Users;

public sealed record AccountImportResult(int Created, int Updated, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<SetPasswordLink> Links)
{
    public bool IsValid => Rejected.Count == 0;
}

/// <summary>
/// <c>POST /api/v1/users/import</c> and the import page (CONTRACT.md "Roles and scope"): CSV (or XLSX)
/// <c>username,display_name,role,org_unit,email,password</c>, all-or-nothing like the registry import. Every row is checked
/// first (fields, role for the unit, who may manage whom, one's own account, the password policy); one bad row and nothing
/// is written, every bad row named in Thai (row 1 is the header). An existing user name is updated (name, role, unit,
/// e-mail; the password only if given); a new account with no password gets a one-time set-password link.
/// </summary>
public sealed class AccountImport(AppDbContext db, UserManager<AppUser> users, CurrentUser me, TimeProvider clock, SetPasswordLinks links)
{
    public static readonly string[] Columns = ["username", "display_name", "role", "org_unit", "email", "password"];

    /// <summary>What the template and the page show: the header and one example row per role a province may give.</summary>
    public const string Template =
        "username,display_name,role,org_unit,email,password\r\n" +
        "somchai.k,นายสมชาย ขยันงาน,DistrictOfficer,2701,somchai.k@example.go.th,\r\n" +
        "viewer.sakaeo,นางสาวดารา ดูข้อมูล,Viewer,27,,\r\n";

    private sealed record Row(int Number, string Username, string DisplayName, string Role, string Unit, string? Email, string Password, AppUser? Existing, string ExistingRole);

    /// <exception cref="UnreadableFileException">the upload is not a CSV/XLSX we can read</exception>
    public async Task<AccountImportResult> RunAsync(Stream file, string fileName, CancellationToken ct)
    {
        var rejected = new List<RejectedRow>();
        var raw = new List<(int Number, string[] Cells)>();
        int[]? index = null;
        foreach (var fileRow in TabularFile.ReadRows(file))
        {
            if (fileRow.IsBlank) continue;
            if (index is null)
            {
                var names = fileRow.Cells.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
                index = Columns.Select(c => names.IndexOf(c)).ToArray();
                var missing = Columns.Where((_, i) => index[i] < 0).ToList();
                if (missing.Count > 0)
                {
                    return Rejected([new RejectedRow(fileRow.Row, [$"แถวหัวตารางไม่มีคอลัมน์ {string.Join(", ", missing)} (ต้องมี {string.Join(",", Columns)})"])]);
                }
                continue;
            }
            raw.Add((fileRow.Row, fileRow.Cells));
            if (raw.Count > MaxRows) return Rejected([new RejectedRow(fileRow.Row, [$"ไฟล์มีบัญชีเกิน {MaxRows:N0} แถว กรุณาแบ่งเป็นหลายไฟล์"])]);
        }
        if (index is null) throw new UnreadableFileException(422, "ไฟล์ว่างเปล่า ไม่มีแม้แต่แถวหัวตาราง");
        if (raw.Count == 0) return Rejected([new RejectedRow(1, ["ไฟล์มีแต่แถวหัวตาราง ไม่มีบัญชีให้นำเข้า"])]);

        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(o => o.Code, ct);
        var normalized = raw.Select(r => Cell(r.Cells, index, 0).ToUpperInvariant()).Where(n => n.Length > 0).Distinct().ToList();
        var existing = await db.Users.Where(u => normalized.Contains(u.NormalizedUserName!)).ToDictionaryAsync(u => u.NormalizedUserName!, ct);
        var existingIds = existing.Values.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles.Where(ur => existingIds.Contains(ur.UserId))
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToDictionaryAsync(x => x.UserId, x => x.Name ?? "", ct);

        var rows = new List<Row>();
        var firstRow = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (number, cells) in raw)
        {
            var errors = new List<string>();
            var row = await CheckAsync(number, cells, index, units, existing, roles, firstRow, errors);
            if (errors.Count > 0) rejected.Add(new RejectedRow(number, errors));
            else rows.Add(row);
        }
        if (rejected.Count > 0) return Rejected(rejected);

        var (created, updated, newWithoutPassword) = await WriteAsync(rows, fileName, ct);
        var issued = new List<SetPasswordLink>();
        foreach (var user in newWithoutPassword) issued.Add(await links.IssueAsync(user, ct));
        return new AccountImportResult(created, updated, [], issued);
    }

    /// <summary>Onboarding a province is tens to hundreds of accounts; a file far beyond the country's officers is refused.</summary>
    public const int MaxRows = 5000;

    private static AccountImportResult Rejected(List<RejectedRow> rejected) =>
        new(0, 0, rejected.OrderBy(r => r.Row).ToList(), []);

    private static string Cell(string[] cells, int[] index, int column) =>
        index[column] < cells.Length ? cells[index[column]].Trim() : "";

    private async Task<Row> CheckAsync(int number, string[] cells, int[] index, Dictionary<string, OrgUnit> units,
        Dictionary<string, AppUser> existing, Dictionary<string, string> roles, Dictionary<string, int> firstRow, List<string> errors)
    {
        var username = Cell(cells, index, 0);
        var displayName = Cell(cells, index, 1);
        var role = Cell(cells, index, 2);
        var unitText = ThaiDigits.ToArabic(Cell(cells, index, 3));
        var email = Cell(cells, index, 4);
        var password = index[5] < cells.Length ? cells[index[5]] : "";

        var allowed = users.Options.User.AllowedUserNameCharacters;
        if (username.Length == 0) errors.Add("ชื่อผู้ใช้ (username) ต้องไม่ว่าง");
        else if (username.Length > AccountCommands.UserNameMaxLength) errors.Add($"ชื่อผู้ใช้ (username) ยาวเกิน {AccountCommands.UserNameMaxLength} ตัวอักษร");
        else if (!string.IsNullOrEmpty(allowed) && username.Any(c => !allowed.Contains(c)))
        {
            errors.Add($"ชื่อผู้ใช้ (username) '{username}' ใช้ได้เฉพาะตัวอักษรอังกฤษ ตัวเลข และ . _ - @ +");
        }
        var key = username.ToUpperInvariant();
        if (username.Length > 0 && !firstRow.TryAdd(key, number)) errors.Add($"ชื่อผู้ใช้ '{username}' ซ้ำกับแถว {firstRow[key]} ในไฟล์เดียวกัน");

        var fieldErrors = new Dictionary<string, string[]>();
        var unit = units.GetValueOrDefault(unitText);
        AccountCommands.CheckFields(displayName, role, unitText, unit, email, fieldErrors);
        foreach (var (field, messages) in fieldErrors) errors.AddRange(messages.Select(m => $"{ColumnOf(field)}: {m}"));

        existing.TryGetValue(key, out var account);
        var existingRole = account is null ? "" : roles.GetValueOrDefault(account.Id, "");
        if (account is not null && !AccountRules.Sees(me, account.OrgUnitCode))
        {
            // The same words whether the name is taken in another province or reserved: nothing about other units leaks.
            errors.Add($"ชื่อผู้ใช้ '{username}' ใช้ไม่ได้ เพราะมีผู้ใช้ชื่อนี้แล้ว กรุณาเลือกชื่ออื่น");
        }
        else if (account is not null && AccountRules.MayManage(me, existingRole, account.OrgUnitCode) is { } current)
        {
            errors.Add($"บัญชี '{username}' ({Roles.ThaiName(existingRole)}): {current.Detail}");
        }
        else if (unit is not null && fieldErrors.Count == 0 && AccountRules.MayManage(me, role, unit.Code) is { } target)
        {
            errors.Add($"บทบาท {role} ที่ {unit.NameTh} ({unit.Code}): {target.Detail}");
        }
        if (account is not null && string.Equals(account.UserName, me.UserName, StringComparison.OrdinalIgnoreCase)
            && unit is not null && (role != existingRole || unit.Code != account.OrgUnitCode))
        {
            errors.Add(AccountPolicy.ThaiReason(AccountDecision.OwnAccount));
        }
        if (password.Length > 0)
        {
            var probe = account ?? new AppUser { UserName = username };
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, probe, password);
                errors.AddRange(result.Errors.Select(e => $"รหัสผ่าน (password): {e.Description}"));
            }
        }
        return new Row(number, username, displayName, role, unit?.Code ?? "", AccountCommands.EmailOrNull(email), password, account, existingRole);
    }

    private static string ColumnOf(string field) => field switch
    {
        "displayName" => "ชื่อที่แสดง (display_name)",
        "role" => "บทบาท (role)",
        "orgUnit" => "หน่วยงาน (org_unit)",
        "email" => "อีเมล (email)",
        _ => field,
    };

    private async Task<(int Created, int Updated, List<AppUser> NewWithoutPassword)> WriteAsync(List<Row> rows, string fileName, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            int created = 0, updated = 0;
            var newWithoutPassword = new List<AppUser>();
            foreach (var row in rows)
            {
                if (row.Existing is null)
                {
                    var user = new AppUser
                    {
                        UserName = row.Username, DisplayName = row.DisplayName, OrgUnitCode = row.Unit, Email = row.Email, CreatedAt = clock.GetUtcNow(),
                    };
                    Check(row, row.Password.Length > 0 ? await users.CreateAsync(user, row.Password) : await users.CreateAsync(user));
                    Check(row, await users.AddToRoleAsync(user, row.Role));
                    AuditLog.Record(db, me, clock, "user", user.UserName, "create", newValue: AccountCommands.Snapshot(user, row.Role),
                        reason: $"นำเข้าจากไฟล์ {fileName}", provinceCode: AccountCommands.ProvinceOf(user.OrgUnitCode));
                    if (row.Password.Length == 0) newWithoutPassword.Add(user);
                    created++;
                    continue;
                }
                var account = row.Existing;
                var before = AccountCommands.Snapshot(account, row.ExistingRole);
                var moved = row.Role != row.ExistingRole || row.Unit != account.OrgUnitCode;
                var changed = moved || row.DisplayName != account.DisplayName || row.Email != account.Email || row.Password.Length > 0;
                if (!changed) continue;
                var oldProvince = AccountCommands.ProvinceOf(account.OrgUnitCode);
                account.DisplayName = row.DisplayName;
                account.Email = row.Email;
                account.OrgUnitCode = row.Unit;
                if (row.Role != row.ExistingRole)
                {
                    if (row.ExistingRole.Length > 0) Check(row, await users.RemoveFromRoleAsync(account, row.ExistingRole));
                    Check(row, await users.AddToRoleAsync(account, row.Role));
                }
                if (row.Password.Length > 0)
                {
                    // A password set by someone else: the stamp changes, so the account's earlier tokens and cookies stop.
                    Check(row, await users.ResetPasswordAsync(account, await users.GeneratePasswordResetTokenAsync(account), row.Password));
                }
                else
                {
                    Check(row, moved ? await users.UpdateSecurityStampAsync(account) : await users.UpdateAsync(account));
                }
                var after = AccountCommands.Snapshot(account, row.Role);
                var province = AccountCommands.ProvinceOf(account.OrgUnitCode);
                var reason = row.Password.Length > 0 ? $"นำเข้าจากไฟล์ {fileName} (ตั้งรหัสผ่านใหม่)" : $"นำเข้าจากไฟล์ {fileName}";
                AuditLog.Record(db, me, clock, "user", account.UserName!, moved ? "move" : "update", before, after, reason, province);
                if (oldProvince is not null && oldProvince != province)
                {
                    AuditLog.Record(db, me, clock, "user", account.UserName!, "move", before, after, reason, oldProvince);
                }
                updated++;
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (created, updated, newWithoutPassword);
        });
    }

    /// <summary>Every row was checked first; Identity refusing one now (a name taken a moment ago) rolls back the whole file.</summary>
    private static void Check(Row row, IdentityResult result)
    {
        if (!result.Succeeded) throw new AccountImportConflict(new RejectedRow(row.Number, result.Errors.Select(e => e.Description).ToList()));
    }
}

/// <summary>A row Identity refused while writing (after every check passed): the transaction is rolled back, the row named.</summary>
public sealed class AccountImportConflict(RejectedRow row) : Exception(string.Join(" ", row.Errors))
{
    public RejectedRow Row { get; } = row;
}
