using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Features.Account;

/// <summary>
/// Sign-out by POST only (with the antiforgery token of the layout's form): it ends the session in the database, so
/// a copy of the cookie stops working too. A GET changes nothing: it asks, or says the officer is already signed out.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(Sessions sessions) : PageModel
{
    public bool SignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await sessions.SignOutAsync(User, HttpContext.RequestAborted);
        return RedirectToPage("/Account/Login");
    }
}
