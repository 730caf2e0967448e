using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// A district's explicit submit of its result report (letter 1, enclosure 4) for one round of a fiscal year (issue 16,
/// item 7). While the row exists the report is sent and read-only; the district may withdraw it until the end of the
/// round's results cut-off day (Bangkok), the province may return it at any time: either deletes the row (the audit keeps
/// the history). Circulars count the result-report task as sent from <see cref="SubmittedAt"/> (helper 15b).
/// </summary>
public sealed class ResultReportSubmission : IDistrictOwned
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    public required string ProvinceCode { get; set; }
    public int FiscalYear { get; set; }
    public int Round { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
    /// <summary>The district's figures as submitted: products in the registration range and those online for the round.</summary>
    public int Products { get; set; }
    public int ProductsOnline { get; set; }
    public int Version { get; set; }
}

internal sealed class ResultReportSubmissionConfiguration : IEntityTypeConfiguration<ResultReportSubmission>
{
    public void Configure(EntityTypeBuilder<ResultReportSubmission> e)
    {
        e.ToTable("ResultReportSubmissions");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.ProvinceCode).HasMaxLength(2);
        e.Property(x => x.SubmittedBy).HasMaxLength(256);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.DistrictCode, x.FiscalYear, x.Round }).IsUnique();
        e.HasIndex(x => new { x.ProvinceCode, x.FiscalYear, x.Round });
    }
}
