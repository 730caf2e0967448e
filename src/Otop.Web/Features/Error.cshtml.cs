using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title => Problems.TitleFor(Code);
    public string Message => Code switch
    {
        < 500 when Detail is not null => Detail,
        404 => "ไม่พบหน้าที่ท่านต้องการ",
        405 => "หน้านี้ไม่รับคำขอแบบนี้ กรุณาเปิดหน้านี้ใหม่จากเมนู",
        403 => "ท่านไม่มีสิทธิ์เข้าถึงหน้านี้",
        429 => "ขอข้อมูลถี่เกินไปจากเครื่องนี้ กรุณารอสักครู่แล้วลองใหม่",
        _ => "ระบบไม่สามารถทำรายการนี้ได้ในขณะนี้ ข้อมูลที่บันทึกไว้ก่อนหน้ายังอยู่ครบ กรุณาลองใหม่อีกครั้ง",
    };
    public string? RequestId { get; private set; }

    /// <summary>Why the page refused, when it said (<see cref="PageRefusals.Refuse"/>).</summary>
    public string? Detail { get; private set; }

    public void OnGet(int? code) => Set(code);

    public void OnPost(int? code) => Set(code);

    private void Set(int? code)
    {
        Code = code ?? 500;
        Detail = PageRefusals.DetailOf(HttpContext);
        if (Code >= 500) RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
    }
}
