using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Revenue;

/// <summary>A unit a revenue page shows (the nation, a province or a district), with the name the pages give it.</summary>
public sealed record RevenueUnit(string Code, string NameTh, OrgLevel Level)
{
    /// <summary>"ทั้งประเทศ", "จังหวัด…" or "อำเภอ…".</summary>
    public string Label => RevenueUnits.Label(Level, NameTh);

    /// <summary>The unit and everything under it, as a scope: its months are <c>VisibleTo(unit.Scope)</c>.</summary>
    public OrgScope Scope => new(Code);
}

/// <summary>How the revenue pages name a unit; the pages' <c>?unit=</c> is read by the shared picker (Features/Org/UnitPicker).</summary>
public static class RevenueUnits
{
    /// <summary>"ทั้งประเทศ", "จังหวัด…" or "อำเภอ…": a unit as the revenue pages name it.</summary>
    public static string Label(OrgLevel level, string name) => OrgUnit.LabelOf(level, name);
}
