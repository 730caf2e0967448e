using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;

namespace Otop.Web.Features.Revenue;

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

internal sealed class FiscalYearSettingConfiguration : IEntityTypeConfiguration<FiscalYearSetting>
{
    public void Configure(EntityTypeBuilder<FiscalYearSetting> e)
    {
        e.ToTable("FiscalYearSettings");
        e.HasKey(x => x.FiscalYear);
        e.Property(x => x.FiscalYear).ValueGeneratedNever();
        e.Property(x => x.Version).IsConcurrencyToken();
    }
}
