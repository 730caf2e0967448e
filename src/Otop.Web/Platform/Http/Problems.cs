using Microsoft.AspNetCore.Http.HttpResults;
using Otop.Web.Platform.Files;

namespace Otop.Web.Platform.Http;

/// <summary>RFC 9457 problem responses with the Thai titles of CONTRACT.md's conventions.</summary>
public static class Problems
{
    public static string TitleFor(int status) => status switch
    {
        400 => "คำขอไม่ถูกต้อง",
        401 => "ต้องเข้าสู่ระบบก่อน",
        403 => "ไม่มีสิทธิ์เข้าถึงข้อมูลนี้",
        404 => "ไม่พบข้อมูล",
        405 => "ไม่รองรับวิธีการเรียกนี้",
        409 => "ข้อมูลขัดแย้งกับสถานะปัจจุบัน",
        413 => "ไฟล์หรือข้อมูลมีขนาดใหญ่เกินกำหนด",
        415 => "ไม่รองรับรูปแบบข้อมูลนี้",
        422 => "ข้อมูลไม่ถูกต้อง",
        423 => "ช่วงเวลานี้ปิดหรือถูกล็อก",
        429 => "มีการเรียกใช้มากเกินไป",
        503 => "ระบบไม่พร้อมให้บริการชั่วคราว",
        _ => status >= 500 ? "เกิดข้อผิดพลาดในระบบ" : "คำขอไม่สำเร็จ",
    };

    public static ProblemHttpResult Status(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: TitleFor(status));

    public static ProblemHttpResult NotFound(string detail = "ไม่พบข้อมูลที่ขอ") => Status(404, detail);

    public static ProblemHttpResult Forbidden(string detail = "ข้อมูลนี้อยู่นอกหน่วยงานของท่าน") => Status(403, detail);

    public static ProblemHttpResult Conflict(string detail) => Status(409, detail);

    public static ProblemHttpResult Locked(string detail) => Status(423, detail);

    public static ProblemHttpResult BadRequest(string detail) => Status(400, detail);

    /// <summary>429 with <c>Retry-After</c>: the caller is told when to try again (CONTRACT.md, Conventions).</summary>
    public static IResult TooMany(string detail, int retryAfterSeconds) => new RetryLater(Status(429, detail), retryAfterSeconds);

    private sealed class RetryLater(IResult problem, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }

    /// <summary>The detail of a 422 whose field messages say what is wrong.</summary>
    public const string InvalidDetail = "กรุณาแก้ไขข้อมูลตามที่ระบุ";

    /// <summary>422 with an <c>errors</c> object, field → Thai messages.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, string detail = InvalidDetail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = 422,
            Title = TitleFor(422),
            Detail = detail,
        });

    /// <summary>
    /// 422 for an all-or-nothing import: every bad row in <c>rejected</c> (and in <c>errors</c> as "rowN"), with the
    /// counts that were not written, so the answer reads like the success body.
    /// </summary>
    public static ProblemHttpResult ImportRejected(IReadOnlyList<RejectedRow> rejected, object inserted, object updated) =>
        TypedResults.Problem(new HttpValidationProblemDetails(rejected.ToDictionary(x => $"row{x.Row}", x => x.Errors.ToArray()))
        {
            Status = 422,
            Title = TitleFor(422),
            Detail = $"พบข้อผิดพลาด {rejected.Count} แถว ยังไม่ได้บันทึกข้อมูลใด ๆ กรุณาแก้ไขแล้วนำเข้าใหม่",
            Extensions =
            {
                ["inserted"] = inserted,
                ["updated"] = updated,
                ["rejected"] = rejected,
            },
        });

    public static ProblemHttpResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}
