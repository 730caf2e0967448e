namespace Otop.Web.Features.Account;

/// <summary>Sign-in pages (cookie) and <c>POST /api/v1/auth/token</c> (CONTRACT.md "Authentication").</summary>
public static class AccountSetup
{
    public static void MapAccount(this WebApplication app, RouteGroupBuilder api) => api.MapAuthApi();
}
