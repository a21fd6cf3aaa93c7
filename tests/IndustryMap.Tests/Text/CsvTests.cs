using IndustryMap.Text;

namespace IndustryMap.Tests.Text;

public class CsvTests
{
    [Fact]
    public void Parse_QuotedFieldsWithCommasQuotesAndLineBreaks_RoundTrip()
    {
        var values = new[] { "万州区", "a,b", "say \"hi\"", "two\nlines", "" };
        var text = Csv.Line(values) + "\r\nx,y\n";
        var records = Csv.Parse(text).ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal(values, records[0].Fields);
        Assert.Equal(["x", "y"], records[1].Fields);
        Assert.Equal(3, records[1].Line); // the quoted line break moves the next record to line 3
    }

    [Fact]
    public void Parse_UnterminatedQuote_IsAnErrorWithTheLine()
    {
        var error = Assert.Throws<Csv.FormatException>(() => Csv.Parse("a,b\n\"open,c\n").ToList());
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Parse_TextAfterClosingQuote_IsAnError() =>
        Assert.Throws<Csv.FormatException>(() => Csv.Parse("\"a\"b,c\n").ToList());
}
