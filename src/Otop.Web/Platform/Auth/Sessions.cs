using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

/// <summary>
/// Page sessions kept in the database (docs/decisions/012): sign-in opens a <see cref="UserSession"/> whose id goes into
/// the cookie; sign-out ends it, so the cookie and any copy of it stop working on every node.
/// </summary>
public sealed class Sessions(AppDbContext db, SignInManager<AppUser> signIn, AccountCheck check, TimeProvider clock)
{
    /// <summary>Ended or expired sessions are kept this long (who was signed in when), then deleted at a later sign-in.</summary>
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(90);

    public async Task SignInAsync(AppUser user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = RandomNumberGenerator.GetHexString(32, lowercase: true),
            UserId = user.Id,
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        var old = now - KeepFor;
        await db.UserSessions.Where(s => s.UserId == user.Id && s.CreatedAt < old).ExecuteDeleteAsync(ct);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AccountCheck.SessionClaim, session.Id)]);
    }

    /// <summary>Ends the principal's session in the database and removes the cookie.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.FindFirstValue(AccountCheck.SessionClaim) is { Length: > 0 } sessionId)
        {
            var now = clock.GetUtcNow();
            await db.UserSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
            check.Forget(sessionId);
        }
        await signIn.SignOutAsync();
    }
}
