using System.Globalization;

namespace Otop.Domain.Tests;

public class ThaiMoneyTests
{
    [Theory]
    [InlineData("40000", "40000")]
    [InlineData("40,000", "40000")]
    [InlineData("40,000.50", "40000.50")]
    [InlineData("40,000.5", "40000.5")]
    [InlineData(" 40 000 ", "40000")]
    [InlineData("1 250 000.75", "1250000.75")]
    [InlineData("40\u00A0000", "40000")]
    [InlineData("40\u202F000", "40000")]
    [InlineData("๔๐,๐๐๐.๕๐", "40000.50")]
    [InlineData("๔๐๐๐๐", "40000")]
    [InlineData("40,000 บาท", "40000")]
    [InlineData("40,000บาท", "40000")]
    [InlineData("40000 บ.", "40000")]
    [InlineData("บาท 40,000", "40000")]
    [InlineData("บ. 40,000", "40000")]
    [InlineData("฿40,000.50", "40000.50")]
    [InlineData("฿ 40,000", "40000")]
    [InlineData("฿40,000 บาท", "40000")]
    [InlineData("๔๐,๐๐๐.๐๐ บาท", "40000.00")]
    [InlineData("40,000.-", "40000")]
    [InlineData("40,000.- บาท", "40000")]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-0.00", "0")]
    [InlineData("0.00", "0.00")]
    [InlineData(".50", "0.50")]
    [InlineData("007", "7")]
    [InlineData("1,234", "1234")]
    [InlineData("999,999,999,999.99", "999999999999.99")]
    [InlineData("4\u200B0000", "40000")]
    public void Read_AcceptsTheFormsOfficersType_AsTheSameFigure(string text, string expected)
    {
        var read = ThaiMoney.Read(text);

        read.Kind.ShouldBe(MoneyInputKind.Amount);
        read.Amount.ShouldBe(decimal.Parse(expected, CultureInfo.InvariantCulture));
        read.Error.ShouldBeNull();
        ThaiMoney.TryParse(text, out var amount, out var error).ShouldBeTrue();
        amount.ShouldBe(read.Amount);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\t")]
    public void Read_AnEmptyField_IsNotEntered_NotZeroAndNotAnError(string? text)
    {
        var read = ThaiMoney.Read(text);

        read.Kind.ShouldBe(MoneyInputKind.Empty);
        read.IsEmpty.ShouldBeTrue();
        read.Error.ShouldBeNull();
        ThaiMoney.ValueOrNull(text).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void TryParse_ARequiredAmountLeftEmpty_IsRefusedSayingItWasNotEntered(string? text)
    {
        ThaiMoney.TryParse(text, out var amount, out var error).ShouldBeFalse();
        amount.ShouldBe(0m);
        error.ShouldBe(ThaiMoney.EmptyError);
    }

    [Theory]
    [InlineData("-1", "'-1' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("-0.01", "'-0.01' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("-x", "'-x' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("\u22125,000", "'\u22125,000' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("(5,000)", "'(5,000)' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("฿-40", "'฿-40' ไม่ใช่จำนวนเงินที่ถูกต้อง: จำนวนเงินต้องไม่ติดลบ")]
    [InlineData("40000.505", "'40000.505' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีทศนิยม 3 ตำแหน่ง จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)")]
    [InlineData("1.234", "'1.234' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีทศนิยม 3 ตำแหน่ง จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์) หากหมายถึง 1,234 บาท ให้ใช้จุลภาค (,) คั่นหลักพัน")]
    [InlineData("0.001", "'0.001' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีทศนิยม 3 ตำแหน่ง จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)")]
    [InlineData("1.234.567", "'1.234.567' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีจุดมากกว่าหนึ่งจุด ใช้จุลภาค (,) คั่นหลักพันและจุด (.) เฉพาะหน้าสตางค์ เช่น 1,234,567.50")]
    [InlineData("40000.", "'40000.' ไม่ใช่จำนวนเงินที่ถูกต้อง: ไม่มีตัวเลขหลังจุดทศนิยม (ไม่มีสตางค์ให้พิมพ์ไม่ต้องมีจุด เช่น 40000)")]
    [InlineData("4,00,0", "'4,00,0' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData("40,00", "'40,00' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData("4000,000", "'4000,000' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData(",400", "',400' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData("40,", "'40,' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData("40,000 000", "'40,000 000' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData("40 00", "'40 00' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData("1.5,0", "'1.5,0' ไม่ใช่จำนวนเงินที่ถูกต้อง: ใส่เครื่องหมายคั่นหลักผิดที่ ต้องคั่นทุก 3 หลักนับจากจุดทศนิยม เช่น 40,000 หรือ 1,250,000.50")]
    [InlineData("1e5", "'1e5' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีอักขระ 'e' ซึ่งไม่ใช่ตัวเลข พิมพ์ได้เฉพาะตัวเลข (ไทยหรืออารบิก) จุลภาคคั่นหลักพัน จุดทศนิยม และคำว่า บาท")]
    [InlineData("สองพัน", "'สองพัน' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีอักขระ 'ส' ซึ่งไม่ใช่ตัวเลข พิมพ์ได้เฉพาะตัวเลข (ไทยหรืออารบิก) จุลภาคคั่นหลักพัน จุดทศนิยม และคำว่า บาท")]
    [InlineData("40000$", "'40000$' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีอักขระ '$' ซึ่งไม่ใช่ตัวเลข พิมพ์ได้เฉพาะตัวเลข (ไทยหรืออารบิก) จุลภาคคั่นหลักพัน จุดทศนิยม และคำว่า บาท")]
    [InlineData("+5", "'+5' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีอักขระ '+' ซึ่งไม่ใช่ตัวเลข พิมพ์ได้เฉพาะตัวเลข (ไทยหรืออารบิก) จุลภาคคั่นหลักพัน จุดทศนิยม และคำว่า บาท")]
    [InlineData("٤٠", "'٤٠' ไม่ใช่จำนวนเงินที่ถูกต้อง: มีอักขระ '٤' ซึ่งไม่ใช่ตัวเลข พิมพ์ได้เฉพาะตัวเลข (ไทยหรืออารบิก) จุลภาคคั่นหลักพัน จุดทศนิยม และคำว่า บาท")]
    [InlineData("บาท", "'บาท' ไม่ใช่จำนวนเงินที่ถูกต้อง: ไม่มีตัวเลข")]
    [InlineData(",", "',' ไม่ใช่จำนวนเงินที่ถูกต้อง: ไม่มีตัวเลข")]
    [InlineData("1000000000000", "'1000000000000' ไม่ใช่จำนวนเงินที่ถูกต้อง: มากเกินกว่าที่บันทึกได้ (ไม่เกิน 999,999,999,999.99 บาท)")]
    [InlineData("1,000,000,000,000.00", "'1,000,000,000,000.00' ไม่ใช่จำนวนเงินที่ถูกต้อง: มากเกินกว่าที่บันทึกได้ (ไม่เกิน 999,999,999,999.99 บาท)")]
    [InlineData("99999999999999999999999999999999", "'99999999999999999999999999999999' ไม่ใช่จำนวนเงินที่ถูกต้อง: มากเกินกว่าที่บันทึกได้ (ไม่เกิน 999,999,999,999.99 บาท)")]
    public void Read_RefusesWhatIsNotAnAmount_WithAThaiSentenceQuotingItAndSayingWhatIsWrong(string text, string expected)
    {
        var read = ThaiMoney.Read(text);

        read.Kind.ShouldBe(MoneyInputKind.Invalid);
        read.Error.ShouldBe(expected);
        ThaiMoney.TryParse(text, out var amount, out var error).ShouldBeFalse();
        amount.ShouldBe(0m);
        error.ShouldBe(expected);
        ThaiMoney.ValueOrNull(text).ShouldBeNull();
    }

    [Fact]
    public void Read_QuotesAtMostFortyCharactersOfALongText()
    {
        var text = new string('x', 500);

        var error = ThaiMoney.Read(text).Error!;

        error.ShouldStartWith("'" + PlainText.Truncate(text, 40) + "'");
        error.Length.ShouldBeLessThan(300);
    }

    [Fact]
    public void Read_TheLargestFigureNumeric14_2Holds_IsAccepted_AndOneSatangMoreIsNot()
    {
        ThaiMoney.Read(RevenueFigures.MaxAmount.ToString(CultureInfo.InvariantCulture)).Amount.ShouldBe(RevenueFigures.MaxAmount);
        ThaiMoney.Read("1000000000000.00").Kind.ShouldBe(MoneyInputKind.Invalid);
    }

    [Theory]
    [InlineData("40000", "40,000.00")]
    [InlineData("0", "0.00")]
    [InlineData("1234567.5", "1,234,567.50")]
    public void Format_ShowsASavedAmountWithThousandsSeparatorsAndTwoDecimals_WhateverTheCulture(string value, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            ThaiMoney.Format(decimal.Parse(value, CultureInfo.InvariantCulture)).ShouldBe(expected);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("40000")]
    [InlineData("1234567.5")]
    [InlineData("0.01")]
    public void Read_ReadsBackWhatFormatShows(string value)
    {
        var amount = decimal.Parse(value, CultureInfo.InvariantCulture);

        ThaiMoney.Read(ThaiMoney.Format(amount)).Amount.ShouldBe(amount);
        ThaiMoney.Read(ThaiDigits.ToThai(ThaiMoney.Format(amount)) + " บาท").Amount.ShouldBe(amount);
    }
}
