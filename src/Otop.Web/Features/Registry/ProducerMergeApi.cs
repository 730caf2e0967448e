using Otop.Web.Platform.Http;

namespace Otop.Web.Features.Registry;

/// <summary><c>{"from":["27010002"],"versions":{"27010001":3,"27010002":1}}</c>: the producers merged into the one of the URL, and every record's version.</summary>
public sealed record MergeRequest(List<string?>? From, Dictionary<string, int>? Versions);

/// <summary>
/// <c>POST /api/v1/registry/entrepreneurs/{code}/merge</c> (issue 16, item 9): merges likely duplicates into the producer of
/// the URL, as the merge page does; 200 with what moved, 404 for a producer outside the caller's scope, 409 for a stale
/// version or two figures for one month, 422 for a bad request.
/// </summary>
public static class ProducerMergeApi
{
    public static void MapProducerMergeApi(this RouteGroupBuilder api) =>
        api.MapPost("/registry/entrepreneurs/{code}/merge", MergeAsync).WithTags("Registry").WithName("MergeEntrepreneurs");

    private static async Task<IResult> MergeAsync(string code, MergeRequest? body, ProducerMerging merging, CancellationToken ct)
    {
        if (body is null) return Problems.BadRequest("ส่ง JSON เช่น {\"from\":[\"27010002\"],\"versions\":{\"27010001\":3,\"27010002\":1}}");
        var (result, refusal) = await merging.MergeAsync(code, body.From ?? [], body.Versions, ct);
        return refusal is not null ? refusal.ToProblem() : TypedResults.Ok(result);
    }
}
