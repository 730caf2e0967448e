using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Features.Reminders;

public enum ReminderEmailStatus { NotSent = 0, Sent = 1, NoEmail = 2, Failed = 3 }

/// <summary>
/// One reminder to one user about one due item (decision 007). The row is inserted before any e-mail goes out; its unique
/// key (item, recipient, kind) is the claim, so two app nodes never remind twice. A failed send stays
/// <see cref="ReminderEmailStatus.NotSent"/> and is retried by a later pass under a short lease (<see cref="ClaimedUntil"/>).
/// </summary>
public sealed class Reminder
{
    public int Id { get; set; }
    /// <summary>What is due: "task/{assignmentId}" or "revenue-confirm/{district}/{YYYY-MM}".</summary>
    public required string ItemKey { get; set; }
    public required string Recipient { get; set; }
    /// <summary>"before-3", "before-1", "missed", "escalated".</summary>
    public required string Kind { get; set; }
    public required string UnitCode { get; set; }
    public required string Title { get; set; }
    public DateOnly DueDate { get; set; }
    public string Link { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public ReminderEmailStatus EmailStatus { get; set; }
    public int EmailAttempts { get; set; }
    public DateTimeOffset? EmailSentAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> e)
    {
        e.ToTable("Reminders");
        e.Property(x => x.ItemKey).HasMaxLength(100);
        e.Property(x => x.Recipient).HasMaxLength(256);
        e.Property(x => x.Kind).HasMaxLength(20);
        e.Property(x => x.UnitCode).HasMaxLength(4);
        e.Property(x => x.Title).HasMaxLength(600);
        e.Property(x => x.Link).HasMaxLength(300);
        e.HasIndex(x => new { x.ItemKey, x.Recipient, x.Kind }).IsUnique();
        e.HasIndex(x => new { x.Recipient, x.ReadAt });
        e.HasIndex(x => x.EmailStatus);
    }
}
