using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Auth;

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>"0" for the department, else a province or district code.</summary>
    public string OrgUnitCode { get; set; } = OrgUnit.DepartmentCode;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the account was disabled (CONTRACT.md, Users): it cannot sign in and every token and cookie it holds stops working.</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>The last successful sign-in (page or token), shown on the accounts page and in <c>GET /api/v1/users</c>.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>
    /// The password is the demo data's published one (README "Demo accounts"): refused outside Development until an
    /// administrator sets another; <see cref="OtopUserStore"/> clears it whenever the password hash changes.
    /// </summary>
    public bool PasswordIsDemo { get; set; }
}

/// <summary>Data-protection key ring stored in the database so every app node shares it (cookies and tokens work on any node).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> e)
    {
        e.Property(x => x.DisplayName).HasMaxLength(200);
        e.Property(x => x.OrgUnitCode).HasMaxLength(4);
        e.HasIndex(x => x.OrgUnitCode);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> e)
    {
        e.Property(x => x.FriendlyName).HasMaxLength(200);
    }
}
