namespace Otop.Domain;

// All deadlines are wall-clock times in Asia/Bangkok, whatever the server's zone (DOMAIN.md "Rules";
// CONTRACT.md "Revenue"). Thailand has no daylight saving, but the zone is still used so that the
// rule lives in one place and the tz database stays the authority.
public static class Bangkok
{
    public const string ZoneId = "Asia/Bangkok";

    public static TimeZoneInfo Zone { get; } = Resolve();

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public static DateTimeOffset StartOfDay(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    // A host without tz data (some containers, trimmed Windows images) must still get UTC+7.
    private static TimeZoneInfo Resolve()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
        }
        catch (InvalidTimeZoneException)
        {
        }

        return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(7), "(UTC+07:00) Bangkok", "Indochina Time");
    }
}
