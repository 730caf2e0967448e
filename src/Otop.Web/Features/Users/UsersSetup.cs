using Microsoft.AspNetCore.Identity;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Features.Users;

/// <summary>Accounts with a lifecycle: <c>/api/v1/users</c> (CONTRACT.md "Roles and scope") and the <c>/Users</c> pages.</summary>
public static class UsersSetup
{
    public static WebApplicationBuilder AddUsers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Identity's password-reset tokens make the one-time set-password links (SetPasswordLinks): data-protected, bound to
        // the security stamp, never stored.
        new IdentityBuilder(typeof(AppUser), typeof(IdentityRole), services).AddDefaultTokenProviders();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = SetPasswordLinks.Lifetime);
        services.AddScoped<SetPasswordLinks>();
        services.AddScoped<AccountCommands>();
        services.AddScoped<AccountImport>();
        return builder;
    }

    public static void MapUsers(this WebApplication app, RouteGroupBuilder api) => api.MapUsersApi();
}
