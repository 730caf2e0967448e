using static Otop.Domain.Tests.TestData;

namespace Otop.Domain.Tests;

public class DistrictWritesTests
{
    [Theory]
    [InlineData("2023-03-03T23:59:59.9999999+07:00", true)]
    [InlineData("2023-03-05T23:59:59.9999999+07:00", true)]
    [InlineData("2023-03-05T16:59:59.9999999Z", true)]
    [InlineData("2023-03-06T00:00:00+07:00", false)]
    [InlineData("2023-03-05T17:00:00Z", false)]
    [InlineData("2023-03-09T23:59:59.9999999+07:00", false)]
    [InlineData("2023-03-10T00:00:00+07:00", true)]
    [InlineData("2023-03-11T00:00:00+07:00", true)]
    public void EveryKindOfDistrictData_WaitsOutTheCloseFromTheSixthToTheTenth(string instant, bool allowed)
    {
        foreach (var kind in Enum.GetValues<DistrictWriteKind>())
        {
            DistrictWriteRule.Check(DistrictWrite.Of(kind), At(instant), MonthlyCycle.Default, byDepartment: false).Allowed.ShouldBe(allowed, kind.ToString());
        }
    }

    [Fact]
    public void TheClose_SaysFromAndUntilWhichBangkokMidnight()
    {
        var verdict = DistrictWriteRule.Check(DistrictWrite.Of(DistrictWriteKind.Listings), At("2023-03-07T12:00:00+07:00"), MonthlyCycle.Default, false);

        verdict.Block.ShouldBe(DistrictWriteBlock.CompilationClose);
        verdict.From.ShouldBe(At("2023-03-06T00:00:00+07:00"));
        verdict.Until.ShouldBe(At("2023-03-10T00:00:00+07:00"));
    }

    [Theory]
    [InlineData("2023-03-07T23:59:59+07:00", true)]
    [InlineData("2023-03-08T00:00:00+07:00", false)]
    [InlineData("2023-03-11T23:59:59+07:00", false)]
    [InlineData("2023-03-12T00:00:00+07:00", true)]
    [InlineData("2023-03-07T00:00:00+07:00", true)]
    public void AFiscalYearsOwnDays_MoveTheClose(string instant, bool allowed) =>
        DistrictWriteRule.Check(DistrictWrite.Of(DistrictWriteKind.Registry), At(instant), new MonthlyCycle(5, 8, 12), false).Allowed
            .ShouldBe(allowed);

    [Fact]
    public void TheDepartment_WritesDuringTheClose_ButNotOverALock()
    {
        var during = At("2023-03-07T12:00:00+07:00");
        DistrictWriteRule.Check(DistrictWrite.Of(DistrictWriteKind.Registry), during, MonthlyCycle.Default, byDepartment: true).Allowed.ShouldBeTrue();
        DistrictWriteRule.Check(DistrictWrite.File(RevenueStatus.Approved), during, MonthlyCycle.Default, true).Block.ShouldBe(DistrictWriteBlock.FilesFrozen);
        DistrictWriteRule.Check(DistrictWrite.Estimate(sent: true), during, MonthlyCycle.Default, true).Block.ShouldBe(DistrictWriteBlock.EstimateSent);
    }

    [Theory]
    [InlineData(null, DistrictWriteBlock.None)]
    [InlineData(RevenueStatus.Draft, DistrictWriteBlock.None)]
    [InlineData(RevenueStatus.Returned, DistrictWriteBlock.None)]
    [InlineData(RevenueStatus.Certified, DistrictWriteBlock.FilesFrozen)]
    [InlineData(RevenueStatus.Confirmed, DistrictWriteBlock.FilesFrozen)]
    [InlineData(RevenueStatus.Approved, DistrictWriteBlock.FilesFrozen)]
    public void AMonthsFiles_AreFrozenFromItsCertification_UntilItIsReturnedOrUnlocked(RevenueStatus? status, DistrictWriteBlock expected) =>
        DistrictWriteRule.Check(DistrictWrite.File(status), At("2023-03-15T12:00:00+07:00"), MonthlyCycle.Default, false).Block.ShouldBe(expected);

