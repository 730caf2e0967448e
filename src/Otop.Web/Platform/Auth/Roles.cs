using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

/// <summary>The five roles of CONTRACT.md, each bound to one org unit.</summary>
public static class Roles
{
    public const string DepartmentAdmin = "DepartmentAdmin";
    public const string ProvinceOfficer = "ProvinceOfficer";
    public const string DistrictOfficer = "DistrictOfficer";
    public const string DistrictHead = "DistrictHead";
    public const string Viewer = "Viewer";

    public static readonly string[] All = [DepartmentAdmin, ProvinceOfficer, DistrictOfficer, DistrictHead, Viewer];

    public static string ThaiName(string role) => role switch
    {
        DepartmentAdmin => "ผู้ดูแลระบบระดับกรม",
        ProvinceOfficer => "เจ้าหน้าที่จังหวัด",
        DistrictOfficer => "พัฒนากร (เจ้าหน้าที่อำเภอ)",
        DistrictHead => "พัฒนาการอำเภอ",
        Viewer => "ผู้ดูข้อมูล",
        _ => role,
    };

    /// <summary>The org-unit level a role is bound to; a Viewer may sit at any level.</summary>
    public static bool FitsLevel(string role, OrgLevel level) => role switch
    {
        DepartmentAdmin => level == OrgLevel.Department,
        ProvinceOfficer => level == OrgLevel.Province,
        DistrictOfficer or DistrictHead => level == OrgLevel.District,
        Viewer => true,
        _ => false,
    };
}

public static class OtopClaims
{
    public const string OrgUnit = "otop:org";
    public const string DisplayName = "otop:name";
}
