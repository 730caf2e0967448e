using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Features.Account;

/// <summary>The sign-in page: <see cref="SignInGate"/> checks the password, <see cref="Sessions"/> opens the session.</summary>
public sealed class LoginModel(SignInGate gate, Sessions sessions) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public sealed class LoginInput
    {
        public string Username { get; set; } = "";
        public string Password { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Username) || string.IsNullOrEmpty(Input.Password))
        {
            Error = "กรุณากรอกชื่อผู้ใช้และรหัสผ่าน";
            return Page();
        }

        var outcome = await gate.CheckAsync(Input.Username, Input.Password, HttpContext.Connection.RemoteIpAddress);
        if (outcome is { Verdict: SignInVerdict.Accepted, User: { } user })
        {
            await sessions.SignInAsync(user, HttpContext.RequestAborted);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Input.Password = "";
        var page = Page();
        switch (outcome.Verdict)
        {
            case SignInVerdict.TooMany:
                Error = SignInGate.TooManyMessage(outcome.RetryAfterSeconds);
                Response.Headers.RetryAfter = outcome.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                page.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
            case SignInVerdict.DemoPassword:
                Error = SignInGate.DemoPasswordMessage;
                page.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                Error = SignInGate.RefusedMessage;
                break;
        }
        return page;
    }
}
