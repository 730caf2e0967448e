using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class BangkokTests
{
    [Theory]
    [InlineData("2021-01-15T00:00:00Z")]
    [InlineData("2023-04-15T00:00:00Z")]
    [InlineData("2023-07-15T00:00:00Z")]
    [InlineData("2023-10-29T12:00:00Z")]
    [InlineData("2030-03-31T12:00:00Z")]
    public void Zone_IsUtcPlus7AllYearRound(string instant)
    {
        Bangkok.Zone.GetUtcOffset(At(instant)).ShouldBe(TimeSpan.FromHours(7));
        Bangkok.Zone.IsDaylightSavingTime(At(instant)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2023-03-05T17:00:00Z", "2023-03-06T00:00:00+07:00")]
    [InlineData("2023-03-05T16:59:59Z", "2023-03-05T23:59:59+07:00")]
    [InlineData("2023-03-06T00:00:00+07:00", "2023-03-06T00:00:00+07:00")]
    [InlineData("2023-03-05T12:00:00-05:00", "2023-03-06T00:00:00+07:00")]
    public void ToLocal_GivesTheSameInstantAtPlus7(string instant, string expected)
    {
        var local = Bangkok.ToLocal(At(instant));

        local.Offset.ShouldBe(TimeSpan.FromHours(7));
        local.ShouldBe(At(expected));
        local.DateTime.ShouldBe(At(expected).DateTime);
    }

    [Theory]
    [InlineData("2023-03-05T16:59:59.9999999Z", "2023-03-05")]
    [InlineData("2023-03-05T17:00:00Z", "2023-03-06")]
    [InlineData("2022-09-30T17:00:00Z", "2022-10-01")]
    [InlineData("2022-12-31T23:00:00Z", "2023-01-01")]
    public void Today_IsTheBangkokDate(string instant, string expected)
    {
        Bangkok.Today(At(instant)).ShouldBe(Date(expected));
    }

    [Theory]
    [InlineData("2023-03-06", "2023-03-05T17:00:00Z")]
    [InlineData("2022-10-01", "2022-09-30T17:00:00Z")]
    [InlineData("2024-02-29", "2024-02-28T17:00:00Z")]
    public void StartOfDay_IsMidnightBangkok(string date, string expectedUtc)
    {
        var start = Bangkok.StartOfDay(Date(date));

        start.ShouldBe(At(expectedUtc));
        start.Offset.ShouldBe(TimeSpan.FromHours(7));
        start.TimeOfDay.ShouldBe(TimeSpan.Zero);
    }
}
