using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Otop.Domain;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Circulars;

/// <summary><c>/api/v1/circulars</c>: letters, their enclosures and tasks, and what a unit must send (decision 007).</summary>
public static class CircularsApi
{
    public sealed record CircularSummary(int Id, string Number, string IssuedOn, string Subject, string Issuer, string Status, int Version, List<string> Recipients);
    public sealed record EnclosureDto(int Ordinal, string Title, string FileName, string ContentType, int Size, string Url);
    public sealed record AssignmentDto(int Id, string UnitCode, bool Sent, DateTimeOffset? SentAt, bool Late, string? Note, string? FileName);
    public sealed record TaskDto(int Id, int Ordinal, string Title, string DueDate, string Kind, int? FiscalYear, int? Round, List<AssignmentDto> Assignments);
    public sealed record CircularDto(int Id, string Number, string IssuedOn, string Subject, string Body, string Issuer, string Status, int Version,
        List<string> Recipients, List<EnclosureDto> Enclosures, List<TaskDto> Tasks);
    public sealed record MyTaskDto(int AssignmentId, int CircularId, string Number, string Title, string DueDate, string Kind, bool Sent, DateTimeOffset? SentAt, bool Late);
    public sealed record VersionBody(int Version);
    public sealed record SubmitBody(string? Note);

    public static void MapCircularsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/circulars").WithTags("Circulars");
        g.MapGet("", List);
        g.MapGet("/{id:int}", Get);
        g.MapPost("", Create);
        g.MapPost("/{id:int}/publish", Publish);
        g.MapGet("/tasks", MyTasks);
        g.MapPost("/tasks/{assignmentId:int}/submit", Submit);
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Ok<List<CircularSummary>>> List(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var rows = await db.Circulars.AsNoTracking().VisibleTo(me.Scope).OrderByDescending(c => c.IssuedOn).ThenByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Number, c.IssuedOn, c.Subject, c.IssuerCode, c.Status, c.Version, Recipients = c.Recipients.Select(r => r.UnitCode).ToList() })
            .Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(c => new CircularSummary(c.Id, c.Number, Iso(c.IssuedOn), c.Subject, c.IssuerCode,
            c.Status == CircularStatus.Published ? "published" : "draft", c.Version, c.Recipients.Order(StringComparer.Ordinal).ToList())).ToList());
    }

    private static async Task<Results<Ok<CircularDto>, ProblemHttpResult>> Get(int id, AppDbContext db, CurrentUser me, HttpContext http, CancellationToken ct)
    {
        var c = await db.Circulars.AsNoTracking().VisibleTo(me.Scope).Include(x => x.Recipients).Include(x => x.Tasks).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Problems.NotFound("ไม่พบหนังสือนี้");
        var origin = http.RequestServices.GetRequiredService<PublicAddress>().Base;
        var enclosures = await db.CircularEnclosures.AsNoTracking().Where(e => e.CircularId == id).OrderBy(e => e.Ordinal)
            .Select(e => new { e.Ordinal, e.Title, e.FileName, e.ContentType, e.Size, e.Token }).ToListAsync(ct);
        var states = await CircularRules.StatesAsync(db, db.TaskAssignments.VisibleTo(me.Scope).Where(a => a.Task.CircularId == id), ct);
        return TypedResults.Ok(new CircularDto(c.Id, c.Number, Iso(c.IssuedOn), c.Subject, c.Body, c.IssuerCode,
            c.Status == CircularStatus.Published ? "published" : "draft", c.Version,
            c.Recipients.Select(r => r.UnitCode).Order(StringComparer.Ordinal).ToList(),
            enclosures.Select(e => new EnclosureDto(e.Ordinal, e.Title, e.FileName, e.ContentType, e.Size, origin + CircularsSetup.EnclosurePath(e.Token))).ToList(),
            c.Tasks.OrderBy(t => t.Ordinal).Select(t => new TaskDto(t.Id, t.Ordinal, t.Title, Iso(t.DueDate), t.Kind.ToString(), t.FiscalYear, t.Round,
                states.Where(s => s.TaskId == t.Id).OrderBy(s => s.UnitCode, StringComparer.Ordinal)
                    .Select(s => new AssignmentDto(s.AssignmentId, s.UnitCode, s.Sent, s.SentAt, s.Late, s.Note, s.FileName)).ToList())).ToList()));
    }

    private static async Task<IResult> Create(CircularInput? input, AppDbContext db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        if (input is null) return Problems.BadRequest("ไม่พบข้อมูลหนังสือในคำขอ");
        var (circular, refusal) = await CircularCommands.SaveDraftAsync(db, me, clock, null, 0, input, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Created($"/api/v1/circulars/{circular!.Id}", new { id = circular.Id, version = circular.Version });
    }

    private static async Task<IResult> Publish(int id, VersionBody? body, AppDbContext db, CurrentUser me, TimeProvider clock, CancellationToken ct)
    {
        if (body is null) return Problems.BadRequest("กรุณาส่ง version ของหนังสือ");
        var (circular, refusal) = await CircularCommands.PublishAsync(db, me, clock, id, body.Version, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(new { id, version = circular!.Version, status = "published" });
    }

    private static async Task<Ok<List<MyTaskDto>>> MyTasks(AppDbContext db, CurrentUser me, CancellationToken ct)
    {
        var unit = me.Scope.Code;
        var mine = db.TaskAssignments.VisibleTo(me.Scope).Where(a => a.UnitCode == unit && a.Task.Circular.Status == CircularStatus.Published);
        var states = (await CircularRules.StatesAsync(db, mine, ct)).ToDictionary(s => s.AssignmentId);
        var rows = await mine.AsNoTracking().OrderBy(a => a.Task.DueDate).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Task.CircularId, a.Task.Circular.Number, a.Task.Title, a.Task.DueDate, a.Task.Kind }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new MyTaskDto(r.Id, r.CircularId, r.Number, r.Title, Iso(r.DueDate), r.Kind.ToString(),
            states[r.Id].Sent, states[r.Id].SentAt, states[r.Id].Late)).ToList());
    }

    private static async Task<IResult> Submit(int assignmentId, SubmitBody? body, AppDbContext db, CurrentUser me, TimeProvider clock,
        IOptions<CircularOptions> options, CancellationToken ct)
    {
        var refusal = await CircularCommands.SubmitAsync(db, me, clock, assignmentId, body?.Note, null, options.Value.MaxFileBytes, ct);
        if (refusal is not null) return refusal.ToProblem();
        var state = (await CircularRules.StatesAsync(db, db.TaskAssignments.VisibleTo(me.Scope).Where(a => a.Id == assignmentId), ct)).Single();
        return TypedResults.Ok(new AssignmentDto(state.AssignmentId, state.UnitCode, state.Sent, state.SentAt, state.Late, state.Note, state.FileName));
    }
}
