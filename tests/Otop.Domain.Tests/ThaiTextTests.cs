namespace Otop.Domain.Tests;

public class ThaiTextTests
{
    [Theory]
    [InlineData("กลุ่มทอผ้าบ้านหนองแวง", "ทอผ้าบ้านหนองแวง")]
    [InlineData("  กลุ่ม   ทอผ้า  บ้านหนองแวง ", "ทอผ้าบ้านหนองแวง")]
    [InlineData("วิสาหกิจชุมชนทอผ้าบ้านหนองแวง", "ทอผ้าบ้านหนองแวง")]
    [InlineData("กลุ่มวิสาหกิจชุมชนทอผ้าบ้านหนองแวง", "ทอผ้าบ้านหนองแวง")]
    [InlineData("กลุ่ม วิสาหกิจชุมชน ทอผ้าบ้านหนองแวง", "ทอผ้าบ้านหนองแวง")]
    [InlineData("ร้านป้าแดง", "ป้าแดง")]
    [InlineData("หจก. ป้าแดง", "ป้าแดง")]
    [InlineData("ห้างหุ้นส่วนจำกัด ป้าแดง", "ป้าแดง")]
    [InlineData("บริษัท สระแก้วฟู้ด", "สระแก้วฟู้ด")]
    [InlineData("บริษัทร้านป้าแดง", "ป้าแดง")]
    [InlineData("OTOP Sa Kaeo", "otopsakaeo")]
    [InlineData("ร้าน ABC ๑๒๓", "abc123")]
    [InlineData("ทอผ้า\u200Bบ้าน\u00A0หนองแวง", "ทอผ้าบ้านหนองแวง")]
    [InlineData("ผ้าไหมกลุ่มบ้านโนน", "ผ้าไหมกลุ่มบ้านโนน")]
    [InlineData("กลุ่ม", "กลุ่ม")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void NormalizeName_IgnoresSpacesPrefixesCaseAndDigitScript(string name, string expected)
    {
        ThaiText.NormalizeName(name).ShouldBe(expected);
    }

    [Theory]
    [InlineData("กลุ่มจักสานบ้านคลองหาด", "วิสาหกิจชุมชน จักสาน บ้านคลองหาด")]
    [InlineData("ร้าน ABC 123", "abc ๑๒๓")]
    public void NormalizeName_MakesDuplicatesEqual(string a, string b)
    {
        ThaiText.NormalizeName(a).ShouldBe(ThaiText.NormalizeName(b));
    }
}
