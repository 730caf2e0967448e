namespace Otop.Web.Platform.Http;

/// <summary>
/// <c>Cache-Control: no-store</c> on every answer the app computes (JSON, files, pages, redirects, errors), so that no
/// shared proxy or browser cache keeps a signed-in officer's figures, tokens or antiforgery fields for the next user of the
/// machine. It sits after the static files, which answer before it and stay cacheable. An anonymous answer that chose
/// its own caching (a calendar feed or enclosure by its secret link) keeps it; a signed-in answer never does.
/// </summary>
public static class NoStore
{
    public const string Value = "no-store";

    public static WebApplication UseNoStore(this WebApplication app)
    {
        app.Use((ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                var headers = ctx.Response.Headers;
                if (ctx.User.Identity?.IsAuthenticated == true || string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = Value;
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            return next(ctx);
        });
        return app;
    }
}
