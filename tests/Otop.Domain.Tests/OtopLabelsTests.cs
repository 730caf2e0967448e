namespace Otop.Domain.Tests;

public class OtopLabelsTests
{
    [Theory]
    [InlineData(EntrepreneurType.Group, "group", "กลุ่มผู้ผลิตชุมชน")]
    [InlineData(EntrepreneurType.Single, "single", "ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว")]
    [InlineData(EntrepreneurType.Sme, "sme", "ผู้ผลิตชุมชนที่เป็น SMEs")]
    public void EntrepreneurType_HasACodeAndAThaiLabel(EntrepreneurType type, string code, string thai)
    {
        OtopLabels.Code(type).ShouldBe(code);
        OtopLabels.Thai(type).ShouldBe(thai);
    }

    [Theory]
    [InlineData("group", EntrepreneurType.Group)]
    [InlineData(" GROUP ", EntrepreneurType.Group)]
    [InlineData("Single", EntrepreneurType.Single)]
    [InlineData("SME", EntrepreneurType.Sme)]
    [InlineData("กลุ่มผู้ผลิตชุมชน", EntrepreneurType.Group)]
    [InlineData(" กลุ่มผู้ผลิตชุมชน", EntrepreneurType.Group)]
    [InlineData("ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว", EntrepreneurType.Single)]
    [InlineData("ผู้ผลิตชุมชนที่เป็น SMEs", EntrepreneurType.Sme)]
    [InlineData("ผู้ผลิตชุมชนที่เป็นSMEs", EntrepreneurType.Sme)]
    [InlineData("ผู้ผลิตที่เป็นวิสาหกิจขนาดกลางและขนาดย่อม", EntrepreneurType.Sme)]
    public void TryParseEntrepreneurType_AcceptsCodesAndThaiLabels(string input, EntrepreneurType expected)
    {
        OtopLabels.TryParseEntrepreneurType(input, out var type).ShouldBeTrue();

        type.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("groups")]
    [InlineData("กลุ่ม")]
    [InlineData("วิสาหกิจชุมชน")]
    public void TryParseEntrepreneurType_RejectsAnythingElse(string? input)
    {
        OtopLabels.TryParseEntrepreneurType(input, out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(ProductCategory.Food, 1, "food", "อาหาร")]
    [InlineData(ProductCategory.Beverage, 2, "beverage", "เครื่องดื่ม")]
    [InlineData(ProductCategory.Textile, 3, "textile", "ผ้า เครื่องแต่งกาย")]
    [InlineData(ProductCategory.Decorative, 4, "decorative", "ของใช้ ของตกแต่ง ของที่ระลึก")]
    [InlineData(ProductCategory.Herbal, 5, "herbal", "สมุนไพรที่ไม่ใช่อาหาร")]
    public void Category_HasTheDepartmentsNumberCodeAndThaiName(ProductCategory category, int number, string code, string thai)
    {
        ((int)category).ShouldBe(number);
        OtopLabels.Code(category).ShouldBe(code);
        OtopLabels.Thai(category).ShouldBe(thai);
    }

    [Theory]
    [InlineData("food", ProductCategory.Food)]
    [InlineData("FOOD", ProductCategory.Food)]
    [InlineData(" Beverage ", ProductCategory.Beverage)]
    [InlineData("textile", ProductCategory.Textile)]
    [InlineData("decorative", ProductCategory.Decorative)]
    [InlineData("herbal", ProductCategory.Herbal)]
    [InlineData("1", ProductCategory.Food)]
    [InlineData("2", ProductCategory.Beverage)]
    [InlineData("3", ProductCategory.Textile)]
    [InlineData("4", ProductCategory.Decorative)]
    [InlineData("5", ProductCategory.Herbal)]
    [InlineData("๔", ProductCategory.Decorative)]
    [InlineData("อาหาร", ProductCategory.Food)]
    [InlineData("เครื่องดื่ม", ProductCategory.Beverage)]
    [InlineData("ผ้า เครื่องแต่งกาย", ProductCategory.Textile)]
    [InlineData("ผ้าเครื่องแต่งกาย", ProductCategory.Textile)]
    [InlineData("ผ้าและเครื่องแต่งกาย", ProductCategory.Textile)]
    [InlineData("ของใช้ ของตกแต่ง ของที่ระลึก", ProductCategory.Decorative)]
    [InlineData("ของใช้ของตกแต่งของที่ระลึก", ProductCategory.Decorative)]
    [InlineData("ของใช้  ของตกแต่ง  ของที่ระลึก", ProductCategory.Decorative)]
    [InlineData("ของใช้ และของตกแต่ง และของที่ระลึก", ProductCategory.Decorative)]
    [InlineData("ของใช้และของประดับตกแต่ง", ProductCategory.Decorative)]
    [InlineData("ศิลปะประดิษฐ์และของที่ระลึก", ProductCategory.Decorative)]
    [InlineData("สมุนไพรที่ไม่ใช่อาหาร", ProductCategory.Herbal)]
    public void TryParseCategory_AcceptsCodesNumbersAndThaiVariants(string input, ProductCategory expected)
    {
        OtopLabels.TryParseCategory(input, out var category).ShouldBeTrue();

        category.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("10")]
    [InlineData("ผ้า")]
    [InlineData("สมุนไพร")]
    [InlineData("Food and drink")]
    public void TryParseCategory_RejectsAnythingElse(string? input)
    {
        OtopLabels.TryParseCategory(input, out _).ShouldBeFalse();
    }

    [Fact]
    public void EveryLabel_ParsesBackToItsValue()
    {
        foreach (var type in Enum.GetValues<EntrepreneurType>())
        {
            OtopLabels.TryParseEntrepreneurType(OtopLabels.Code(type), out var byCode).ShouldBeTrue();
            OtopLabels.TryParseEntrepreneurType(OtopLabels.Thai(type), out var byThai).ShouldBeTrue();
            byCode.ShouldBe(type);
            byThai.ShouldBe(type);
        }

        foreach (var category in Enum.GetValues<ProductCategory>())
        {
            OtopLabels.TryParseCategory(OtopLabels.Code(category), out var byCode).ShouldBeTrue();
            OtopLabels.TryParseCategory(OtopLabels.Thai(category), out var byThai).ShouldBeTrue();
            byCode.ShouldBe(category);
            byThai.ShouldBe(category);
        }
    }
}
