using Microsoft.AspNetCore.Http.HttpResults;
namespace Otop.Web.Platform.Http;

/// <summary>
/// An expected refusal (STYLE.md: expected failures are values): the HTTP status, the Thai detail, field errors keyed as
/// CONTRACT.md "Conventions" has them (<c>entries[3].amount</c>) and extensions such as <c>currentVersion</c> or
/// <c>until</c>. A call that can be refused answers <c>(T? Value, Refusal? Refusal)</c>, or <c>Refusal?</c> when it has no
/// value. The API answers it with <see cref="ToProblem"/>, a page shows <see cref="Message"/> on the same form: the two
/// translations live only here.
/// </summary>
public sealed record Refusal(int Status, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null,
    IReadOnlyDictionary<string, object?>? Extensions = null)
{
    /// <summary>422 naming the fields, as <see cref="Problems.Invalid(IDictionary{string, string[]}, string)"/> answers it.</summary>
    public static Refusal Invalid(IReadOnlyDictionary<string, string[]> errors, string detail = Problems.InvalidDetail) =>
        new(422, detail, errors);

    public static Refusal Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>RFC 9457 problem+json: field errors make a 422 validation problem; otherwise the status, detail and extensions.</summary>
    public ProblemHttpResult ToProblem() => Errors is not null
        ? Problems.Invalid(new Dictionary<string, string[]>(Errors), Detail)
        : TypedResults.Problem(detail: Detail, statusCode: Status, title: Problems.TitleFor(Status),
            extensions: Extensions is null ? null : new Dictionary<string, object?>(Extensions));

    /// <summary>The Thai line a page shows: the detail, then every field's message.</summary>
    public string Message => Errors is null ? Detail : Detail + " " + string.Join(" ", Errors.SelectMany(e => e.Value));
}
