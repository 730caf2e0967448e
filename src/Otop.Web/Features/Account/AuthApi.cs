using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Account;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, long ExpiresIn);

/// <summary><c>POST /api/v1/auth/token</c>: a bearer token for the API, with the same lockout as the login page.</summary>
public static class AuthApi
{
    public static void MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken)
            .AllowAnonymous()
            .WithName("IssueToken")
            .WithSummary("Exchange a username and password for a bearer token");
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueToken(
        TokenRequest? request, UserManager<AppUser> users, SignInManager<AppUser> signIn, IServiceProvider sp, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request?.Username) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["username"] = string.IsNullOrWhiteSpace(request?.Username) ? ["กรุณาระบุชื่อผู้ใช้"] : [],
                ["password"] = string.IsNullOrEmpty(request?.Password) ? ["กรุณาระบุรหัสผ่าน"] : [],
            }.Where(kv => kv.Value.Length > 0).ToDictionary());
        }

        var user = await users.FindByNameAsync(request.Username.Trim());
        if (user is null) return Problems.Status(401, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");

        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var until = user.LockoutEnd is { } end ? $" จนถึง {ThaiDates.FormatDateTime(end)}" : "";
            return Problems.Status(429, $"บัญชีถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง{until}");
        }
        if (!result.Succeeded) return Problems.Status(401, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");

        var cookiePrincipal = await signIn.CreateUserPrincipalAsync(user);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(cookiePrincipal.Claims, IdentityConstants.BearerScheme));
        var options = sp.BearerOptions();
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var token = options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme));
        return TypedResults.Ok(new TokenResponse(token, (long)options.BearerTokenExpiration.TotalSeconds));
    }
}
