using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

/// <summary>
/// Revocation at once (CONTRACT.md, Users; docs/decisions/012): every cookie and bearer request is accepted only while its
/// account exists, is not disabled, and has the security stamp, user name, role and org unit the principal carries, and
/// (cookies) while its session is open and younger than <c>Auth__SessionHours</c>. What a node read of an account or a
/// session it reuses for at most <c>Auth__CheckCacheSeconds</c> (≤ 30 s), so a change is refused within the same minute
/// on every node; the state itself lives only in the database.
/// </summary>
public sealed class AccountCheck(TimeProvider clock, IOptions<AuthOptions> options, IOptions<IdentityOptions> identity)
{
    /// <summary>The page session's id (<see cref="UserSession"/>) in the cookie principal.</summary>
    public const string SessionClaim = "otop:sid";

    /// <summary>Set on the request when a principal was refused, so the 401 says why in Thai.</summary>
    public const string RefusedItem = "otop:account-refused";

    public const string RefusedDetail =
        "โทเค็นหรือการเข้าสู่ระบบนี้ใช้ไม่ได้แล้ว เพราะบัญชีถูกระงับ ถูกตั้งรหัสผ่านใหม่ หรือถูกเปลี่ยนบทบาทหรือหน่วยงาน กรุณาเข้าสู่ระบบใหม่";

    /// <summary>The session's last-seen time is written at most this often (not a write per request).</summary>
    private static readonly TimeSpan LastSeenEvery = TimeSpan.FromMinutes(5);

    private const int MaxCached = 50_000;

    private readonly ConcurrentDictionary<string, Cached<AccountState?>> _accounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Cached<SessionState?>> _sessions = new(StringComparer.Ordinal);

    private sealed record AccountState(string? UserName, string? Stamp, bool Disabled, string OrgUnit, string[] Roles);

    private sealed record SessionState(string UserId, DateTimeOffset CreatedAt, bool Ended);

    private readonly record struct Cached<T>(T Value, DateTimeOffset ReadAt);

    /// <summary>True while the principal's account (and, for a page session, its session) is as the principal says.</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, AppDbContext db, bool pageSession, CancellationToken ct)
    {
        var claims = identity.Value.ClaimsIdentity;
        if (principal.FindFirstValue(claims.UserIdClaimType) is not { Length: > 0 } userId) return false;
        var account = await AccountAsync(userId, db, ct);
        if (account is null || account.Disabled) return false;
        if (principal.FindFirstValue(claims.SecurityStampClaimType) is not { Length: > 0 } stamp || stamp != account.Stamp) return false;
        if (principal.FindFirstValue(claims.UserNameClaimType) != account.UserName) return false;
        if (principal.FindFirstValue(OtopClaims.OrgUnit) != account.OrgUnit) return false;
        var roles = principal.FindAll(claims.RoleClaimType).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (!roles.SequenceEqual(account.Roles, StringComparer.Ordinal)) return false;
        if (!pageSession) return true;

        if (principal.FindFirstValue(SessionClaim) is not { Length: > 0 } sessionId) return false;
        var session = await SessionAsync(sessionId, db, ct);
        return session is { Ended: false } && session.UserId == userId && clock.GetUtcNow() < session.CreatedAt + options.Value.SessionLifetime;
    }

    /// <summary>Forgets what this node read of a session (sign-out here is refused here at once, elsewhere within the bound).</summary>
    public void Forget(string sessionId) => _sessions.TryRemove(sessionId, out _);

    private async Task<AccountState?> AccountAsync(string userId, AppDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_accounts.TryGetValue(userId, out var cached) && Fresh(cached.ReadAt, now)) return cached.Value;
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.UserName, u.SecurityStamp, Disabled = u.DisabledAt != null, u.OrgUnitCode })
            .FirstOrDefaultAsync(ct);
        AccountState? state = null;
        if (row is not null)
        {
            var roles = await db.UserRoles.Where(r => r.UserId == userId)
                .Join(db.Roles, r => r.RoleId, role => role.Id, (_, role) => role.Name!)
                .ToListAsync(ct);
            state = new AccountState(row.UserName, row.SecurityStamp, row.Disabled, row.OrgUnitCode,
                [.. roles.Order(StringComparer.Ordinal)]);
        }
        Remember(_accounts, userId, new Cached<AccountState?>(state, now));
        return state;
    }

    private async Task<SessionState?> SessionAsync(string sessionId, AppDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_sessions.TryGetValue(sessionId, out var cached) && Fresh(cached.ReadAt, now)) return cached.Value;
        var row = await db.UserSessions.AsNoTracking().Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.CreatedAt, s.LastSeenAt, s.EndedAt })
            .FirstOrDefaultAsync(ct);
        var state = row is null ? null : new SessionState(row.UserId, row.CreatedAt, row.EndedAt is not null);
        if (row is { EndedAt: null } && now - row.LastSeenAt >= LastSeenEvery)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);
        }
        Remember(_sessions, sessionId, new Cached<SessionState?>(state, now));
        return state;
    }

    private bool Fresh(DateTimeOffset readAt, DateTimeOffset now)
    {
        var age = now - readAt;
        return age >= TimeSpan.Zero && age < TimeSpan.FromSeconds(options.Value.CheckCacheSeconds);
    }

    private void Remember<T>(ConcurrentDictionary<string, Cached<T>> cache, string key, Cached<T> value)
    {
        if (options.Value.CheckCacheSeconds == 0) return;
        // A bound on memory, not on time: past it the node starts over and reads again.
        if (cache.Count >= MaxCached) cache.Clear();
        cache[key] = value;
    }

    /// <summary>The cookie's <c>OnValidatePrincipal</c>: a refused session is signed out and the page goes to the login.</summary>
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var check = http.RequestServices.GetRequiredService<AccountCheck>();
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        if (context.Principal is { } principal && await check.IsCurrentAsync(principal, db, pageSession: true, http.RequestAborted)) return;
        http.Items[RefusedItem] = true;
        context.RejectPrincipal();
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    /// <summary>
    /// The bearer handler's <c>OnMessageReceived</c>: a token that reads and has not expired is let through only while
    /// its account is current; the handler itself refuses unreadable and expired tokens.
    /// </summary>
    public static async Task ValidateBearerAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var token = header["Bearer ".Length..].Trim();
        var http = context.HttpContext;
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var ticket = context.Options.BearerTokenProtector.Unprotect(token);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires) return;

        var check = http.RequestServices.GetRequiredService<AccountCheck>();
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        if (await check.IsCurrentAsync(ticket.Principal, db, pageSession: false, http.RequestAborted))
        {
            // The ticket just read and checked is the request's: the handler would otherwise decrypt the token a second
            // time (a key derivation, AES and HMAC per request, every save of the month-end surge).
            context.Principal = ticket.Principal;
            context.Properties = ticket.Properties;
            context.Success();
            return;
        }
        http.Items[RefusedItem] = true;
        context.Fail("The token's account was disabled, reset, moved or deleted.");
    }
}
