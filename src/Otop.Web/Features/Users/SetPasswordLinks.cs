using Microsoft.AspNetCore.Identity;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Http;
using Otop.Web.Platform.Mail;

namespace Otop.Web.Features.Users;

/// <summary>A one-time set-password link: where it was sent, or (no SMTP, no e-mail) the link to show the manager once.</summary>
/// <param name="Url">null once e-mailed: the link is then nowhere but in the officer's mailbox.</param>
public sealed record SetPasswordLink(string Username, string? Url, DateTimeOffset ExpiresAt, string? MailedTo);

/// <summary>
/// Makes the link of <c>/Account/SetPassword</c>: Identity's password-reset token (data-protected, carrying the account's
/// security stamp), so it is never stored, works once (setting the password changes the stamp, and so does any later
/// disable, move or reset) and lives <see cref="Lifetime"/>. The address is <see cref="PublicAddress"/>, never the
/// request's Host header.
/// </summary>
public sealed class SetPasswordLinks(UserManager<AppUser> users, PublicAddress address, SmtpMailer mailer, TimeProvider clock,
    ILogger<SetPasswordLinks> logger)
{
    /// <summary>How long a link works: three days, enough for an officer to open the e-mail after a weekend.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    public const string Path = "/Account/SetPassword";

    public async Task<SetPasswordLink> IssueAsync(AppUser user, CancellationToken ct)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var url = address.Link($"{Path}?user={Uri.EscapeDataString(user.UserName!)}&token={Uri.EscapeDataString(token)}");
        var expires = clock.GetUtcNow() + Lifetime;
        if (mailer.Enabled && !string.IsNullOrEmpty(user.Email))
        {
            try
            {
                await mailer.SendAsync(user.Email, "ตั้งรหัสผ่านบัญชีระบบรายงาน OTOP", Body(user, url, expires), ct);
                return new SetPasswordLink(user.UserName!, null, expires, user.Email);
            }
            catch (Exception e) when (e is System.Net.Mail.SmtpException or IOException or InvalidOperationException or FormatException)
            {
                // The manager still gets the link on screen: an account is never left without a way in.
                logger.LogWarning(e, "Could not e-mail the set-password link of {User}; it is shown once on screen instead", user.UserName);
            }
        }
        return new SetPasswordLink(user.UserName!, url, expires, null);
    }

    private static string Body(AppUser user, string url, DateTimeOffset expires) =>
        $"""
        เรียน {user.DisplayName}

        ผู้ดูแลระบบได้สร้างหรือรีเซ็ตบัญชีผู้ใช้ "{user.UserName}" ของท่านในระบบรายงานตัวชี้วัดและรายได้ OTOP
        กรุณาตั้งรหัสผ่านที่ลิงก์นี้ (ใช้ได้ครั้งเดียว ภายใน {ThaiDates.FormatDateTime(expires)}):

        {url}

        หากท่านไม่ได้ขอ กรุณาแจ้งผู้ดูแลระบบของหน่วยงาน
        """;
}
