namespace Otop.Domain.Tests;

public class UnitSearchTests
{
    private static SearchableUnit Unit(string code, string name) => new(code, name, code.Length switch
    {
        1 => "ทั้งประเทศ",
        2 => "จังหวัด" + name,
        _ => "อำเภอ" + name,
    });

    // The department, Sa Kaeo with some districts, and two provinces that each have a เฉลิมพระเกียรติ (DOPA 3032, 3123).
    private static readonly SearchableUnit[] Nation =
    [
        Unit("0", "กรมการพัฒนาชุมชน"),
        Unit("27", "สระแก้ว"), Unit("2701", "เมืองสระแก้ว"), Unit("2702", "คลองหาด"), Unit("2704", "วังน้ำเย็น"), Unit("2709", "วังสมบูรณ์"),
        Unit("30", "นครราชสีมา"), Unit("3032", "เฉลิมพระเกียรติ"),
        Unit("31", "บุรีรัมย์"), Unit("3123", "เฉลิมพระเกียรติ"),
    ];

    private static string Codes(IEnumerable<SearchableUnit> units) => string.Join(" ", units.Select(u => u.Code));

    [Theory]
    [InlineData("วังน้ำเย็น", "2704")]
    [InlineData("วังนํ้าเย็น", "2704")]       // nikhahit + sara aa, as a PDF copy gives it
    [InlineData("วัง น้ำ เย็น", "2704")]      // spaces anywhere
    [InlineData("น้ำเย็น", "2704")]          // part of the name
    [InlineData("อำเภอวังน้ำเย็น", "2704")]   // with the label's prefix
    [InlineData("อ.วังน้ำเย็น", "2704")]      // ... or its short form
    [InlineData("จ.สระแก้ว", "27")]
    [InlineData("สระแก้ว", "27")]            // the province's own name wins over เมืองสระแก้ว, which contains it
    [InlineData("เมืองสระแก้ว", "2701")]
    [InlineData("2701", "2701")]
    [InlineData("๒๗๐๑", "2701")]             // Thai digits
    [InlineData(" 2701 อำเภอเมืองสระแก้ว ", "2701")] // the field as the picker fills it: the code decides
    [InlineData("0", "0")]
    [InlineData("ทั้งประเทศ", "0")]
    [InlineData("คลอง", "2702")]
    public void ATypedNameOrCode_ResolvesToTheOneUnitItNames(string typed, string code)
    {
        var resolution = UnitSearch.Resolve(Nation, typed);

        resolution.Error.ShouldBeNull();
        resolution.Unit!.Code.ShouldBe(code);
    }

    [Fact]
    public void ANameOfSeveralDistricts_AsksToChoose_NamingThemWithTheirCodes()
    {
        var resolution = UnitSearch.Resolve(Nation, "เฉลิมพระเกียรติ");

        resolution.Unit.ShouldBeNull();
        Codes(resolution.Candidates).ShouldBe("3032 3123");
        resolution.Error.ShouldBe("หน่วยงาน: \"เฉลิมพระเกียรติ\" ตรงกับ 2 หน่วยงาน กรุณาเลือกหน่วยงานเดียวจากรายการ หรือพิมพ์รหัส");
    }

    [Fact]
    public void APartOfSeveralNames_AsksToChoose()
    {
        var resolution = UnitSearch.Resolve(Nation, "วัง");

        resolution.Unit.ShouldBeNull();
        Codes(resolution.Candidates).ShouldBe("2704 2709");
    }

    [Theory]
    [InlineData("เชียงใหม่", "หน่วยงาน: ไม่พบ \"เชียงใหม่\" ในหน่วยงานที่ท่านดูได้ พิมพ์รหัส (เช่น 27 หรือ 2701) หรือชื่อจังหวัด/อำเภอ", false)]
    [InlineData("5002", "หน่วยงาน: ไม่พบหน่วยงานรหัส 5002 ในหน่วยงานที่ท่านดูได้", true)]
    [InlineData("  ", "หน่วยงาน: กรุณาพิมพ์รหัสหรือชื่อจังหวัด/อำเภอ", false)]
    public void NothingMatching_SaysSoInThaiNamingTheField(string typed, string message, bool byCode)
    {
        var resolution = UnitSearch.Resolve(Nation, typed);

        resolution.Unit.ShouldBeNull();
        resolution.Error.ShouldBe(message);
        resolution.ByCode.ShouldBe(byCode);
    }

    [Theory]
    [InlineData("2801")]          // another province's district, by code
    [InlineData("เฉลิมพระเกียรติ")] // a name only other provinces have
    [InlineData("30")]
    public void AUnitOutsideTheGivenScope_IsNeverFound(string typed)
    {
        var saKaeo = Nation.Where(u => u.GroupCode == "27").ToList();

        UnitSearch.Resolve(saKaeo, typed).Unit.ShouldBeNull();
        UnitSearch.Find(saKaeo, typed, 20).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("สระแก้ว", "27 2701 2702 2704 2709")] // a province's name brings its districts, grouped after it
    [InlineData("27", "27 2701 2702 2704 2709")]      // a code's prefix
    [InlineData("๒๗๐", "2701 2702 2704 2709")]
    [InlineData("นํ้า", "2704")]
    [InlineData("เฉลิม", "3032 3123")]
    [InlineData("นครราชสีมา", "30 3032")]
    [InlineData("ไม่มีชื่อนี้", "")]
    public void Find_AnswersTheMatchesInCodeOrder_EachProvinceBeforeItsDistricts(string query, string codes) =>
        Codes(UnitSearch.Find(Nation, query, 20)).ShouldBe(codes);

    [Fact]
    public void Find_KeepsTheBestMatchesWhenThereAreMoreThanTheLimit()
    {
        // "สระแก้ว" is the province's name (exact), part of เมืองสระแก้ว (contains), and the province of the others.
        Codes(UnitSearch.Find(Nation, "สระแก้ว", 2)).ShouldBe("27 2701");
    }

    [Fact]
    public void Find_WithoutAQuery_AnswersTheFirstUnitsInCodeOrder() =>
        Codes(UnitSearch.Find(Nation, "", 3)).ShouldBe("0 27 2701");
}
