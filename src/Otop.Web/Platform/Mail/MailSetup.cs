namespace Otop.Web.Platform.Mail;

/// <summary>Outgoing mail for every feature that sends some (reminders, set-password links): one SMTP configuration.</summary>
public static class MailSetup
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<SmtpOptions>();
        builder.Services.AddSingleton<SmtpMailer>();
        return builder;
    }
}