    [Theory]
    [InlineData(false, "2023-03-15T12:00:00+07:00", DistrictWriteBlock.None)]
    [InlineData(true, "2023-03-15T12:00:00+07:00", DistrictWriteBlock.EstimateSent)]
    [InlineData(true, "2023-03-07T12:00:00+07:00", DistrictWriteBlock.EstimateSent)]
    [InlineData(false, "2023-03-07T12:00:00+07:00", DistrictWriteBlock.CompilationClose)]
    public void ASentEstimate_IsLockedWhateverTheDay(bool sent, string instant, DistrictWriteBlock expected) =>
        DistrictWriteRule.Check(DistrictWrite.Estimate(sent), At(instant), MonthlyCycle.Default, false).Block.ShouldBe(expected);

    [Theory]
    [InlineData("2023-03-06T00:00:00+07:00", "2023-02")]
    [InlineData("2022-10-06T00:00:00+07:00", "2022-09")]
    [InlineData("2023-01-07T00:00:00+07:00", "2022-12")]
    public void TheCloseOfAMonth_CompilesTheMonthBefore(string instant, string month) =>
        DistrictWriteRule.CompiledMonth(At(instant)).ShouldBe(Ym(month));

    [Theory]
    // FY 2564 round 1 ends 31 Mar 2021 (CE); the default cut-off is the end of that day, Bangkok.
    [InlineData("2021-01-15", "2021-01-20", null, true)]
    [InlineData("2021-03-31", "2021-03-31", null, true)]
    [InlineData("2020-01-01", "2023-05-10", null, false)]
    [InlineData("2021-01-15", "2021-04-01", null, false)]
    [InlineData("2021-04-01", "2021-03-20", null, false)]
    [InlineData("2021-01-15", "2021-04-15", "2021-04-15", true)]
    [InlineData("2021-01-15", "2021-04-16", "2021-04-15", false)]
    [InlineData("2021-04-01", "2021-04-01", "2021-04-15", false)]
    public void AListing_CountsForARound_WhenSinceByItsLastDayAndRecordedByItsCutOff(string since, string recorded, string? cutOff, bool counts) =>
        ListingRecording.CountsForRound(Date(since), Date(recorded), Date("2021-03-31"), cutOff is null ? null : Date(cutOff)).ShouldBe(counts);

    [Theory]
    [InlineData("2021-03-31T23:59:59.9999999+07:00", "2021-03-31")]
    [InlineData("2021-03-31T17:00:00Z", "2021-04-01")]
    [InlineData("2021-03-31T16:59:59Z", "2021-03-31")]
    public void TheRecordingDay_IsTheBangkokDay(string instant, string day) =>
        ListingRecording.RecordedOn(At(instant)).ShouldBe(Date(day));

    [Theory]
    [InlineData("2021-01-15", "2021-01-20", "2021-01-20")]
    [InlineData("2021-02-01", "2021-01-20", "2021-02-01")]
    public void AListingCountsFrom_TheLaterOfItsSinceAndItsRecording(string since, string recorded, string from) =>
        ListingRecording.CountsFrom(Date(since), Date(recorded)).ShouldBe(Date(from));

    [Theory]
    [InlineData("2023-02-09", "2023-05-10", false)]
    [InlineData("2023-02-08", "2023-05-10", true)]
    [InlineData("2020-01-01", "2023-05-10", true)]
    [InlineData("2023-05-10", "2023-05-10", false)]
    public void ASinceMoreThan90DaysBeforeItsRecording_IsFlagged(string since, string recorded, bool flagged) =>
        ListingRecording.IsBackdated(Date(since), Date(recorded)).ShouldBe(flagged);

    [Theory]
    [InlineData("2021-03-31", null)]
    [InlineData("2021-04-30", null)]
    [InlineData("2021-03-30", "ก่อน")]
    [InlineData("2022-04-02", "1 ปี")]
    public void ACutOff_IsNotBeforeTheRoundsLastDayNorAYearAfter(string cutOff, string? error)
    {
        var message = ListingRecording.CutOffError(Date(cutOff), Date("2021-03-31"));
        if (error is null) message.ShouldBeNull();
        else message.ShouldNotBeNull().ShouldContain(error);
    }
}
