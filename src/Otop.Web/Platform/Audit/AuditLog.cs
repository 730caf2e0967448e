using System.Text.Json;
using System.Text.Json.Serialization;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Platform.Audit;

/// <summary>
/// Records a change in the same unit of work as the change itself, so an audit entry exists exactly when the change was
/// saved. Old and new values are JSON snapshots of whatever the feature considers the record's state.
/// </summary>
public static class AuditLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The audit is read by DepartmentAdmins (everything) and ProvinceOfficers (their province), page and API alike.</summary>
    public static bool MayRead(CurrentUser me) => me.IsDepartmentAdmin || me.IsProvinceOfficer;

    /// <param name="entity">what kind of record: <c>revenue</c>, <c>entrepreneur</c>, <c>product</c>, <c>indicator</c>, <c>user</c>…</param>
    /// <param name="key">the record's public key, e.g. <c>2701/2023-01</c> for a district month</param>
    public static AuditEntry Record(AppDbContext db, CurrentUser by, TimeProvider clock, string entity, string key, string action,
        object? oldValue = null, object? newValue = null, string? reason = null, string? provinceCode = null)
    {
        var entry = New(by, clock, entity, key, action, oldValue, newValue, reason, provinceCode);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// The entry <see cref="Record"/> adds, not yet added: for a writer that appends it itself, in the same transaction as
    /// the change (the month-end save on PostgreSQL, <see cref="AuditChain.AppendOnPostgres"/>).
    /// </summary>
    public static AuditEntry New(CurrentUser by, TimeProvider clock, string entity, string key, string action,
        object? oldValue = null, object? newValue = null, string? reason = null, string? provinceCode = null) => new()
    {
        At = clock.GetUtcNow(),
        UserName = by.UserName.Length > 0 ? by.UserName : "system",
        Entity = entity,
        Key = key,
        Action = action,
        OldValue = ToJson(oldValue),
        NewValue = ToJson(newValue),
        Reason = reason,
        ProvinceCode = provinceCode,
        Chain = AuditChain.ChainOf(provinceCode, by),
    };

    /// <summary>A value as the audit stores it (camelCase JSON, nulls left out).</summary>
    public static string? ToJson(object? value) => value is null ? null : JsonSerializer.Serialize(value, Json);
}
