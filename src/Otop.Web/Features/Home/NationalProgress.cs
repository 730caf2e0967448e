using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Compilation;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Home;

/// <summary>
/// The department's view of a month (issue 15 item 5, issue 17 item 2): per province, how many districts have confirmed
/// (or been approved), how many of those were late, how many have not confirmed yet, and the revenue written so far.
/// The districts' months as they stand now by the compilation's own rules (<see cref="CompilationCommands.DistrictsNowAsync"/>:
/// one read for the nation), so an uncorrected month reads here as its compilation does.
/// </summary>
public static class NationalProgress
{
    public sealed record Row(string ProvinceCode, string ProvinceName, int Districts, int Confirmed, int Late, int Missing, decimal Revenue = 0m);

    public static async Task<(List<Row> Rows, Row Total)> ReadAsync(AppDbContext db, YearMonth month, CancellationToken ct)
    {
        var districts = await CompilationCommands.DistrictsNowAsync(db, month, null, ct);
        var names = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.Province).ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        var rows = districts.GroupBy(d => d.ProvinceCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => RowOf(g.Key, names.GetValueOrDefault(g.Key) ?? g.Key, CompilationQueries.Totals(g.ToList())))
            .ToList();
        return (rows, RowOf("0", "รวมทั้งประเทศ", CompilationQueries.Totals(districts)));
    }

    private static Row RowOf(string code, string name, CompilationTotal t) => new(code, name, t.Districts, t.Confirmed, t.Late, t.Missing, t.Revenue);
}
