using Otop.Domain;
using Otop.Web.Features.Revenue;
using Otop.Web.Platform.Telemetry;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Compilation;

/// <summary>CONTRACT.md "National compilation": read a month's compilation (latest or <c>?compiledAt=</c>), compile again, what changed since.</summary>
public static class CompilationApi
{
    public static void MapCompilationApi(this RouteGroupBuilder api)
    {
        var compilations = api.MapGroup("/compilations").WithTags("Compilation");
        compilations.MapGet("/{month}", Get).WithName("GetCompilation");
        compilations.MapPost("/{month}", Compile).WithName("CompileMonth");
        compilations.MapGet("/{month}/changes", Changes).WithName("GetCompilationChanges");
    }

    private static async Task<IResult> Get(string month, string? compiledAt, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var (dto, refusal) = await CompilationQueries.ReadAsync(db, me, month, compiledAt, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(dto);
    }

    private static async Task<IResult> Changes(string month, string? compiledAt, CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        var (changes, refusal) = await CompilationQueries.ChangesAsync(db, me, month, compiledAt, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(changes);
    }

    /// <summary>The department compiles again on demand; the earlier compilations stay readable by their <c>compiledAt</c>.</summary>
    private static async Task<IResult> Compile(string month, CurrentUser me, AppDbContext db, TimeProvider clock, CompilationMetrics metrics, CancellationToken ct)
    {
        var (compilation, refusal) = await CompilationCommands.CompileOnDemandAsync(db, me, clock, metrics, month, ct);
        if (refusal is not null) return refusal.ToProblem();
        return TypedResults.Ok(await CompilationQueries.DtoAsync(db, me, compilation!, ct));
    }
}
