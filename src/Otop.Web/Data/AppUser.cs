using Microsoft.AspNetCore.Identity;

namespace Otop.Web.Data;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>"0" for the department, else a province or district code.</summary>
    public string OrgUnitCode { get; set; } = OrgUnit.DepartmentCode;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Data-protection key ring stored in the database so every app node shares it (cookies and tokens work on any node).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
