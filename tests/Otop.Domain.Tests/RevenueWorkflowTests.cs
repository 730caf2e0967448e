namespace Otop.Domain.Tests;

public class RevenueWorkflowTests
{
    private const RevenueStatus Draft = RevenueStatus.Draft;
    private const RevenueStatus Certified = RevenueStatus.Certified;
    private const RevenueStatus Confirmed = RevenueStatus.Confirmed;
    private const RevenueStatus Returned = RevenueStatus.Returned;
    private const RevenueStatus Approved = RevenueStatus.Approved;

    // Every (status, action) pair: the expected status, or null when the transition is refused.
    public static TheoryData<RevenueStatus, RevenueAction, RevenueStatus?> AllPairs => new()
    {
        { Draft, RevenueAction.Edit, Draft },
        { Draft, RevenueAction.Certify, Certified },
        { Draft, RevenueAction.Confirm, null },
        { Draft, RevenueAction.Return, null },
        { Draft, RevenueAction.Approve, null },
        { Draft, RevenueAction.Unlock, null },

        { Certified, RevenueAction.Edit, null },
        { Certified, RevenueAction.Certify, null },
        { Certified, RevenueAction.Confirm, Confirmed },
        { Certified, RevenueAction.Return, Returned },
        { Certified, RevenueAction.Approve, null },
        { Certified, RevenueAction.Unlock, Draft },

        { Confirmed, RevenueAction.Edit, null },
        { Confirmed, RevenueAction.Certify, null },
        { Confirmed, RevenueAction.Confirm, null },
        { Confirmed, RevenueAction.Return, Returned },
        { Confirmed, RevenueAction.Approve, Approved },
        { Confirmed, RevenueAction.Unlock, Draft },

        { Returned, RevenueAction.Edit, Returned },
        { Returned, RevenueAction.Certify, Certified },
        { Returned, RevenueAction.Confirm, null },
        { Returned, RevenueAction.Return, null },
        { Returned, RevenueAction.Approve, null },
        { Returned, RevenueAction.Unlock, Draft },

        { Approved, RevenueAction.Edit, null },
        { Approved, RevenueAction.Certify, null },
        { Approved, RevenueAction.Confirm, null },
        { Approved, RevenueAction.Return, null },
        { Approved, RevenueAction.Approve, null },
        { Approved, RevenueAction.Unlock, Draft },
    };

    [Fact]
    public void AllPairs_CoversEveryStatusAndAction()
    {
        AllPairs.Count().ShouldBe(Enum.GetValues<RevenueStatus>().Length * Enum.GetValues<RevenueAction>().Length);
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Transition_IsAllowedOnlyWhereLetter2SaysSo(RevenueStatus from, RevenueAction action, RevenueStatus? expected)
    {
        RevenueWorkflow.CanApply(from, action).ShouldBe(expected is not null);

        if (expected is { } to)
        {
            RevenueWorkflow.Apply(from, action).ShouldBe(to);
        }
        else
        {
            var error = Should.Throw<InvalidOperationException>(() => RevenueWorkflow.Apply(from, action));
            error.Message.ShouldContain(RevenueWorkflow.ThaiName(from));
        }
    }

    [Fact]
    public void AReturnedMonth_IsCorrectedAndCertifiedAgain()
    {
        var status = Draft;

        foreach (var action in new[]
        {
            RevenueAction.Edit, RevenueAction.Certify, RevenueAction.Confirm, RevenueAction.Return,
            RevenueAction.Edit, RevenueAction.Certify, RevenueAction.Confirm, RevenueAction.Approve,
            RevenueAction.Unlock, RevenueAction.Edit, RevenueAction.Certify,
        })
        {
            status = RevenueWorkflow.Apply(status, action);
        }

        status.ShouldBe(Certified);
    }

    [Theory]
    [InlineData(RevenueStatus.Draft, "draft", "ร่าง")]
    [InlineData(RevenueStatus.Certified, "certified", "รับรองแล้ว")]
    [InlineData(RevenueStatus.Confirmed, "confirmed", "ยืนยันแล้ว")]
    [InlineData(RevenueStatus.Returned, "returned", "ส่งคืนแก้ไข")]
    [InlineData(RevenueStatus.Approved, "approved", "อนุมัติแล้ว")]
    public void StatusNames_MatchTheApiAndTheForms(RevenueStatus status, string api, string thai)
    {
        RevenueWorkflow.StatusName(status).ShouldBe(api);
        RevenueWorkflow.ThaiName(status).ShouldBe(thai);
        RevenueWorkflow.TryParseStatus(api, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("locked")]
    [InlineData("0")]
    public void TryParseStatus_RejectsUnknownNames(string? name)
    {
        RevenueWorkflow.TryParseStatus(name, out _).ShouldBeFalse();
    }

    // status, unlocked, window, may unlock
    [Theory]
    [InlineData(RevenueStatus.Draft, false, WindowState.Locked, true)]
    [InlineData(RevenueStatus.Draft, true, WindowState.Locked, false)]
    [InlineData(RevenueStatus.Draft, false, WindowState.Open, false)]
    [InlineData(RevenueStatus.Draft, false, WindowState.NotYetOpen, false)]
    [InlineData(RevenueStatus.Draft, false, WindowState.ClosedForCompilation, false)]
    [InlineData(RevenueStatus.Returned, false, WindowState.Locked, false)]
    [InlineData(RevenueStatus.Certified, false, WindowState.Locked, false)]
    [InlineData(RevenueStatus.Confirmed, false, WindowState.Locked, false)]
    [InlineData(RevenueStatus.Approved, false, WindowState.Locked, false)]
    public void CanUnlockLockedDraft_OnlyADraftLeftPastItsDeadline(RevenueStatus status, bool unlocked, WindowState window, bool expected)
    {
        RevenueWorkflow.CanUnlockLockedDraft(status, unlocked, window).ShouldBe(expected);
    }
}
