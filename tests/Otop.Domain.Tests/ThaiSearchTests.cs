namespace Otop.Domain.Tests;

public class ThaiSearchTests
{
    [Theory]
    [InlineData("น้ำพริก", "น\u0E4D\u0E49\u0E32พริก")] // sara am, and nikhahit + tone + sara aa as PDF copies give it
    [InlineData("น้ำพริก", "น\u0E49\u0E4D\u0E32พริก")] // tone before nikhahit
    [InlineData("กี่", "ก่ี")]                         // tone typed before the vowel above
    [InlineData("ผ้าไหม", "ผ้้าไหม")]                  // a tone typed twice
    [InlineData("ผ้าไหม", "  ผ้า ไหม ")]               // spaces anywhere
    [InlineData("ผ้าไหม", "ผ้า\u200Bไหม")]             // zero-width space from a Thai word processor
    [InlineData("ผ้าไหม", "\uFEFFผ้า\u200Dไหม\u200E")] // BOM, joiner, direction mark
    [InlineData("ชุด 2", "ชุด ๒")]                     // Thai digits
    [InlineData("OTOP Sakaeo", "otop sakaeo")]         // Latin capitals
    public void TwoSpellingsOfTheSameName_HaveTheSameKey(string a, string b) =>
        ThaiSearch.Key(a).ShouldBe(ThaiSearch.Key(b));

    [Theory]
    [InlineData("น้ำ", "น่ำ")]     // another tone is another word
    [InlineData("กี่", "ก่")]      // a missing vowel too
    [InlineData("ผ้าไหม", "ผาไหม")]
    public void DifferentWords_KeepDifferentKeys(string a, string b) =>
        ThaiSearch.Key(a).ShouldNotBe(ThaiSearch.Key(b));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void EmptyAndBrokenText_GiveAKeyWithoutThrowing(string? text, string key) =>
        ThaiSearch.Key(text).ShouldBe(key);

    [Fact]
    public void AKeyIsAlreadyItsOwnKey() =>
        ThaiSearch.Key(ThaiSearch.Key("นํ้าผึ้ง ป่า")).ShouldBe(ThaiSearch.Key("นํ้าผึ้ง ป่า"));
}

public class ListingActivityTests
{
    private static readonly DateOnly First = new(2020, 10, 1), Last = new(2021, 3, 31);

    [Theory]
    [InlineData("2021-01-15", null, "2021-01-15", null, true)]           // open, listed inside the round
    [InlineData("2019-05-01", null, "2019-05-01", null, true)]           // open, listed before the round
    [InlineData("2021-04-01", null, "2021-04-01", null, false)]          // listed after the round's last day
    [InlineData("2019-05-01", "2020-09-30", "2019-05-01", null, false)]  // ended the day before the round began
    [InlineData("2019-05-01", "2020-10-01", "2019-05-01", null, true)]   // ended on its first day: it was sold in the round
    [InlineData("2020-11-01", "2020-12-31", "2020-11-01", null, true)]   // sold for two months inside the round
    [InlineData("2021-01-15", null, "2021-04-01", null, false)]          // recorded after the cut-off
    [InlineData("2021-01-15", null, "2021-04-01", "2021-04-30", true)]   // ... which a later cut-off allows
    [InlineData("2021-01-15", "2020-12-01", "2021-01-15", null, false)]  // an end before the since (refused on input) counts nothing
    public void ARoundCountsTheListingsActiveInIt(string since, string? ended, string recorded, string? cutOff, bool counts) =>
        ListingActivity.ActiveInRound(DateOnly.Parse(since), ended is null ? null : DateOnly.Parse(ended), DateOnly.Parse(recorded),
            First, Last, cutOff is null ? null : DateOnly.Parse(cutOff)).ShouldBe(counts);

    [Theory]
    [InlineData("2021-01-15", "2021-01-14", true)]
    [InlineData("2021-01-15", "2021-01-15", false)]
    [InlineData("2021-01-15", "2022-01-15", false)]
    public void AnEndBeforeTheSince_IsRefusedInThai(string since, string ended, bool refused) =>
        (ListingActivity.EndError(DateOnly.Parse(since), DateOnly.Parse(ended)) is not null).ShouldBe(refused);
}

public class ListingSpanTests
{
    private static (DateOnly, DateOnly, DateOnly?) L(string since, string? ended = null, string? recorded = null) =>
        (DateOnly.Parse(since), DateOnly.Parse(recorded ?? since), ended is null ? null : DateOnly.Parse(ended));

    [Fact]
    public void NoListing_IsNeverOnline() => ListingActivity.Span([]).ShouldBe(new ListingSpan(null, null, false));

    [Fact]
    public void OpenListings_KeepTheirEarliestDayAndNoEnd() =>
        ListingActivity.Span([L("2021-02-01"), L("2020-11-05")]).ShouldBe(new ListingSpan(new(2020, 11, 5), null, false));

    [Fact]
    public void AChannelLeftForAnother_IsOneSpanUntilTheOpenOne() =>
        ListingActivity.Span([L("2019-05-01", "2020-12-31"), L("2020-11-01")]).ShouldBe(new ListingSpan(new(2019, 5, 1), null, false));

    [Fact]
    public void ListingsEndingInConsecutiveRounds_AreNotAGap() =>
        ListingActivity.Span([L("2019-05-01", "2021-03-31"), L("2021-04-01", "2021-09-30")])
            .ShouldBe(new ListingSpan(new(2019, 5, 1), new(2021, 9, 30), false));

    [Fact]
    public void AWholeRoundWithoutAListing_IsAGap() =>
        ListingActivity.Span([L("2019-05-01", "2020-09-30"), L("2021-04-01")]).Gapped.ShouldBeTrue();

    [Fact]
    public void AListingRecordedAfterTheRoundItEndedIn_CountsNowhere() =>
        ListingActivity.Span([L("2020-01-01", "2020-02-01", recorded: "2020-06-01")]).ShouldBe(new ListingSpan(null, null, false));

    [Theory]
    [InlineData("2020-10-01", "2021-03-31", true)]
    [InlineData("2021-04-01", "2021-09-30", true)]
    [InlineData("2021-10-01", "2022-03-31", false)]
    [InlineData("2020-04-01", "2020-09-30", false)]
    public void TheSpan_CountsExactlyTheRoundsOneListingIsActiveIn(string first, string last, bool counts)
    {
        var listings = new[] { L("2020-11-01", "2021-01-31"), L("2021-01-15", "2021-06-30", recorded: "2021-05-01") };
        var span = ListingActivity.Span(listings);
        var (f, l) = (DateOnly.Parse(first), DateOnly.Parse(last));
        var byRule = listings.Any(x => ListingActivity.ActiveInRound(x.Item1, x.Item3, x.Item2, f, l, null));
        var bySpan = span.FirstListedOn <= l && (span.ListedUntil is null || span.ListedUntil >= f);
        (byRule, bySpan, span.Gapped).ShouldBe((counts, counts, false));
    }
}
