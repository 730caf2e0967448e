using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Features.Revenue;

namespace Otop.Web.Features.Circulars;

public enum CircularStatus { Draft = 0, Published = 1 }

/// <summary>
/// A circular letter (หนังสือเวียน) from a province to its districts or from the department to provinces and districts, such
/// as letter 1 (สก ๐๐๑๙/ว ๐๙๓๑). Drafts change freely; once published the letter is what the recipients were told, so it
/// changes only by a recorded <see cref="CircularCorrection"/>.
/// </summary>
public sealed class Circular
{
    public int Id { get; set; }
    /// <summary>The org unit that issues the letter: a province code or "0" for the department.</summary>
    public required string IssuerCode { get; set; }
    /// <summary>The number as typed (Thai or Arabic digits), e.g. "สก ๐๐๑๙/ว ๐๙๓๑".</summary>
    public required string Number { get; set; }
    /// <summary>The number with Arabic digits and single spaces: "สก 0019/ว 0931"; unique per issuer.</summary>
    public required string NumberKey { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string Subject { get; set; }
    public string Body { get; set; } = "";
    public CircularStatus Status { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    public List<CircularRecipient> Recipients { get; set; } = [];
    public List<CircularEnclosure> Enclosures { get; set; } = [];
    public List<CircularTask> Tasks { get; set; } = [];
    public List<CircularCorrection> Corrections { get; set; } = [];
}

/// <summary>An org unit the letter is addressed to (a district, or a province when the department writes).</summary>
public sealed class CircularRecipient
{
    public int CircularId { get; set; }
    public required string UnitCode { get; set; }
}

/// <summary>
/// สิ่งที่ส่งมาด้วย: a file attached to the letter. <see cref="Token"/> (256 random bits, base64url) is the only key of the
/// anonymous download URL printed as a QR code (decision 007).
/// </summary>
public sealed class CircularEnclosure
{
    public const int DefaultMaxBytes = 10 * 1024 * 1024;

    public int Id { get; set; }
    public int CircularId { get; set; }
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public int Size { get; set; }
    public byte[] Content { get; set; } = [];
    public required string Token { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public string UploadedBy { get; set; } = "";
}

/// <summary>What a task asks for: a note and file sent here, or an existing form whose own record says whether it was sent.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CircularTaskKind>))]
public enum CircularTaskKind { Submission = 0, ReadinessSurvey = 1, ResultReport = 2, RevenueEstimate = 3 }

/// <summary>Something the letter asks every recipient to do by a date (letter 1: the survey by 24 Feb 2564).</summary>
public sealed class CircularTask
{
    public int Id { get; set; }
    public int CircularId { get; set; }
    public Circular Circular { get; set; } = null!;
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    /// <summary>Due by the end of this day in Asia/Bangkok: sending at or after 00:00 of the next day is late.</summary>
    public DateOnly DueDate { get; set; }
    public CircularTaskKind Kind { get; set; }
    /// <summary>For linked kinds: the fiscal year (BE) and round of the form.</summary>
    public int? FiscalYear { get; set; }
    public int? Round { get; set; }

    public List<TaskAssignment> Assignments { get; set; } = [];

    public static DateTimeOffset DueInstant(DateOnly dueDate) => Otop.Domain.Bangkok.StartOfDay(dueDate.AddDays(1));
}

/// <summary>One recipient unit's share of a task, with what it sent (for <see cref="CircularTaskKind.Submission"/>).</summary>
public sealed class TaskAssignment
{
    public int Id { get; set; }
    public int CircularTaskId { get; set; }
    public CircularTask Task { get; set; } = null!;
    /// <summary>The recipient: a district code, or a province code when the department addresses provinces.</summary>
    public required string UnitCode { get; set; }
    public required string ProvinceCode { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public string? Note { get; set; }
    public bool Late { get; set; }
    public string? FileName { get; set; }
    public string? FileContentType { get; set; }
    public byte[]? FileContent { get; set; }
    public int Version { get; set; }
}

/// <summary>A recorded change of a published letter: what it said before, who changed it, when and why.</summary>
public sealed class CircularCorrection
{
    public int Id { get; set; }
    public int CircularId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string By { get; set; }
    public required string Reason { get; set; }
    public required string OldSubject { get; set; }
    public required string OldBody { get; set; }
}

internal sealed class CircularConfiguration : IEntityTypeConfiguration<Circular>
{
    public void Configure(EntityTypeBuilder<Circular> e)
    {
        e.ToTable("Circulars");
        e.Property(x => x.IssuerCode).HasMaxLength(4);
        e.Property(x => x.Number).HasMaxLength(100);
        e.Property(x => x.NumberKey).HasMaxLength(100);
        e.Property(x => x.Subject).HasMaxLength(500);
        e.Property(x => x.Body).HasMaxLength(10000);
        e.Property(x => x.PublishedBy).HasMaxLength(256);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.IssuerCode, x.NumberKey }).IsUnique();
        e.HasMany(x => x.Recipients).WithOne().HasForeignKey(x => x.CircularId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Enclosures).WithOne().HasForeignKey(x => x.CircularId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Tasks).WithOne(x => x.Circular).HasForeignKey(x => x.CircularId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Corrections).WithOne().HasForeignKey(x => x.CircularId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CircularRecipientConfiguration : IEntityTypeConfiguration<CircularRecipient>
{
    public void Configure(EntityTypeBuilder<CircularRecipient> e)
    {
        e.ToTable("CircularRecipients");
        e.HasKey(x => new { x.CircularId, x.UnitCode });
        e.Property(x => x.UnitCode).HasMaxLength(4);
        e.HasIndex(x => x.UnitCode);
    }
}

internal sealed class CircularEnclosureConfiguration : IEntityTypeConfiguration<CircularEnclosure>
{
    public void Configure(EntityTypeBuilder<CircularEnclosure> e)
    {
        e.ToTable("CircularEnclosures");
        e.Property(x => x.Title).HasMaxLength(300);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Token).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.HasIndex(x => x.Token).IsUnique();
        e.HasIndex(x => new { x.CircularId, x.Ordinal });
    }
}

internal sealed class CircularTaskConfiguration : IEntityTypeConfiguration<CircularTask>
{
    public void Configure(EntityTypeBuilder<CircularTask> e)
    {
        e.ToTable("CircularTasks");
        e.Property(x => x.Title).HasMaxLength(500);
        e.HasIndex(x => new { x.CircularId, x.Ordinal });
        e.HasMany(x => x.Assignments).WithOne(x => x.Task).HasForeignKey(x => x.CircularTaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TaskAssignmentConfiguration : IEntityTypeConfiguration<TaskAssignment>
{
    public void Configure(EntityTypeBuilder<TaskAssignment> e)
    {
        e.ToTable("TaskAssignments");
        e.Property(x => x.UnitCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.SubmittedBy).HasMaxLength(256);
        e.Property(x => x.Note).HasMaxLength(2000);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.Property(x => x.FileContentType).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.CircularTaskId, x.UnitCode }).IsUnique();
        e.HasIndex(x => x.UnitCode);
        e.HasIndex(x => x.ProvinceCode);
    }
}

internal sealed class CircularCorrectionConfiguration : IEntityTypeConfiguration<CircularCorrection>
{
    public void Configure(EntityTypeBuilder<CircularCorrection> e)
    {
        e.ToTable("CircularCorrections");
        e.Property(x => x.By).HasMaxLength(256);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.OldSubject).HasMaxLength(500);
        e.Property(x => x.OldBody).HasMaxLength(10000);
        e.HasIndex(x => x.CircularId);
    }
}
