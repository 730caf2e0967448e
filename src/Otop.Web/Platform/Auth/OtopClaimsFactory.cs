using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

/// <summary>Adds the org unit and display name to the principal, so scope needs no database read per request.</summary>
public sealed class OtopClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OtopClaims.OrgUnit, user.OrgUnitCode));
        identity.AddClaim(new Claim(OtopClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
