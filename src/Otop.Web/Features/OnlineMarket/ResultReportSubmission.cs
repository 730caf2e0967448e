using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// A district's submission of its online-market result report for a round (letter 1, enclosure 4). The circular's
/// result-report task counts as sent at the district's first submission, not at its first listing (issue 15, item 6).
/// The submit action itself is issue 16c's; this is the record it writes and the task rule reads.
/// </summary>
public sealed class ResultReportSubmission
{
    public int Id { get; set; }
    public required string DistrictCode { get; set; }
    /// <summary>Buddhist-era fiscal year.</summary>
    public int FiscalYear { get; set; }
    public int Round { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string SubmittedBy { get; set; } = "";
}

internal sealed class ResultReportSubmissionConfiguration : IEntityTypeConfiguration<ResultReportSubmission>
{
    public void Configure(EntityTypeBuilder<ResultReportSubmission> e)
    {
        e.ToTable("ResultReportSubmissions");
        e.Property(x => x.DistrictCode).HasMaxLength(4);
        e.Property(x => x.SubmittedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.FiscalYear, x.Round, x.DistrictCode });
    }
}
