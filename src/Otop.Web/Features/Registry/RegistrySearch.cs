using Microsoft.EntityFrameworkCore;
using Otop.Domain;
using Otop.Web.Features.Circulars;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;

namespace Otop.Web.Features.Registry;

/// <summary>The filters of the registry search page, its export and the products API (three callers, one meaning).</summary>
public sealed class RegistryFilter
{
    public string? District { get; set; }
    public string? Subdistrict { get; set; }
    public string? Category { get; set; }
    public string? Type { get; set; }
    public string? RegisteredFrom { get; set; }
    public string? RegisteredTo { get; set; }
    /// <summary><c>yes</c>: with at least one online listing; <c>no</c>: without; anything else: both.</summary>
    public string? Online { get; set; }
    public string? Q { get; set; }

    public static int? Year(string? text) =>
        ThaiDigits.TryParseInt(text?.Trim(), out var y) && y is >= 2400 and <= 2700 ? y : null;

    /// <summary>Thai messages for filters that cannot mean anything, field → message.</summary>
    public Dictionary<string, string[]> Errors()
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(RegisteredFrom) && Year(RegisteredFrom) is null) errors["registeredFrom"] = ["ปีที่ลงทะเบียนตั้งแต่ ต้องเป็นปี พ.ศ. เช่น 2557"];
        if (!string.IsNullOrWhiteSpace(RegisteredTo) && Year(RegisteredTo) is null) errors["registeredTo"] = ["ปีที่ลงทะเบียนถึง ต้องเป็นปี พ.ศ. เช่น 2563"];
        if (!string.IsNullOrWhiteSpace(Category) && !OtopLabels.TryParseCategory(Category, out _)) errors["category"] = ["ไม่รู้จักประเภทผลิตภัณฑ์นี้"];
        if (!string.IsNullOrWhiteSpace(Type) && !OtopLabels.TryParseEntrepreneurType(Type, out _)) errors["type"] = ["ไม่รู้จักประเภทผู้ประกอบการนี้"];
        return errors;
    }

    /// <summary>The products the caller may see that match the filters.</summary>
    public IQueryable<Product> Apply(AppDbContext db, OrgScope scope)
    {
        var entrepreneurs = db.Entrepreneurs.AsNoTracking().VisibleTo(scope);
        var district = ThaiDigits.ToArabic(District?.Trim() ?? "");
        if (district.Length > 0) entrepreneurs = entrepreneurs.Where(e => e.DistrictCode == district);
        var subdistrict = ThaiDigits.ToArabic(Subdistrict?.Trim() ?? "");
        if (subdistrict.Length > 0) entrepreneurs = entrepreneurs.Where(e => e.SubdistrictCode == subdistrict);
        if (OtopLabels.TryParseEntrepreneurType(Type, out var type)) entrepreneurs = entrepreneurs.Where(e => e.Type == type);

        var products = entrepreneurs.SelectMany(e => e.Products);
        if (OtopLabels.TryParseCategory(Category, out var category)) products = products.Where(p => p.Category == category);
        if (Year(RegisteredFrom) is { } from) products = products.Where(p => p.RegisteredYear >= from);
        if (Year(RegisteredTo) is { } to) products = products.Where(p => p.RegisteredYear <= to);
        if (Online == "yes") products = products.Where(p => p.Listings.Any());
        if (Online == "no") products = products.Where(p => !p.Listings.Any());
        var q = Q?.Trim() ?? "";
        if (q.Length > 0)
        {
            // Names are compared by their search keys (ThaiSearch.Key, migration 024): "นํ้า" finds "น้ำ", spaces do not matter.
            var codeQ = ThaiDigits.ToArabic(q);
            var key = ThaiSearch.Key(q);
            products = products.Where(p => (key.Length > 0 && (p.SearchKey.Contains(key) || p.Entrepreneur.SearchKey.Contains(key)))
                || p.Code.StartsWith(codeQ) || p.Entrepreneur.Code.StartsWith(codeQ));
        }
        return products;
    }

    public static IQueryable<Product> InDisplayOrder(IQueryable<Product> products) =>
        products.OrderBy(p => p.Entrepreneur.DistrictCode).ThenBy(p => p.Entrepreneur.Code).ThenBy(p => p.Code);

    public Dictionary<string, string?> ToRouteValues() => new()
    {
        ["District"] = District, ["Subdistrict"] = Subdistrict, ["Category"] = Category, ["Type"] = Type,
        ["RegisteredFrom"] = RegisteredFrom, ["RegisteredTo"] = RegisteredTo, ["Online"] = Online, ["Q"] = Q,
    };
}

public sealed record ProductRow(string Code, string Name, ProductCategory Category, int RegisteredYear, RegistryStatus Status,
    string EntrepreneurCode, string EntrepreneurName, EntrepreneurType EntrepreneurType, string DistrictCode, int Listings);

public static class RegistryRows
{
    public static IQueryable<ProductRow> ToRows(this IQueryable<Product> products) =>
        products.Select(p => new ProductRow(p.Code, p.Name, p.Category, p.RegisteredYear, p.Status,
            p.Entrepreneur.Code, p.Entrepreneur.Name, p.Entrepreneur.Type, p.Entrepreneur.DistrictCode, p.Listings.Count));
}
