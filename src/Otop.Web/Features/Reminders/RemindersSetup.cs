using Otop.Web.Platform;

namespace Otop.Web.Features.Reminders;

/// <summary>Reminders before due dates, when they are missed, and to the province after a while (decision 007), in the app and by e-mail.</summary>
public static class RemindersSetup
{
    public static WebApplicationBuilder AddReminders(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddConfiguredOptions<ReminderOptions>();
        services.AddScoped<ReminderDispatcher>();
        services.AddScoped<ReminderBadge>();
        services.AddHostedService<ReminderService>();
        return builder;
    }
}
