namespace Otop.Domain;

/// <summary>
/// A unit a picker offers: its DOPA code ("0" the department, "27" a province, "2701" a district), its registry name
/// ("สระแก้ว") and the label the pages show ("จังหวัดสระแก้ว").
/// </summary>
public sealed record SearchableUnit(string Code, string Name, string Label)
{
    /// <summary>The province a district lies in (DOPA: its first two digits); a province or the department is its own group.</summary>
    public string GroupCode => Code.Length == 4 ? Code[..2] : Code;
}

/// <summary>What a typed unit resolved to: the unit, or a Thai message (nothing matched, or several did, with some of them).</summary>
public sealed record UnitResolution(SearchableUnit? Unit, string? Error, IReadOnlyList<SearchableUnit> Candidates, bool ByCode)
{
    public static UnitResolution Found(SearchableUnit unit, bool byCode) => new(unit, null, [], byCode);
}

/// <summary>
/// The unit picker's matching rule (issue 17 item 2: a unit picker with search). Officers type a code ("2701", "๒๗๐๑"),
/// a name or part of one in any of its spellings ("วังนํ้าเย็น" is "วังน้ำเย็น": <see cref="ThaiSearch.Key"/>), with or
/// without "จังหวัด"/"อำเภอ"/"จ."/"อ.". Only the units given (the caller's scope) are ever answered.
/// </summary>
public static class UnitSearch
{
    private static readonly string[] Prefixes = ["จังหวัด", "อำเภอ", "จ.", "อ."];
    private static readonly string[] PrefixKeys = Prefixes.Select(ThaiSearch.Key).ToArray();

    /// <summary>
    /// At most <paramref name="limit"/> units matching <paramref name="query"/>, the best ones (exact, then starting
    /// with it, then containing it; a district also when its province's name matches), shown in code order so that
    /// each province is followed by its districts. An empty query answers the first units in code order.
    /// </summary>
    public static IReadOnlyList<SearchableUnit> Find(IEnumerable<SearchableUnit> units, string? query, int limit)
    {
        var list = units as IReadOnlyList<SearchableUnit> ?? units.ToList();
        var q = Query.Of(query);
        IEnumerable<(SearchableUnit Unit, int Rank)> ranked;
        if (q.Empty) ranked = list.Select(u => (u, 0));
        else if (q.Code is { } code) ranked = list.Where(u => u.Code.StartsWith(code, StringComparison.Ordinal)).Select(u => (u, u.Code == code ? 0 : 1));
        else
        {
            var own = list.Select(u => (Unit: u, Rank: q.RankOf(u))).Where(x => x.Rank is not null).ToDictionary(x => x.Unit.Code, x => x.Rank!.Value);
            // Typing a province's name shows its districts too: the officer looking for a district may know only its province.
            ranked = list.Select(u => (u, own.TryGetValue(u.Code, out var r) ? r
                    : u.Code.Length == 4 && own.TryGetValue(u.GroupCode, out var p) && p <= 1 ? 3 : int.MaxValue))
                .Where(x => x.Item2 != int.MaxValue);
        }
        return ranked.OrderBy(x => x.Item2).ThenBy(x => x.Item1.Code, StringComparer.Ordinal).Take(Math.Max(limit, 0))
            .Select(x => x.Item1).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The one unit <paramref name="typed"/> names, for a form sent without the picker's script: a code (alone or before
    /// the name, as the picker fills the field), else the one name equal to it, else the one name containing it.
    /// Nothing or several: a Thai message naming the field, with up to five of the candidates.
    /// </summary>
    public static UnitResolution Resolve(IEnumerable<SearchableUnit> units, string? typed, string field = "หน่วยงาน")
    {
        var list = units as IReadOnlyList<SearchableUnit> ?? units.ToList();
        var q = Query.Of(typed);
        var shown = typed?.Trim() ?? "";
        if (q.Empty) return new(null, $"{field}: กรุณาพิมพ์รหัสหรือชื่อจังหวัด/อำเภอ", [], false);
        if (q.Code is { } code)
        {
            return list.FirstOrDefault(u => u.Code == code) is { } unit ? UnitResolution.Found(unit, true)
                : new(null, $"{field}: ไม่พบหน่วยงานรหัส {code} ในหน่วยงานที่ท่านดูได้", [], true);
        }
        var exact = list.Where(u => q.RankOf(u) == 0).ToList();
        var matches = exact.Count > 0 ? exact : list.Where(u => q.RankOf(u) is not null).ToList();
        return matches.Count switch
        {
            1 => UnitResolution.Found(matches[0], false),
            0 => new(null, $"{field}: ไม่พบ \"{shown}\" ในหน่วยงานที่ท่านดูได้ พิมพ์รหัส (เช่น 27 หรือ 2701) หรือชื่อจังหวัด/อำเภอ", [], false),
            var n => new(null, $"{field}: \"{shown}\" ตรงกับ {n} หน่วยงาน กรุณาเลือกหน่วยงานเดียวจากรายการ หรือพิมพ์รหัส",
                matches.OrderBy(u => u.Code, StringComparer.Ordinal).Take(5).ToList(), false),
        };
    }

    /// <summary>The code a typed unit starts with ("2701", "๒๗๐๑", "2701 อำเภอเมืองสระแก้ว"), or null when it is a name.</summary>
    public static string? CodeOf(string? typed)
    {
        var trimmed = ThaiDigits.ToArabic((typed ?? "").Trim());
        var digits = trimmed.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && (digits == trimmed.Length || char.IsWhiteSpace(trimmed[digits])) ? trimmed[..digits] : null;
    }

    /// <summary>A typed query: empty, a code (digits, alone or before a name), or a name's key with and without its prefix.</summary>
    private sealed record Query(bool Empty, string? Code, string Key, string Bare)
    {
        public static Query Of(string? text)
        {
            var trimmed = ThaiDigits.ToArabic((text ?? "").Trim());
            if (trimmed.Length == 0) return new(true, null, "", "");
            if (CodeOf(trimmed) is { } code) return new(false, code, "", "");
            var key = ThaiSearch.Key(trimmed);
            var bare = PrefixKeys.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal) && key.Length > p.Length) is { } prefix
                ? key[prefix.Length..] : key;
            return new(key.Length == 0, null, key, bare);
        }

        /// <summary>0 the name or label is the query, 1 starts with it, 2 contains it; null no match.</summary>
        public int? RankOf(SearchableUnit unit)
        {
            var name = ThaiSearch.Key(unit.Name);
            var label = ThaiSearch.Key(unit.Label);
            if (name == Bare || label == Key) return 0;
            if (name.StartsWith(Bare, StringComparison.Ordinal) || label.StartsWith(Key, StringComparison.Ordinal)) return 1;
            if (name.Contains(Bare, StringComparison.Ordinal) || label.Contains(Key, StringComparison.Ordinal)) return 2;
            return null;
        }
    }
}
