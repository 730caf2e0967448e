using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;

namespace Otop.Web.Features.Kpi;

public enum IndicatorKind { OnlineMarketShare = 1, RevenueIncrease = 2 }

/// <summary>What the revenue-increase indicator compares against (DOMAIN.md: same months of the previous year by default).</summary>
public enum BaselineMode { SamePeriodPreviousYear = 0, WholePreviousYear = 1, Estimate = 2 }

/// <summary>An indicator (ตัวชี้วัด) of one fiscal year: data, not code, since it changes every year.</summary>
public sealed class Indicator
{
    public int Id { get; set; }
    public int FiscalYear { get; set; }
    public required string Code { get; set; }
    public IndicatorKind Kind { get; set; }
    public required string NameTh { get; set; }
    public int? RegisteredFrom { get; set; }
    public int? RegisteredTo { get; set; }
    public ScoringMethod ScoringMethod { get; set; }
    public BaselineMode BaselineMode { get; set; }
    public int Version { get; set; }

    public List<IndicatorRound> Rounds { get; set; } = [];
}

/// <summary>An assessment round (รอบการประเมิน) with its score table.</summary>
public sealed class IndicatorRound
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public Indicator Indicator { get; set; } = null!;
    public int Round { get; set; }
    public DateOnly? ResultDueDate { get; set; }
    /// <summary>When the readiness survey is due (letter 1: 24 Feb 2564); null when the indicator has none.</summary>
    public DateOnly? SurveyDueDate { get; set; }
    /// <summary>
    /// The results cut-off day (CONTRACT.md "Online-market indicator"): a listing counts for the round only when recorded
    /// by the end of this day, Bangkok time; null is the round's last day (migration 016).
    /// </summary>
    public DateOnly? ResultsCutOff { get; set; }
    public List<IndicatorBand> Bands { get; set; } = [];
}

public sealed class IndicatorBand
{
    public int Id { get; set; }
    public int IndicatorRoundId { get; set; }
    public int Score { get; set; }
    public decimal Percent { get; set; }
}

internal sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> e)
    {
        e.ToTable("Indicators");
        e.Property(x => x.Code).HasMaxLength(40);
        e.Property(x => x.NameTh).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.FiscalYear, x.Code }).IsUnique();
        e.HasMany(x => x.Rounds).WithOne(x => x.Indicator).HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorRoundConfiguration : IEntityTypeConfiguration<IndicatorRound>
{
    public void Configure(EntityTypeBuilder<IndicatorRound> e)
    {
        e.ToTable("IndicatorRounds");
        e.HasIndex(x => new { x.IndicatorId, x.Round }).IsUnique();
        e.HasMany(x => x.Bands).WithOne().HasForeignKey(x => x.IndicatorRoundId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IndicatorBandConfiguration : IEntityTypeConfiguration<IndicatorBand>
{
    public void Configure(EntityTypeBuilder<IndicatorBand> e)
    {
        e.ToTable("IndicatorBands");
        e.Property(x => x.Percent).HasPrecision(7, 2);
        e.HasIndex(x => new { x.IndicatorRoundId, x.Score }).IsUnique();
    }
}
