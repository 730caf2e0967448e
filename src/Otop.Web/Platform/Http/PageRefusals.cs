using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Otop.Web.Platform.Http;

/// <summary>
/// A page that cannot answer what was asked answers a 4xx with the Thai error page, and the page may say why in a
/// sentence of its own (a CE year in a link: "ปีงบประมาณ 2023 เป็นปี ค.ศ. … กรุณาใช้ 2566"). The sentence rides on the
/// request to the error page that the status-code pages re-execute (WebSetup.UseOtopErrorHandling).
/// </summary>
public static class PageRefusals
{
    internal const string DetailItem = "Otop.PageRefusal.Detail";

    /// <summary>Answers <paramref name="status"/> with the Thai error page showing <paramref name="detail"/>.</summary>
    public static IActionResult Refuse(this PageModel page, int status, string detail)
    {
        page.HttpContext.Items[DetailItem] = detail;
        return new StatusCodeResult(status);
    }

    /// <summary>What the refusing page said, for the error page; null when it said nothing.</summary>
    public static string? DetailOf(HttpContext context) => context.Items[DetailItem] as string;
}

/// <summary>
/// A request no handler of the page takes never runs the page without one (its model unloaded: a 500): a POST to a page
/// that only shows (no <c>OnPost</c>), or a handler name the page does not have for that method, answers 405 with the
/// methods it does take (a GET with an unknown handler falls back to the page's <c>OnGet</c>, as Razor Pages chooses).
/// </summary>
public sealed class UnhandledRequestFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is not null) return next();
        var method = context.HttpContext.Request.Method;
        var handlers = context.ActionDescriptor.HandlerMethods;
        if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && handlers.Count == 0) return next();
        var allowed = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Distinct(StringComparer.Ordinal);
        context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        context.HttpContext.Items[PageRefusals.DetailItem] = "หน้านี้ไม่รับคำขอแบบนี้ (เช่น ส่งแบบฟอร์มไปยังหน้าที่ใช้ดูข้อมูลอย่างเดียว) กรุณาเปิดหน้านี้ใหม่จากเมนู";
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        return Task.CompletedTask;
    }
}
