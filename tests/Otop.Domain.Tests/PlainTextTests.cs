namespace Otop.Domain.Tests;

public class PlainTextTests
{
    [Theory]
    [InlineData("[OTOP] งาน\r\nBcc: a@b.c", "[OTOP] งาน Bcc: a@b.c")]
    [InlineData("a\nb\rc\td", "a b c d")]
    [InlineData("ผล\u202Eการ\u200Bตรวจ\u200D\uFEFF", "ผลการตรวจ")]
    [InlineData("  หนังสือ \u2028 ที่ \u2029 ๑  ", "หนังสือ ที่ ๑")]
    [InlineData("nul\0byte", "nul byte")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void SingleLine_LeavesOneLineWithoutHiddenCharacters(string? text, string expected) =>
        PlainText.SingleLine(text).ShouldBe(expected);

    [Fact]
    public void SingleLine_CutsAtTheLimit_WithoutSplittingAPair() =>
        PlainText.SingleLine("ab\U0001F600c", 3).ShouldBe("ab");

    [Theory]
    [InlineData('\u202E', true)]
    [InlineData('\u200B', true)]
    [InlineData('\0', true)]
    [InlineData('\n', true)]
    [InlineData('ก', false)]
    [InlineData('\u0E48', false)] // Thai tone mark (a combining mark, kept)
    [InlineData('a', false)]
    public void IsHidden_NamesControlFormatAndSeparatorCharacters(char c, bool hidden) =>
        PlainText.IsHidden(new System.Text.Rune(c)).ShouldBe(hidden);
}
