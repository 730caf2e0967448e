using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Org;

/// <summary>Which units a page's picker offers (its <c>?levels=</c>): the nation, provinces, districts, or a mix.</summary>
[Flags]
public enum UnitLevels { Nation = 1, Province = 2, District = 4, All = Nation | Province | District }

/// <summary>
/// What a page's unit field resolved to: the unit to show, and when the typed text named no unit or several, the Thai
/// message and some candidates (the page then shows its default unit, and the picker the message).
/// <see cref="OutsideScope"/>: a code the caller does not see, or that is not one of the page's levels (the page: 404).
/// </summary>
public sealed record UnitChoice(SearchableUnit? Unit, string Typed, string? Error, IReadOnlyList<SearchableUnit> Candidates, bool OutsideScope)
{
    /// <summary>The unit's level: the page's reading of it.</summary>
    public OrgLevel? Level => Unit is null ? null : OrgUnit.LevelOfCode(Unit.Code);

    /// <summary>The picker of the page's form showing this choice.</summary>
    public UnitPickerField Field(string name, string id, string label, UnitLevels levels) =>
        new(name, id, label, levels, Error is null ? UnitPicker.Display(Unit) : Typed, Error, Candidates);
}

/// <summary>The shared unit picker's field (<c>Features/Org/_UnitPicker.cshtml</c>): its form name, id, label, levels and value.</summary>
public sealed record UnitPickerField(string Name, string Id, string Label, UnitLevels Levels, string Value, string? Error = null,
    IReadOnlyList<SearchableUnit>? Candidates = null)
{
    public string Source => $"{UnitPicker.SearchPath}?levels={Uri.EscapeDataString(Levels.ToString())}";
}

/// <summary>
/// Issue 17 item 2, "a unit picker with search": one field for every page that chooses a unit, instead of a flat list
/// of up to 955 units. Without script it is a text field of a code or a Thai name resolved here; with script a combobox
/// fed by <see cref="SearchPath"/>. Both answer only the units of the caller's scope (STYLE.md: scope in every query).
/// </summary>
public static class UnitPicker
{
    public const string SearchPath = "/Org/Units";
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Thai as UTF-8 (3 bytes a letter), not \uXXXX (6): the answer goes to phones.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>"2701 อำเภอเมืองสระแก้ว": the field's value, which the code at its start resolves again on submit.</summary>
    public static string Display(SearchableUnit? unit) => unit is null ? "" : $"{unit.Code} {unit.Label}";

    /// <summary>The units of <paramref name="levels"/> the scope sees, in code order.</summary>
    public static async Task<List<SearchableUnit>> VisibleAsync(AppDbContext db, OrgScope scope, UnitLevels levels, CancellationToken ct)
    {
        var wanted = Levels(levels);
        var rows = await db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => wanted.Contains(o.Level))
            .OrderBy(o => o.Code).Select(o => new { o.Code, o.NameTh, o.Level }).ToListAsync(ct);
        return rows.Select(o => new SearchableUnit(o.Code, o.NameTh, OrgUnit.LabelOf(o.Level, o.NameTh))).ToList();
    }

    /// <summary>
    /// The unit <paramref name="typed"/> names (a code, alone or before its name, or a Thai name), else the unit of
    /// <paramref name="fallbackCode"/> when nothing was typed or the name did not resolve (with the message).
    /// </summary>
    public static async Task<UnitChoice> ChooseAsync(AppDbContext db, OrgScope scope, string? typed, UnitLevels levels, string fallbackCode,
        CancellationToken ct)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0) return new(await FindAsync(db, scope, fallbackCode, levels, ct), "", null, [], false);
        if (UnitSearch.CodeOf(text) is { } code)
        {
            var unit = await FindAsync(db, scope, code, levels, ct);
            return new(unit, text, null, [], unit is null);
        }
        var resolution = UnitSearch.Resolve(await VisibleAsync(db, scope, levels, ct), text);
        return resolution.Unit is { } named
            ? new(named, text, null, [], false)
            : new(await FindAsync(db, scope, fallbackCode, levels, ct), text, resolution.Error, resolution.Candidates, false);
    }

    /// <summary>The unit of <paramref name="code"/> when the scope sees it and it is one of the levels, else null.</summary>
    public static async Task<SearchableUnit?> FindAsync(AppDbContext db, OrgScope scope, string code, UnitLevels levels, CancellationToken ct)
    {
        var wanted = Levels(levels);
        var row = await db.OrgUnits.AsNoTracking().VisibleTo(scope).Where(o => o.Code == code && wanted.Contains(o.Level))
            .Select(o => new { o.Code, o.NameTh, o.Level }).FirstOrDefaultAsync(ct);
        return row is null ? null : new SearchableUnit(row.Code, row.NameTh, OrgUnit.LabelOf(row.Level, row.NameTh));
    }

    public static void MapUnitPicker(this WebApplication app) =>
        app.MapGet(SearchPath, Search).RequireAuthorization().ExcludeFromDescription();

    /// <summary>
    /// <c>GET /Org/Units?q=&amp;levels=Province,District&amp;limit=20</c> (cookie login, for the picker's script): at most
    /// <c>limit</c> (1–50) matches in the caller's scope, each with its province as its group; <c>more</c> when others matched.
    /// </summary>
    private static async Task<IResult> Search(string? q, string? levels, int? limit, AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var wanted = UnitLevels.All;
        if (!string.IsNullOrWhiteSpace(levels) && (!Enum.TryParse(levels, ignoreCase: true, out wanted) || wanted is <= 0 or > UnitLevels.All))
        {
            return Results.Problem(title: "คำขอไม่ถูกต้อง", detail: $"ระดับหน่วยงาน (levels) ต้องเป็น Nation, Province หรือ District ไม่ใช่ '{levels}'",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var take = Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
        var hits = UnitSearch.Find(await VisibleAsync(db, me.Scope, wanted, ct), q, take + 1);
        // The search picks the best take + 1; dropping the last of them in code order would drop a good one.
        var shown = UnitSearch.Find(hits, q, take);
        var groups = hits.Select(h => h.GroupCode).Where(g => g.Length == 2).Distinct().ToList();
        var provinces = await db.OrgUnits.AsNoTracking().Where(o => groups.Contains(o.Code)).Select(o => new { o.Code, o.NameTh }).ToListAsync(ct);
        string GroupLabel(string group) => group.Length == 2 && provinces.FirstOrDefault(p => p.Code == group) is { } p
            ? OrgUnit.LabelOf(OrgLevel.Province, p.NameTh) : OrgUnit.LabelOf(OrgLevel.Department, "");
        return Results.Json(new
        {
            results = shown.Select(u => new { code = u.Code, label = u.Label, group = u.GroupCode, groupLabel = GroupLabel(u.GroupCode) }),
            more = hits.Count > shown.Count,
        }, Json);
    }

    private static List<OrgLevel> Levels(UnitLevels levels) =>
    [
        .. levels.HasFlag(UnitLevels.Nation) ? [OrgLevel.Department] : Array.Empty<OrgLevel>(),
        .. levels.HasFlag(UnitLevels.Province) ? [OrgLevel.Province] : Array.Empty<OrgLevel>(),
        .. levels.HasFlag(UnitLevels.District) ? [OrgLevel.District] : Array.Empty<OrgLevel>(),
    ];
}
