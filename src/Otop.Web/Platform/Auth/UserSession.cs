using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Platform.Auth;

/// <summary>
/// One signed-in page session (docs/decisions/012): its id is in the cookie, and the cookie works only while this row
/// says the session is open and younger than <c>Auth__SessionHours</c>. Sign-out ends it, so a copy of the cookie dies too.
/// </summary>
public sealed class UserSession
{
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last request seen, written at most every few minutes (not on every request).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> e)
    {
        e.ToTable("UserSessions");
        e.Property(x => x.Id).HasMaxLength(32);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.UserId);
    }
}
