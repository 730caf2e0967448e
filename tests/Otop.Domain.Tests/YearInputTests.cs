namespace Otop.Domain.Tests;

public class YearInputTests
{
    [Theory]
    [InlineData("2566", 2566)]
    [InlineData(" 2566 ", 2566)]
    [InlineData("2023", 2566)]
    [InlineData("1857", 2400)]
    [InlineData("2157", 2700)]
    [InlineData("๒๕๖๖", 2566)]
    [InlineData("๒๐๒๓", 2566)]
    [InlineData("พ.ศ. 2566", 2566)]
    [InlineData("พ.ศ.๒๕๖๖", 2566)]
    [InlineData("ค.ศ. 2023", 2566)]
    [InlineData("2400", 2400)]
    [InlineData("2700", 2700)]
    public void Parse_ReadsBuddhistCommonEraAndThaiDigitYears_AsTheBuddhistYear(string text, int expected)
    {
        YearInput.Parse(text, out var error).ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_AnEmptyField_IsNotGiven_WithoutAnError(string? text)
    {
        YearInput.Parse(text, out var error).ShouldBeNull();
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("abc", "ปีงบประมาณ \"abc\" อ่านไม่ได้ ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("2566-13", "ปีงบประมาณ \"2566-13\" อ่านไม่ได้ ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("-1", "ปีงบประมาณ \"-1\" อ่านไม่ได้ ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("2147483647", "ปีงบประมาณ \"2147483647\" อ่านไม่ได้ ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("0", "ปีงบประมาณ 0 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("2800", "ปีงบประมาณ 2800 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("พ.ศ. 2023", "ปีงบประมาณ 2023 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("ค.ศ. 2566", "ปีงบประมาณ 2566 ไม่ถูกต้อง ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    [InlineData("2,566", "ปีงบประมาณ \"2,566\" อ่านไม่ได้ ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700 เช่น 2566")]
    public void Parse_RefusesAnythingElse_WithAThaiSentenceNamingTheField(string text, string expected)
    {
        YearInput.Parse(text, out var error).ShouldBeNull();
        error.ShouldBe(expected);
    }

    [Fact]
    public void Parse_NamesTheFieldItIsGiven()
    {
        YearInput.Parse("x", out var error, "ปีที่ลงทะเบียน");
        error!.ShouldStartWith("ปีที่ลงทะเบียน");
    }
}
