using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Otop.Web.Platform.Http;

namespace Otop.Web.Platform.Auth;

public enum SignInVerdict { Accepted, Refused, TooMany, DemoPassword }

public sealed record SignInOutcome(SignInVerdict Verdict, AppUser? User = null, int RetryAfterSeconds = 0);

/// <summary>
/// The one password check of the login page and <c>POST /api/v1/auth/token</c> (docs/hostile-input.md "Sessions and
/// sign-in"): limited on the user name the form or JSON binder bound, the same work and the same answer whether the user
/// name exists, the password is wrong, or the account is locked or disabled; demo passwords refused outside Development.
/// </summary>
public sealed class SignInGate(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInLimiter limiter, IHostEnvironment environment, TimeProvider clock)
{
    /// <summary>One message for every refusal, so a guesser learns neither which names exist nor which are locked.</summary>
    public const string RefusedMessage =
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง หรือบัญชีนี้ใช้งานไม่ได้ในขณะนี้ หากแน่ใจว่ารหัสผ่านถูกต้อง กรุณาติดต่อผู้ดูแลระบบของหน่วยงาน";

    public const string DemoPasswordMessage =
        "บัญชีนี้ยังใช้รหัสผ่านของข้อมูลสาธิตที่เผยแพร่ในคู่มือ ซึ่งใช้ได้เฉพาะเครื่องพัฒนาระบบ " +
        "กรุณาให้ผู้ดูแลระบบตั้งรหัสผ่านใหม่ให้บัญชีนี้ (หน้าบัญชีผู้ใช้ หรือ Admin__Password สำหรับผู้ดูแลระบบ) แล้วเข้าสู่ระบบด้วยรหัสผ่านใหม่";

    public static string TooManyMessage(int seconds) => $"เข้าสู่ระบบถี่เกินไป กรุณารอ {seconds} วินาทีแล้วลองใหม่";

    /// <summary>Checks the password of <paramref name="userName"/> as bound by the caller, and records the sign-in.</summary>
    public async Task<SignInOutcome> CheckAsync(string userName, string password, IPAddress? address)
    {
        var name = userName.Trim();
        var key = users.NormalizeName(name) ?? "";
        var wait = limiter.TryAcquire(address, key);
        if (wait > 0) return new(SignInVerdict.TooMany, RetryAfterSeconds: wait);

        var user = await users.FindByNameAsync(name);
        if (user is null || user.DisabledAt is not null || await users.IsLockedOutAsync(user))
        {
            // The same password hashing as a real check, so the time taken does not tell which names exist.
            users.PasswordHasher.VerifyHashedPassword(DummyUser, DummyHash(users.PasswordHasher), password);
            limiter.Failed(address);
            return new(SignInVerdict.Refused);
        }

        var wasDemo = user.PasswordIsDemo;
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            limiter.Failed(address);
            return new(SignInVerdict.Refused);
        }
        if (wasDemo && !environment.IsDevelopment())
        {
            // A rehash on a successful check goes through the store, which clears the mark: the password is still the demo one.
            if (!user.PasswordIsDemo)
            {
                user.PasswordIsDemo = true;
                await users.UpdateAsync(user);
            }
            return new(SignInVerdict.DemoPassword);
        }
        user.LastSignInAt = clock.GetUtcNow();
        await users.UpdateAsync(user);
        return new(SignInVerdict.Accepted, user);
    }

    private static readonly AppUser DummyUser = new() { UserName = "-" };
    private static string? _dummyHash;

    private static string DummyHash(IPasswordHasher<AppUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(DummyUser, Guid.NewGuid().ToString("N"));
}

/// <summary>
/// Sign-in limits per node (<c>RateLimits__LoginPerMinute</c> per address and user name, every attempt;
/// <c>RateLimits__FailedLoginsPerAddressPerMinute</c> per address across user names, failed attempts only), keyed on the
/// user name the endpoint bound, never on a second reading of the body.
/// </summary>
public sealed class SignInLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perName = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(options.Value.LoginPerMinute)));

    private readonly PartitionedRateLimiter<string> _failuresPerAddress = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => Window(options.Value.FailedLoginsPerAddressPerMinute)));

    /// <summary>0 when the attempt may go on, else the seconds to wait.</summary>
    public int TryAcquire(IPAddress? address, string normalizedUserName)
    {
        var from = Address(address);
        if (_failuresPerAddress.GetStatistics(from)?.CurrentAvailablePermits is <= 0) return 60;
        using var lease = _perName.AttemptAcquire($"{from}|{normalizedUserName}");
        if (lease.IsAcquired) return 0;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 60;
    }

    public void Failed(IPAddress? address)
    {
        using var _ = _failuresPerAddress.AttemptAcquire(Address(address));
    }

    private static string Address(IPAddress? address) => address?.ToString() ?? "-";

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    public void Dispose()
    {
        _perName.Dispose();
        _failuresPerAddress.Dispose();
    }
}
