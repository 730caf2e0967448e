using Microsoft.Extensions.Options;
using Otop.Web.Platform;

namespace Otop.Web.Features.Notifications;

/// <summary>
/// Notices where officers already look: the bell (<c>/Notifications</c>), e-mail and LINE through a durable outbox sent by
/// every node, and linking a LINE account (<c>/Account/Profile</c>, <c>POST /line/webhook</c>).
/// </summary>
public static class NotificationsSetup
{
    public static WebApplicationBuilder AddNotifications(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddConfiguredOptions<NotificationOptions>();
        builder.AddConfiguredOptions<LineOptions>();
        services.AddHttpClient(LineClient.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<LineOptions>>().Value.Timeout);
        services.AddSingleton<LineClient>();
        services.AddScoped<NoticeOutbox>();
        services.AddScoped<NoticeBadge>();
        services.AddHostedService<NotificationService>();
        return builder;
    }

    public static void MapNotifications(this WebApplication app) =>
        app.MapPost("/line/webhook", LineWebhook.HandleAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
}
