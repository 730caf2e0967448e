using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Platform.Documents;

/// <summary>
/// A document the system issued (docs/decisions/006-documents.md): its short verification code (printed with a QR code), what it is, who
/// issued it and when, and the SHA-256 of its figures, so that anyone holding the paper can see whether the data changed.
/// The header facts are stored as issued, because the public verification page shows them without a login.
/// </summary>
public sealed class IssuedDocument
{
    public int Id { get; set; }
    /// <summary>26 characters of an unambiguous alphabet (8 for documents issued before issue 14), stored without hyphens.</summary>
    public required string Code { get; set; }
    /// <summary>What people type from paper: the code's first 10 characters (the whole code for an 8-character one); unique.</summary>
    public string? TypedCode { get; set; }
    public required string Form { get; set; }
    /// <summary>The resolved query string the figures were computed from ("district=2701&amp;month=2023-01").</summary>
    public required string Parameters { get; set; }
    public required string OrgUnitCode { get; set; }
    public required string Title { get; set; }
    public required string UnitName { get; set; }
    public required string Period { get; set; }
    public required string IssuedBy { get; set; }
    public required string IssuedByName { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    /// <summary>Lower-case hex SHA-256 of the canonical figures (see <c>DocumentHash</c>).</summary>
    public required string FiguresHash { get; set; }
    /// <summary>The total row as printed, JSON, shown on the verification page.</summary>
    public string? Totals { get; set; }
    public required string Format { get; set; }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> e)
    {
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.TypedCode).HasMaxLength(10);
        e.Property(x => x.Form).HasMaxLength(64);
        e.Property(x => x.Parameters).HasMaxLength(500);
        e.Property(x => x.OrgUnitCode).HasMaxLength(4);
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.UnitName).HasMaxLength(200);
        e.Property(x => x.Period).HasMaxLength(200);
        e.Property(x => x.IssuedBy).HasMaxLength(256);
        e.Property(x => x.IssuedByName).HasMaxLength(256);
        e.Property(x => x.FiguresHash).HasMaxLength(64);
        e.Property(x => x.Totals).HasMaxLength(4000);
        e.Property(x => x.Format).HasMaxLength(8);
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => x.TypedCode).IsUnique();
        e.HasIndex(x => new { x.OrgUnitCode, x.IssuedAt });
    }
}
