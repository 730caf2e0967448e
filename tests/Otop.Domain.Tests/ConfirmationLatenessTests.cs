using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class ConfirmationLatenessTests
{
    [Theory]
    // first confirmation                 confirmed now                     late   kept first
    [InlineData(null, "2023-02-03T10:00:00+07:00", false, "2023-02-03T10:00:00+07:00")]
    [InlineData(null, "2023-02-03T23:59:59+07:00", false, "2023-02-03T23:59:59+07:00")]
    [InlineData(null, "2023-02-04T00:00:00+07:00", true, "2023-02-04T00:00:00+07:00")]
    // confirmed on time, returned or unlocked by the province, confirmed again after the deadline: still on time
    [InlineData("2023-02-02T09:00:00+07:00", "2023-02-15T11:00:00+07:00", false, "2023-02-02T09:00:00+07:00")]
    [InlineData("2023-02-03T23:59:59+07:00", "2023-04-01T08:00:00+07:00", false, "2023-02-03T23:59:59+07:00")]
    // confirmed late the first time: a correction does not make it on time
    [InlineData("2023-02-05T09:00:00+07:00", "2023-02-05T10:00:00+07:00", true, "2023-02-05T09:00:00+07:00")]
    [InlineData("2023-02-05T09:00:00+07:00", "2023-03-20T10:00:00+07:00", true, "2023-02-05T09:00:00+07:00")]
    // a first confirmation recorded after now (a clock moved back) is not trusted: now decides
    [InlineData("2023-02-20T09:00:00+07:00", "2023-02-02T10:00:00+07:00", false, "2023-02-02T10:00:00+07:00")]
    public void AMonthsLateness_IsThatOfItsFirstConfirmation(string? first, string now, bool late, string kept)
    {
        var (isLate, firstConfirmedAt) = ConfirmationLateness.OnConfirm(Ym("2023-01"), At(now), first is null ? null : At(first), MonthlyCycle.Default);

        isLate.ShouldBe(late);
        firstConfirmedAt.ShouldBe(At(kept));
    }

    [Fact]
    public void TheCyclesConfirmByDay_DecidesTheFirstConfirmation()
    {
        var cycle = new MonthlyCycle(ConfirmByDay: 5, CloseFromDay: 8, ReopenDay: 12);

        ConfirmationLateness.OnConfirm(Ym("2023-01"), At("2023-03-01T10:00:00+07:00"), At("2023-02-05T12:00:00+07:00"), cycle).Late.ShouldBeFalse();
        ConfirmationLateness.OnConfirm(Ym("2023-01"), At("2023-03-01T10:00:00+07:00"), At("2023-02-06T00:00:00+07:00"), cycle).Late.ShouldBeTrue();
    }
}
