using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Foundation;

/// <summary>The "changes nothing" helper sees a change that leaves every row count as it was.</summary>
public sealed class DbSnapshotTests(EmptyApp app) : IClassFixture<EmptyApp>
{
    [Fact]
    public async Task AChangedValue_WithTheSameRowCounts_IsADifference()
    {
        var userName = await app.CreateUserAsync("Viewer", "27");
        var before = await DbSnapshot.OfAsync(app);

        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "ชื่อใหม่")));

        var differences = (await DbSnapshot.OfAsync(app)).DifferencesFrom(before);
        differences.Count.ShouldBe(2, string.Join("\n", differences));
        differences.ShouldContain(d => d.StartsWith("AspNetUsers: gone ", StringComparison.Ordinal) && d.Contains($"ผู้ทดสอบ {userName}"));
        differences.ShouldContain(d => d.StartsWith("AspNetUsers: new  ", StringComparison.Ordinal) && d.Contains("DisplayName=ชื่อใหม่"));
        // Shouldly's ThrowAsync lets its own assertion exception through, so catch it here.
        var refused = false;
        try
        {
            await app.ChangesNothingAsync(() =>
                app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "อีกชื่อ"))));
        }
        catch (ShouldAssertException e) when (e.Message.Contains("DisplayName=อีกชื่อ"))
        {
            refused = true;
        }
        refused.ShouldBeTrue("ChangesNothingAsync saw the changed name");
    }

    [Fact]
    public async Task NothingDone_IsNoDifference()
    {
        var before = await DbSnapshot.OfAsync(app);

        (await DbSnapshot.OfAsync(app)).DifferencesFrom(before).ShouldBeEmpty();
    }
}
