using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Otop.Web.Platform;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

/// <summary>
/// Creates the roles, and the DepartmentAdmin named by Admin__Username / Admin__Password if no user has that name (or gives
/// that name's account Admin__Password if it still has the demo password).
/// </summary>
public static class AdminBootstrap
{
    public static async Task EnsureAsync(IServiceProvider sp, CancellationToken ct)
    {
        var roleManager = sp.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                Check(await roleManager.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var admin = sp.GetRequiredService<IOptions<AdminOptions>>().Value;
        if (string.IsNullOrWhiteSpace(admin.Username) || string.IsNullOrEmpty(admin.Password)) return;

        var users = sp.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(admin.Username) is { } existing)
        {
            // A demo database started outside Development: the operator's Admin__Password replaces the published demo
            // password of that account, the way in to reset the others (docs/decisions/012).
            if (existing.PasswordIsDemo)
            {
                Check(await users.RemovePasswordAsync(existing), $"demo password of {admin.Username}");
                Check(await users.AddPasswordAsync(existing, admin.Password), $"password of {admin.Username}");
            }
            return;
        }

        var clock = sp.GetRequiredService<TimeProvider>();
        var user = new AppUser
        {
            UserName = admin.Username,
            DisplayName = "ผู้ดูแลระบบ",
            OrgUnitCode = OrgUnit.DepartmentCode,
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, admin.Password), $"admin user {admin.Username}");
        Check(await users.AddToRoleAsync(user, Roles.DepartmentAdmin), "admin role");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary><c>Admin__Username</c>, <c>Admin__Password</c> (CONTRACT.md "Starting"): both, or neither.</summary>
public sealed class AdminOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Admin";

    public string? Username { get; set; }
    public string? Password { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // One without the other would start with no administrator and say nothing.
        if (string.IsNullOrWhiteSpace(Username) != string.IsNullOrEmpty(Password))
        {
            yield return new("Admin__Username and Admin__Password are refused: set both to create the administrator, or neither.");
        }
    }
}
