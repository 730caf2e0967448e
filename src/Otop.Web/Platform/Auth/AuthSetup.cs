using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Platform.Auth;

public static class AuthSetup
{
    /// <summary>Identity with cookies for pages and bearer tokens for the API; keys in the database for every node.</summary>
    public static WebApplicationBuilder AddAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddConfiguredOptions<AdminOptions>();
        var auth = builder.AddConfiguredOptions<AuthOptions>();
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                // docs/operations.md ("Hardening"): at least 10 characters mixing upper case, lower case and digits.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<OtopUserStore>()
            .AddErrorDescriber<ThaiIdentityErrors>()
            .AddClaimsPrincipalFactory<OtopClaimsFactory>();

        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = auth.TokenLifetime;
                o.Events.OnMessageReceived = AccountCheck.ValidateBearerAsync;
            });
        services.AddSingleton<AccountCheck>();
        services.AddSingleton<SignInLimiter>();
        services.AddScoped<SignInGate>();
        services.AddScoped<Sessions>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Denied";
            o.Cookie.Name = "otop.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request is HTTPS (behind a proxy: Hosting__ForwardedHeaders=true); plain http in development.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Idle expiry slides with use; the session's absolute end and revocation are AccountCheck's (decision 012).
            o.ExpireTimeSpan = TimeSpan.FromMinutes(auth.IdleMinutes);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = AccountCheck.ValidateCookieAsync;
        });

        services.AddOtopDataProtection();

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());

        services.AddHttpContextAccessor();
        services.AddScoped(sp => CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User ?? new()));
        return builder;
    }

    /// <summary>The API accepts bearer tokens only: no cookie, so no cross-site request can act for a signed-in officer.</summary>
    public const string ApiPolicy = "api";

    public static BearerTokenOptions BearerOptions(this IServiceProvider sp) =>
        sp.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
}
