using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

/// <summary>
/// Identity's store, with one rule: any new password hash (an administrator's reset, a change, a set-password link)
/// ends the demo mark (<see cref="AppUser.PasswordIsDemo"/>), whoever sets it and through whichever page or API.
/// </summary>
public sealed class OtopUserStore(AppDbContext db, IdentityErrorDescriber? describer = null)
    : UserStore<AppUser, IdentityRole, AppDbContext>(db, describer)
{
    public override Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken = default)
    {
        user.PasswordIsDemo = false;
        return base.SetPasswordHashAsync(user, passwordHash, cancellationToken);
    }
}
