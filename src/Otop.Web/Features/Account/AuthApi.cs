using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Account;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, long ExpiresIn);

/// <summary><c>POST /api/v1/auth/token</c>: a bearer token for the API, with the same checks and limits as the login page (<see cref="SignInGate"/>).</summary>
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
        TokenRequest? request, SignInGate gate, SignInManager<AppUser> signIn, IServiceProvider sp, TimeProvider clock, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request?.Username) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["username"] = string.IsNullOrWhiteSpace(request?.Username) ? ["กรุณาระบุชื่อผู้ใช้"] : [],
                ["password"] = string.IsNullOrEmpty(request?.Password) ? ["กรุณาระบุรหัสผ่าน"] : [],
            }.Where(kv => kv.Value.Length > 0).ToDictionary());
        }

        // The limit keys on request.Username, the value this endpoint bound (docs/hostile-input.md "Sessions and sign-in").
        var outcome = await gate.CheckAsync(request.Username, request.Password, http.Connection.RemoteIpAddress);
        switch (outcome.Verdict)
        {
            case SignInVerdict.TooMany:
                http.Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Problems.Status(429, SignInGate.TooManyMessage(outcome.RetryAfterSeconds));
            case SignInVerdict.DemoPassword:
                return Problems.Status(403, SignInGate.DemoPasswordMessage);
            case not SignInVerdict.Accepted:
                return Problems.Status(401, SignInGate.RefusedMessage);
        }

        // The token carries what a cookie does, the security stamp included: AccountCheck compares it on every call.
        var cookiePrincipal = await signIn.CreateUserPrincipalAsync(outcome.User!);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(cookiePrincipal.Claims, IdentityConstants.BearerScheme));
        var options = sp.BearerOptions();
        var now = clock.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration };
        var token = options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, IdentityConstants.BearerScheme));
        return TypedResults.Ok(new TokenResponse(token, (long)options.BearerTokenExpiration.TotalSeconds));
    }
}
