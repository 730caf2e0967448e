using System.Globalization;
using System.Text.Json;

namespace Otop.Domain;

/// <summary>
/// What an audit entry changed, in lines a Thai auditor reads instead of two JSON blobs: one line per changed field
/// ("ยอดรวม: 40,000.00 → 39,500.00"), and for a list of rows (a month's producers) one line per row added, removed or
/// changed, named by the row's code ("27010002: 40,000.00 → 39,500.00", "27010003: เพิ่ม 1,200.00",
/// "27010004: ลบ (เดิม 800.00)"). Money fields (amount, total, …) and decimals are shown with thousands separators and
/// two places; whole numbers such as years and versions as they are. Nothing is cut off.
/// </summary>
public static class AuditDiff
{
    // The fields that name a row of a list, in the order tried.
    private static readonly string[] RowKeys = ["entrepreneurCode", "entrepreneurId", "code", "districtCode", "unitCode", "userName", "round", "ordinal", "title", "channel", "id"];
    private static readonly HashSet<string> MoneyFields = new(StringComparer.OrdinalIgnoreCase) { "amount", "total", "revenue", "target" };

    /// <summary>
    /// The lines for <paramref name="oldJson"/> → <paramref name="newJson"/> (either may be null: created or deleted).
    /// <paramref name="label"/> names a field in Thai (the audit feature's table); <paramref name="value"/> may show a
    /// code value in Thai (a status); both default to the raw name or value.
    /// </summary>
    public static List<string> Lines(string? oldJson, string? newJson, Func<string, string>? label = null, Func<string, string, string?>? value = null)
    {
        label ??= static n => n;
        var lines = new List<string>();
        var before = Parse(oldJson);
        var after = Parse(newJson);
        Compare("", null, before, after, lines, label, value ?? ((_, _) => null));
        return lines;
    }

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonDocument.Parse(JsonSerializer.Serialize(json)).RootElement.Clone();
        }
    }

    private static void Compare(string prefix, string? field, JsonElement? before, JsonElement? after, List<string> lines,
        Func<string, string> label, Func<string, string, string?> value)
    {
        if (before is { ValueKind: JsonValueKind.Object } || after is { ValueKind: JsonValueKind.Object })
        {
            var b = Props(before);
            var a = Props(after);
            foreach (var name in b.Keys.Concat(a.Keys.Where(k => !b.ContainsKey(k))))
            {
                var inner = prefix + label(name);
                Compare(inner + " › ", name, b.TryGetValue(name, out var x) ? x : null, a.TryGetValue(name, out var y) ? y : null, lines, label, value);
            }

            return;
        }

        var title = prefix.EndsWith(" › ", StringComparison.Ordinal) ? prefix[..^3] : prefix;
        if (before is { ValueKind: JsonValueKind.Array } || after is { ValueKind: JsonValueKind.Array })
        {
            Rows(title, field, before, after, lines, label, value);
            return;
        }

        var oldText = before is { } o ? Show(field, o, value) : null;
        var newText = after is { } n ? Show(field, n, value) : null;
        if (oldText == newText) return;
        var head = title.Length > 0 ? title + ": " : "";
        lines.Add((oldText, newText) switch
        {
            (null, _) => head + newText,
            (_, null) => $"{head}ลบ (เดิม {oldText})",
            _ => $"{head}{oldText} → {newText}",
        });
    }

    private static void Rows(string title, string? field, JsonElement? before, JsonElement? after, List<string> lines,
        Func<string, string> label, Func<string, string, string?> value)
    {
        var b = Items(before);
        var a = Items(after);
        var key = RowKeys.FirstOrDefault(k => b.Concat(a).All(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(k, out _)));
        var head = title.Length > 0 ? title + " " : "";
        if (key is null)
        {
            // Plain values (or rows without a code): what was added and what was removed.
            var oldTexts = b.Select(e => Show(field, e, value)).ToList();
            var newTexts = a.Select(e => Show(field, e, value)).ToList();
            foreach (var removed in oldTexts.Where(t => !newTexts.Contains(t))) lines.Add($"{head}ลบ {removed}".TrimStart());
            foreach (var added in newTexts.Where(t => !oldTexts.Contains(t))) lines.Add((before is null ? $"{head}{added}" : $"{head}เพิ่ม {added}").TrimStart());
            return;
        }

        var oldRows = b.GroupBy(e => Id(e, key)).ToDictionary(g => g.Key, g => g.First());
        var newRows = a.GroupBy(e => Id(e, key)).ToDictionary(g => g.Key, g => g.First());
        foreach (var id in oldRows.Keys.Concat(newRows.Keys.Where(k => !oldRows.ContainsKey(k))))
        {
            var had = oldRows.TryGetValue(id, out var o);
            var has = newRows.TryGetValue(id, out var n);
            var oldText = had ? RowText(o, key, label, value) : null;
            var newText = has ? RowText(n, key, label, value) : null;
            if (oldText == newText) continue;
            lines.Add((had, has, before is null) switch
            {
                (false, _, true) => $"{id}: {newText}",
                (false, _, false) => $"{id}: เพิ่ม {newText}",
                (_, false, _) => $"{id}: ลบ (เดิม {oldText})",
                _ => $"{id}: {oldText} → {newText}",
            });
        }
    }

    private static string RowText(JsonElement row, string key, Func<string, string> label, Func<string, string, string?> value)
    {
        var rest = row.EnumerateObject().Where(p => p.Name != key).ToList();
        return rest.Count == 1
            ? Show(rest[0].Name, rest[0].Value, value)
            : string.Join(", ", rest.Select(p => $"{label(p.Name)} {Show(p.Name, p.Value, value)}"));
    }

    private static string Id(JsonElement row, string key) => Show(key, row.GetProperty(key), static (_, _) => null);

    private static Dictionary<string, JsonElement> Props(JsonElement? e) =>
        e is { ValueKind: JsonValueKind.Object } o ? o.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Value) : [];

    private static List<JsonElement> Items(JsonElement? e) => e is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().ToList() : [];

    private static string Show(string? field, JsonElement e, Func<string, string, string?> value) => e.ValueKind switch
    {
        JsonValueKind.String => (field is null ? null : value(field, e.GetString() ?? "")) ?? e.GetString() ?? "",
        JsonValueKind.Null => "—",
        JsonValueKind.True => "ใช่",
        JsonValueKind.False => "ไม่ใช่",
        JsonValueKind.Number => Number(field, e.GetRawText()),
        JsonValueKind.Array => string.Join(", ", e.EnumerateArray().Select(x => Show(field, x, value))),
        _ => e.GetRawText(),
    };

    private static string Number(string? field, string raw)
    {
        if (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return raw;
        var money = field is not null && MoneyFields.Contains(field);
        if (money) return ThaiDigits.FormatNumber(d, 2, thaiDigits: false);
        if (raw.Contains('.', StringComparison.Ordinal)) return d.ToString("#,##0.00##", CultureInfo.InvariantCulture);
        return raw;
    }
}
