namespace Otop.Web.Features.Users;

/// <summary><c>/api/v1/users</c> (CONTRACT.md "Users").</summary>
public static class UsersSetup
{
    public static void MapUsers(this WebApplication app, RouteGroupBuilder api) => api.MapUsersApi();
}
