using System.Collections;

namespace Otop.Web.Platform.Forms;

/// <summary>One error of a posted form: its Thai message and, when it belongs to an input, that input's id (the error
/// summary links to <c>#FieldId</c>; the input gets <c>aria-invalid</c> and <c>aria-describedby</c> = <see cref="MessageId"/>).</summary>
public sealed record FieldError(string? FieldId, string Message)
{
    /// <summary>The id of the message shown beside the input, which the input's <c>aria-describedby</c> names.</summary>
    public string? MessageId => FieldId is null ? null : FieldId + "-error";
}

/// <summary>
/// The errors a page shows in its error summary (Features/Shared/_ErrorSummary.cshtml), in the order they were found.
/// A message without a field (a lock, a busy server) is listed without a link.
/// </summary>
public sealed class FormErrors : IReadOnlyList<FieldError>
{
    private readonly List<FieldError> items = [];

    public int Count => items.Count;
    public FieldError this[int index] => items[index];

    public void Add(string message) => items.Add(new FieldError(null, message));
    public void Add(string? fieldId, string message) => items.Add(new FieldError(fieldId, message));
    public void AddRange(IEnumerable<string> messages) => items.AddRange(messages.Select(m => new FieldError(null, m)));
    public void Clear() => items.Clear();

    /// <summary>The message (several joined) of one input, or null when it has none.</summary>
    public string? For(string fieldId)
    {
        var messages = items.Where(e => e.FieldId == fieldId).Select(e => e.Message).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>"true" for an input in error, otherwise null (Razor then leaves the attribute out): its aria-invalid.</summary>
    public string? AriaInvalid(string fieldId) => For(fieldId) is null ? null : "true";

    /// <summary>The id of an input's message when it has one: its aria-describedby.</summary>
    public string? DescribedBy(string fieldId) => For(fieldId) is null ? null : fieldId + "-error";

    /// <summary>A page's errors keyed by field name ("" for the form) with the ids of the fields' inputs.</summary>
    public static FormErrors From(IEnumerable<KeyValuePair<string, string>> errors, IReadOnlyDictionary<string, string> fieldIds)
    {
        var result = new FormErrors();
        foreach (var (field, message) in errors) result.Add(fieldIds.GetValueOrDefault(field), message);
        return result;
    }

    public IEnumerable<string> Messages => items.Select(e => e.Message);

    public IEnumerator<FieldError> GetEnumerator() => items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>What the error summary partial renders: the errors and the sentence above them.</summary>
/// <param name="TitleTestId">A data-testid for the title, for a page whose earlier single alert tests already name.</param>
public sealed record ErrorSummary(IReadOnlyList<FieldError> Errors, string? Title = null, string? TitleTestId = null)
{
    public const string DefaultTitle = "ยังบันทึกไม่ได้ กรุณาแก้ไขรายการต่อไปนี้";
}
