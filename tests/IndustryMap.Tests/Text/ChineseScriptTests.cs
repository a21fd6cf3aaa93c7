using IndustryMap.Text;

namespace IndustryMap.Tests.Text;

public class ChineseScriptTests
{
    [Theory]
    [InlineData("鋰電池", "锂电池")]
    [InlineData("動力電池正極材料", "动力电池正极材料")]
    [InlineData("汽車零部件及摩托車", "汽车零部件及摩托车")]
    [InlineData("智能網聯新能源汽車", "智能网联新能源汽车")]
    [InlineData("積體電路", "积体电路")]
    public void ToSimplified_FoldsTraditionalText(string traditional, string simplified)
        => Assert.Equal(simplified, ChineseScript.ToSimplified(traditional));

    [Theory]
    [InlineData("锂电池")]
    [InlineData("万州区 2023 abc")]
    [InlineData("")]
    public void ToSimplified_LeavesSimplifiedAndOtherTextAlone(string text)
    {
        Assert.Equal(text, ChineseScript.ToSimplified(text));
        Assert.False(ChineseScript.HasTraditional(text));
    }

    [Fact]
    public void ToSimplified_UsesPhrasesWhereCharactersAlone_WouldBeWrong()
    {
        // 乾 alone folds to 干, but the phrase 乾元 keeps it (TSPhrases.txt): the phrase table wins.
        Assert.Equal("干净", ChineseScript.ToSimplified("乾淨"));
        Assert.Equal("乾元", ChineseScript.ToSimplified("乾元"));
    }
}
