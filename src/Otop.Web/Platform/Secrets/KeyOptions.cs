using System.ComponentModel.DataAnnotations;

namespace Otop.Web.Platform.Secrets;

/// <summary>
/// <c>Keys__File</c>: the key file kept outside the database (docs/operations.md "Keys"). Empty means beside the SQLite
/// file (<c>otop.keys</c> next to <c>otop.db</c>); on PostgreSQL it must be set outside Development, to a file every node
/// shares.
/// </summary>
public sealed class KeyOptions : IConfiguredOptions, IValidatableObject
{
    public static string Section => "Keys";

    public string? File { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(File) && !Path.IsPathFullyQualified(File))
        {
            yield return new ValidationResult("must be an absolute file path", [nameof(File)]);
        }
    }
}
