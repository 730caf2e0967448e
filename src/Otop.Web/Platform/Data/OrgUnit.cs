using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Auth;

namespace Otop.Web.Platform.Data;

public enum OrgLevel { Department = 0, Province = 1, District = 2 }

/// <summary>The department, a province (DOPA 2-digit code) or a district (DOPA 4-digit code).</summary>
public sealed class OrgUnit
{
    public const string DepartmentCode = "0";

    public required string Code { get; init; }
    public OrgLevel Level { get; init; }
    public string? ParentCode { get; init; }
    public required string NameTh { get; set; }
    public required string NameEn { get; set; }

    public static OrgLevel LevelOfCode(string code) => code.Length switch
    {
        1 => OrgLevel.Department,
        2 => OrgLevel.Province,
        _ => OrgLevel.District,
    };

    /// <summary>"ทั้งประเทศ", "จังหวัด…" or "อำเภอ…": a unit as the pages and their pickers name it.</summary>
    public static string LabelOf(OrgLevel level, string name) => level switch
    {
        OrgLevel.Department => "ทั้งประเทศ",
        OrgLevel.Province => "จังหวัด" + name,
        _ => "อำเภอ" + name,
    };
}

/// <summary>Rows that belong to one district. Scope filters (<see cref="Otop.Web.Platform.Auth.ScopeQueries"/>) rely on both codes.</summary>
public interface IDistrictOwned
{
    string DistrictCode { get; }
    string ProvinceCode { get; }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> e)
    {
        e.HasKey(x => x.Code);
        e.Property(x => x.Code).HasMaxLength(4);
        e.Property(x => x.ParentCode).HasMaxLength(4);
        e.Property(x => x.NameTh).HasMaxLength(100);
        e.Property(x => x.NameEn).HasMaxLength(100);
        e.HasIndex(x => x.ParentCode);
    }
}

public static class OrgUnitQueries
{
    /// <summary>The 76 provinces (and Bangkok) by code, for the department's short province choice on the target pages.</summary>
    public static async Task<List<(string Code, string NameTh)>> ProvincesAsync(this AppDbContext db, CancellationToken ct) =>
        [.. (await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province).OrderBy(o => o.Code)
            .Select(o => new { o.Code, o.NameTh }).ToListAsync(ct)).Select(o => (o.Code, o.NameTh))];
}
