using Otop.Web.Platform;
using Otop.Web.Platform.Telemetry;

namespace Otop.Web.Features.Reminders;

/// <summary>Reminders before due dates, when they are missed, and to the province after a while (decision 007), in the app and by e-mail.</summary>
public static class RemindersSetup
{
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddConfiguredOptions<ReminderOptions>();
        services.AddScoped<ReminderDispatcher>();
        services.AddSingleton<ReminderBacklog>();
        services.AddOtopGauge<ReminderBacklog>("otop.reminders.backlog", "{email}",
            "Reminder e-mails claimed but not sent yet (to be retried), as counted by the last reminder pass of this node", b => b.Waiting);
        services.AddScoped<ReminderBadge>();
        services.AddHostedService<ReminderService>();
        return builder;
    }
}
