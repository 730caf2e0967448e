using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.Registry;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// A merge of duplicate producers (issue 16, item 9) moves their readiness-survey answers to the kept producer. A survey
/// holds one answer per producer: where the kept one has answered too, its answer stays and the duplicate's is dropped
/// (shown before the merge): the survey then counts the real producer once, which is what the merge is for.
/// </summary>
public sealed class ReadinessProducerMerge : IProducerMergeStep
{
    public async Task<MergeStepPlan> PlanAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct)
    {
        var (moving, dropped) = await SplitAsync(db, ids, ct);
        var moves = new List<MergeMove> { new("คำตอบแบบสำรวจความพร้อม", moving.Count) };
        if (dropped.Count > 0) moves.Add(new MergeMove("คำตอบแบบสำรวจซ้ำที่ไม่นำมารวม (ใช้คำตอบของรายที่เก็บไว้)", dropped.Count));
        return new MergeStepPlan(moves, []);
    }

    public async Task MoveAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct)
    {
        var (moving, dropped) = await SplitAsync(db, ids, ct);
        var surveys = moving.Concat(dropped).Select(a => a.ReadinessSurveyId).Distinct().ToList();
        var dropIds = dropped.Select(a => a.Id).ToList();
        var moveIds = moving.Select(a => a.Id).ToList();
        await db.ReadinessAnswers.Where(a => dropIds.Contains(a.Id)).ExecuteDeleteAsync(ct);
        await db.ReadinessAnswers.Where(a => moveIds.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.EntrepreneurId, ids.KeepId), ct);
        // An open survey page saved on the old version would write the duplicate's answer back.
        await db.ReadinessSurveys.Where(s => surveys.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
    }

    /// <summary>The duplicates' answers that move, and those dropped: the kept producer, or an earlier duplicate, answered that survey.</summary>
    private static async Task<(List<ReadinessAnswer> Moving, List<ReadinessAnswer> Dropped)> SplitAsync(AppDbContext db, ProducerMergeIds ids, CancellationToken ct)
    {
        var all = ids.FromIds.Append(ids.KeepId).ToList();
        var answers = await db.ReadinessAnswers.AsNoTracking().Where(a => all.Contains(a.EntrepreneurId)).ToListAsync(ct);
        var (moving, dropped) = (new List<ReadinessAnswer>(), new List<ReadinessAnswer>());
        foreach (var survey in answers.GroupBy(a => a.ReadinessSurveyId))
        {
            var taken = survey.Any(a => a.EntrepreneurId == ids.KeepId);
            foreach (var a in survey.Where(a => a.EntrepreneurId != ids.KeepId).OrderBy(a => ids.FromIds.ToList().IndexOf(a.EntrepreneurId)))
            {
                (taken ? dropped : moving).Add(a);
                taken = true;
            }
        }
        return (moving, dropped);
    }
}
