using System.Text;
using IndustryMap.Text;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Text;

public class CsvTests
{
    [Fact]
    public void Parse_QuotedFieldsWithCommasQuotesAndLineBreaks_RoundTrip()
    {
        var values = new[] { "万州区", "a,b", "say \"hi\"", "two\nlines", "" };
        var text = Csv.DataLine(values) + "\r\nx,y\n";
        var records = Csv.Parse(text).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(values, records[0].Fields);
        Assert.Equal(["x", "y"], records[1].Fields);
        Assert.Equal(3, records[1].Line); // the quoted line break moves the next record to line 3
    }

    [Fact]
    public void Parse_UnterminatedQuote_IsAnErrorWithTheLine()
    {
        var error = Assert.Throws<RefusedException>(() => Csv.Parse("a,b\n\"open,c\n").ToList());
        Assert.Equal((Csv.Malformed, 2), (error.Code, error.Row));
        Assert.Contains("第 2 行", error.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TextAfterClosingQuote_IsAnError() =>
        Assert.Throws<RefusedException>(() => Csv.Parse("\"a\"b,c\n").ToList());

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-同比下降", "'-同比下降")]
    [InlineData("'-已有撇号", "''-已有撇号")] // so that Restore gives back exactly what was written
    [InlineData("-3.5", "-3.5")]   // a plain number is no formula and stays a number
    [InlineData("+1", "+1")]
    [InlineData("1E-3", "1E-3")]
    [InlineData("万州区", "万州区")]
    [InlineData("", "")]
    public void Neutralise_CellsThatSpreadsheetsWouldEvaluate_AreMadeText_AndRestoreUndoesIt(string cell, string expected)
    {
        Assert.Equal(expected, Csv.Neutralise(cell));
        Assert.Equal(cell, Csv.Restore(Csv.Neutralise(cell)));
    }

    [Fact]
    public void Restore_LeavesAnApostropheThatNeutralisedNothing() => Assert.Equal("'万州区", Csv.Restore("'万州区"));

    [Fact]
    public void Line_AlwaysNeutralises_DataLineDoesNot()
    {
        string?[] cells = ["=1+2", "a,b", null, "-5"];
        Assert.Equal("'=1+2,\"a,b\",,-5", Csv.Line(cells));
        Assert.Equal("=1+2,\"a,b\",,-5", Csv.DataLine(cells));
    }

    [Fact]
    public void Document_HasABomAndCrLf_AndEveryCellNeutralised()
    {
        var bytes = Csv.Document(["名称", "备注"], [["万州区", "=HYPERLINK(\"http://x\")"], ["@A1", null]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes.Take(3));
        var records = Csv.Parse(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)).ToList();
        Assert.Equal(["万州区", "'=HYPERLINK(\"http://x\")"], records[1].Fields);
        Assert.Equal(["'@A1", ""], records[2].Fields);
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes));
    }
}
