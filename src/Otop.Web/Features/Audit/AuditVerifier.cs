using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Otop.Web.Platform;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Secrets;

namespace Otop.Web.Features.Audit;

/// <summary><c>Audit__VerifyCacheSeconds</c>: how long one verification of every chain is answered again (default 60; 0: never cached).</summary>
public sealed class AuditVerifyOptions : IConfiguredOptions
{
    public static string Section => "Audit";

    [Range(0, 86_400, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int VerifyCacheSeconds { get; set; } = 60;
}

/// <summary>
/// Who may verify the audit chains and how often it is computed (docs/hostile-input.md, "Limits and responses"):
/// the department sees every chain, a ProvinceOfficer its province's chains, nobody else (a verification reads every
/// entry of every chain: anyone signed in running it in a loop was a denial of service). One verification per node is
/// computed at a time and answered again for <c>Audit__VerifyCacheSeconds</c>; the answer's <c>checkedAt</c> says when
/// it was computed. A time-bounded cache rather than a remembered verified prefix, because what a verification computes
/// (keys, checkpoints, chains per district) belongs to <see cref="AuditChain"/>: this only wraps its result.
/// </summary>
public sealed class AuditVerifier(IOptions<AuditVerifyOptions> options, TimeProvider clock, KeyRing keys)
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private (DateTimeOffset At, List<ChainReport> Chains)? _last;

    public static bool MayVerify(CurrentUser me) => me.IsDepartmentAdmin || me.IsProvinceOfficer;

    /// <summary>A chain a caller may see: every one for the department, its province's for a province ("27", or "2701" per district).</summary>
    public static bool Sees(CurrentUser me, string chain) => me.IsDepartmentAdmin
        || (me.IsProvinceOfficer && me.Scope.ProvinceCode is { } p && chain.StartsWith(p, StringComparison.Ordinal) && chain.Length >= 2);

    /// <summary>The chains this caller may see with when they were verified; null when the caller may not verify.</summary>
    public async Task<(DateTimeOffset CheckedAt, List<ChainReport> Chains)?> VerifyAsync(CurrentUser me, AppDbContext db, CancellationToken ct)
    {
        if (!MayVerify(me)) return null;
        var (at, chains) = await AllAsync(db, ct);
        return (at, chains.Where(c => Sees(me, c.Chain)).ToList());
    }

    private async Task<(DateTimeOffset At, List<ChainReport> Chains)> AllAsync(AppDbContext db, CancellationToken ct)
    {
        var maxAge = TimeSpan.FromSeconds(options.Value.VerifyCacheSeconds);
        if (Fresh(maxAge) is { } cached) return cached;
        await _one.WaitAsync(ct);
        try
        {
            // Whoever waited behind a verification takes its answer.
            if (Fresh(maxAge) is { } again) return again;
            var chains = await AuditChain.VerifyAsync(db, keys, ct: ct);
            var result = (clock.GetUtcNow(), chains);
            if (maxAge > TimeSpan.Zero) _last = result;
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    private (DateTimeOffset At, List<ChainReport> Chains)? Fresh(TimeSpan maxAge) =>
        _last is { } last && maxAge > TimeSpan.Zero && clock.GetUtcNow() - last.At < maxAge ? last : null;
}
