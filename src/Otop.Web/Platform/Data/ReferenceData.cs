using System.Reflection;
using Microsoft.EntityFrameworkCore;
namespace Otop.Web.Platform.Data;

/// <summary>
/// Org units (the department, 76 provinces, 878 districts; Bangkok is not part of this work) from the DOPA reference
/// CSVs shipped in Platform/Data/Reference. Idempotent: inserts only what is missing.
/// </summary>
public static class ReferenceData
{
    public const string BangkokCode = "10";

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        var existing = (await db.OrgUnits.Select(o => o.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var units = LoadOrgUnits().Where(u => !existing.Contains(u.Code)).ToList();
        if (units.Count > 0) db.OrgUnits.AddRange(units);

        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public static IEnumerable<OrgUnit> LoadOrgUnits()
    {
        yield return new OrgUnit { Code = OrgUnit.DepartmentCode, Level = OrgLevel.Department, NameTh = "กรมการพัฒนาชุมชน", NameEn = "Community Development Department" };
        foreach (var row in ReadCsv("th-provinces.csv").Where(r => r[0] != BangkokCode))
        {
            yield return new OrgUnit { Code = row[0], Level = OrgLevel.Province, ParentCode = OrgUnit.DepartmentCode, NameTh = row[1], NameEn = row[2] };
        }
        foreach (var row in ReadCsv("th-districts.csv").Where(r => r[1] != BangkokCode))
        {
            yield return new OrgUnit { Code = row[0], Level = OrgLevel.District, ParentCode = row[1], NameTh = row[2], NameEn = row[3] };
        }
    }

    private static readonly Lazy<ILookup<string, (string Code, string NameTh)>> SubdistrictsByDistrict = new(() =>
        ReadCsv("th-subdistricts.csv").ToLookup(r => r[1], r => (r[0], r[2])));

    /// <summary>Subdistricts (ตำบล) of a district, 6-digit DOPA codes.</summary>
    public static IEnumerable<(string Code, string NameTh)> SubdistrictsOf(string districtCode) => SubdistrictsByDistrict.Value[districtCode];

    public static bool IsSubdistrictOf(string subdistrictCode, string districtCode) =>
        SubdistrictsByDistrict.Value[districtCode].Any(s => s.Code == subdistrictCode);

    /// <summary>The reference files are plain RFC 4180 with quoting only where needed; names hold no commas.</summary>
    private static IEnumerable<string[]> ReadCsv(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Otop.Reference.{file}")
            ?? throw new InvalidOperationException($"Reference file {file} is not embedded.");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            yield return line.Split(',').Select(f => f.Trim('"')).ToArray();
        }
    }
}
