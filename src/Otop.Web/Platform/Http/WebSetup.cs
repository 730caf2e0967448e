using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Platform.Http;

public static class WebSetup
{
    public static WebApplicationBuilder AddOtopWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorPages(o =>
        {
            // Each feature folder holds its pages beside its entities, rules and endpoints (docs/decisions/011).
            o.RootDirectory = "/Features";
            o.Conventions.ConfigureFilter(new Auth.UnitInUrlFilter());
            o.Conventions.ConfigureFilter(new UnhandledRequestFilter());
            o.Conventions.ConfigureFilter(new UnreadableYearFilter());
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            if (string.IsNullOrEmpty(ctx.ProblemDetails.Title) || ctx.ProblemDetails.Title.All(c => c < 128))
            {
                ctx.ProblemDetails.Title = Problems.TitleFor(status);
            }
            ctx.ProblemDetails.Detail ??= status switch
            {
                400 => "ข้อมูลที่ส่งมาอ่านไม่ได้ ต้องเป็น JSON ที่ถูกต้องตามรูปแบบของ API (ตรวจชนิดข้อมูล ตัวเลข วงเล็บ และชื่อฟิลด์ที่ซ้ำ)",
                401 when ctx.HttpContext.Items.ContainsKey(Auth.AccountCheck.RefusedItem) => Auth.AccountCheck.RefusedDetail,
                401 => "กรุณาส่งโทเค็นที่ถูกต้องใน Authorization: Bearer",
                403 => "ท่านไม่มีสิทธิ์ทำรายการนี้",
                404 => "ไม่พบข้อมูลหรือเส้นทางที่ขอ",
                405 => "เส้นทางนี้ไม่รองรับวิธีการเรียกนี้",
                413 => "ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด",
                415 => "ไม่รองรับชนิดข้อมูลนี้ ส่งเป็น application/json (หรือ multipart/form-data สำหรับไฟล์)",
                _ => null,
            };
        });
        // Thai text stays Thai in the HTML (Razor would otherwise write every Thai letter as an entity).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.AddOpenApi();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        // {"version":1,"version":2} means two things to two parsers (a proxy and us): refuse it as malformed (400).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AllowDuplicateProperties = false);
        // A stopping node (SIGTERM on deploy or scale-in) finishes the requests it has, such as a national import, before exiting.
        var shutdown = builder.AddConfiguredOptions<ShutdownOptions>();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(shutdown.ShutdownTimeoutSeconds));
        return builder;
    }

    /// <summary>API errors are problem+json; page errors are Thai pages.</summary>
    public static WebApplication UseOtopErrorHandling(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(ctx => !IsApi(ctx), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        return app;
    }

    public static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api");
}

/// <summary>A database that does not answer for a moment is a 503 with a Thai message, not a 500.</summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext ctx, Exception exception, CancellationToken ct)
    {
        if (!IsUnavailable(exception) || !WebSetup.IsApi(ctx)) return false;
        ctx.Response.StatusCode = 503;
        ctx.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = ctx,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = 503,
                Title = Problems.TitleFor(503),
                Detail = "ฐานข้อมูลไม่ตอบสนองชั่วคราว กรุณาลองใหม่อีกครั้งในอีกสักครู่ ข้อมูลของท่านยังไม่ถูกบันทึก",
            },
        });
    }

    private static bool IsUnavailable(Exception e) => e switch
    {
        TimeoutException => true,
        DbException db when db.IsTransient => true,
        Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException => true,
        _ when e.InnerException is not null => IsUnavailable(e.InnerException),
        _ => false,
    };
}
