using Otop.Domain;

namespace Otop.Web.Data;

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
    public List<IndicatorBand> Bands { get; set; } = [];
}

public sealed class IndicatorBand
{
    public int Id { get; set; }
    public int IndicatorRoundId { get; set; }
    public int Score { get; set; }
    public decimal Percent { get; set; }
}

/// <summary>The month cycle days of a fiscal year (letter 2: confirm by the 3rd, close the 6th, reopen the 10th).</summary>
public sealed class FiscalYearSetting
{
    public int FiscalYear { get; set; }
    public int ConfirmByDay { get; set; } = 3;
    public int CloseFromDay { get; set; } = 6;
    public int ReopenDay { get; set; } = 10;
    /// <summary>Letter 2, clause 2: the day the districts' revenue estimate for this fiscal year is due at the province (null: none set).</summary>
    public DateOnly? EstimateDueDate { get; set; }
    public int Version { get; set; }

    public MonthlyCycle ToCycle() => new(ConfirmByDay, CloseFromDay, ReopenDay);
}
