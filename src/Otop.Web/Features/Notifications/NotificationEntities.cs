using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Features.Notifications;

/// <summary>
/// One notice to one user, in the bell at once ("month returned", "month unlocked", a reminder). Its key is unique per
/// recipient, so the same event never gives the same person two notices. E-mail and LINE go through the outbox
/// (<see cref="NoticeDelivery"/>), written in the same transaction as the notice and the change it tells of.
/// </summary>
public sealed class Notice
{
    public int Id { get; set; }
    public required string Recipient { get; set; }
    /// <summary>"month-returned", "month-unlocked", "estimate-returned", "reminder", "line-linked", "revenue-forecast".</summary>
    public required string Kind { get; set; }
    /// <summary>What happened, e.g. "revenue/2701/2026-11/return/3": one notice per recipient and event.</summary>
    public required string Key { get; set; }
    public required string Title { get; set; }
    /// <summary>The province's reason, or the reminder's text: plain text, shown encoded.</summary>
    public string Body { get; set; } = "";
    /// <summary>A path inside the site (/Revenue/Entry?…); e-mail and LINE put the public address before it.</summary>
    public string Link { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    public List<NoticeDelivery> Deliveries { get; set; } = [];
}

public enum NoticeChannel { Email = 1, Line = 2 }

public enum DeliveryStatus { Pending = 0, Sent = 1, Failed = 2, Skipped = 3 }

/// <summary>
/// The outbox: one row per notice and channel. A sender claims a row with a short lease (PostgreSQL: <c>FOR UPDATE SKIP
/// LOCKED</c>; SQLite: a compare-and-set update, its writers being serialised), sends, and marks it sent; a failure waits
/// with backoff (or LINE's Retry-After). LINE is sent with the row's own <see cref="RetryKey"/>, so a retry after a
/// timeout is never a second message.
/// </summary>
public sealed class NoticeDelivery
{
    public int Id { get; set; }
    public int NoticeId { get; set; }
    public Notice Notice { get; set; } = null!;
    public NoticeChannel Channel { get; set; }
    /// <summary>The e-mail address or LINE userId at the time of the notice.</summary>
    public required string Address { get; set; }
    public DeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public Guid? ClaimToken { get; set; }
    public Guid RetryKey { get; set; } = Guid.NewGuid();
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The failure's kind (an exception type or an HTTP status), never an address or a message text.</summary>
    public string? LastError { get; set; }
}

/// <summary>A user's LINE account, linked with a one-time code sent to the Otop official account. The LINE userId is personal data, not a secret.</summary>
public sealed class LineLink
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string LineUserId { get; set; }
    public DateTimeOffset LinkedAt { get; set; }
}

/// <summary>A one-time linking code: only its SHA-256 is stored; short-lived, used once, a few per user per hour.</summary>
public sealed class LineLinkCode
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>A webhook event already handled (LINE redelivers): its webhookEventId is the key.</summary>
public sealed class LineWebhookEvent
{
    public required string EventId { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> e)
    {
        e.ToTable("Notices");
        e.Property(x => x.Recipient).HasMaxLength(256);
        e.Property(x => x.Kind).HasMaxLength(30);
        e.Property(x => x.Key).HasMaxLength(150);
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.Body).HasMaxLength(2400);
        e.Property(x => x.Link).HasMaxLength(300);
        e.HasIndex(x => new { x.Recipient, x.Key }).IsUnique();
        e.HasIndex(x => new { x.Recipient, x.ReadAt });
        e.HasMany(x => x.Deliveries).WithOne(d => d.Notice).HasForeignKey(d => d.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NoticeDeliveryConfiguration : IEntityTypeConfiguration<NoticeDelivery>
{
    public void Configure(EntityTypeBuilder<NoticeDelivery> e)
    {
        e.ToTable("NoticeDeliveries");
        e.Property(x => x.Address).HasMaxLength(256);
        e.Property(x => x.LastError).HasMaxLength(200);
        e.HasIndex(x => new { x.NoticeId, x.Channel }).IsUnique();
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => x.ClaimToken);
    }
}

internal sealed class LineLinkConfiguration : IEntityTypeConfiguration<LineLink>
{
    public void Configure(EntityTypeBuilder<LineLink> e)
    {
        e.ToTable("LineLinks");
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.LineUserId).HasMaxLength(64);
        e.HasIndex(x => x.UserName).IsUnique();
        e.HasIndex(x => x.LineUserId);
    }
}

internal sealed class LineLinkCodeConfiguration : IEntityTypeConfiguration<LineLinkCode>
{
    public void Configure(EntityTypeBuilder<LineLinkCode> e)
    {
        e.ToTable("LineLinkCodes");
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.CodeHash).HasMaxLength(64);
        e.HasIndex(x => x.CodeHash).IsUnique();
        e.HasIndex(x => new { x.UserName, x.CreatedAt });
    }
}

internal sealed class LineWebhookEventConfiguration : IEntityTypeConfiguration<LineWebhookEvent>
{
    public void Configure(EntityTypeBuilder<LineWebhookEvent> e)
    {
        e.ToTable("LineWebhookEvents");
        e.HasKey(x => x.EventId);
        e.Property(x => x.EventId).HasMaxLength(64);
    }
}
