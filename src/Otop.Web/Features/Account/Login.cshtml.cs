using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Domain;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Features.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users) : PageModel
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

        var result = await signIn.PasswordSignInAsync(Input.Username.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (result.IsLockedOut)
        {
            var user = await users.FindByNameAsync(Input.Username.Trim());
            var until = user?.LockoutEnd is { } end ? $" จนถึง {ThaiDates.FormatDateTime(end)}" : "";
            Error = $"บัญชีถูกระงับชั่วคราวเพราะใส่รหัสผ่านผิดหลายครั้ง{until}";
        }
        else
        {
            Error = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง";
        }
        Input.Password = "";
        return Page();
    }
}
