using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Otop.Web.Features.Calendar;

/// <summary>
/// A calendar feed URL of one user (calendar apps send no cookies). Only the SHA-256 of the token is stored; revoking makes
/// the URL answer 404.
/// </summary>
public sealed class CalendarFeedToken
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class CalendarFeedTokenConfiguration : IEntityTypeConfiguration<CalendarFeedToken>
{
    public void Configure(EntityTypeBuilder<CalendarFeedToken> e)
    {
        e.ToTable("CalendarFeedTokens");
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.TokenHash).HasMaxLength(64);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.HasIndex(x => x.UserName);
    }
}
