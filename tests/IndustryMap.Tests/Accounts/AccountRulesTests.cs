using IndustryMap.Accounts;

namespace IndustryMap.Tests.Accounts;

public class AccountRulesTests
{
    [Theory]
    [InlineData("admin")]
    [InlineData("张三")]
    [InlineData("wz.officer@cq")]
    [InlineData("u1")]
    public void UserNames_Accepted(string name) => Assert.Null(AccountRules.CheckName(name));

    [Theory]
    [InlineData("a")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("\" onmouseover=alert(1) x=\"")]
    [InlineData("'; DROP TABLE units; --")]
    [InlineData("with space")]
    [InlineData("-leading")]
    [InlineData(null)]
    public void UserNames_Refused(string? name) => Assert.Equal("invalid_user_name", AccountRules.CheckName(name)?.Code);

    [Theory]
    [InlineData("short", "password_too_short")]
    [InlineData("aaaaaaaaaaaa", "password_repetitive")]
    [InlineData("my-admin-password", "password_contains_name")]
    [InlineData("1234567890", "password_repetitive")]   // issue 10 §10: accepted before
    [InlineData("0987654321", "password_repetitive")]
    [InlineData("abcdefghijk", "password_repetitive")]
    [InlineData("1212121212", "password_repetitive")]
    [InlineData("password12", "password_common")]       // issue 10 §10: accepted before
    [InlineData("qwertyuiop", "password_common")]
    [InlineData("Password2024!", "password_common")]
    [InlineData("iloveyou123", "password_common")]
    public void Passwords_Refused(string password, string code) => Assert.Equal(code, AccountRules.CheckPassword(password, "admin")?.Code);

    [Fact]
    public void Passwords_LongEnoughAndUnrelatedToTheName_Accepted()
    {
        Assert.Null(AccountRules.CheckPassword("correct-horse-battery", "admin"));
        Assert.Null(AccountRules.CheckPassword("重庆市经济信息委员会2024", "admin"));
        Assert.Equal("password_too_long", AccountRules.CheckPassword(new string('x', 100) + new string('y', 29), "admin")?.Code);
    }

    [Fact]
    public void TheCommonPasswordList_IsLoadedFromItsDataFile()
    {
        Assert.InRange(CommonPasswords.Count, 3000, 5000);
        Assert.True(CommonPasswords.IsCommon("password"));
        Assert.False(CommonPasswords.IsCommon("correct-horse-battery-staple"));
    }

    [Theory]
    [InlineData("admin", "Admin")]
    [InlineData("admin", "ADMIN")]
    [InlineData("admin", "\u0430dmin")]          // Cyrillic а
    [InlineData("admin", "\u0410DMIN")]          // Cyrillic А
    [InlineData("admin", "\uFF41\uFF44\uFF4D\uFF49\uFF4E")] // fullwidth ａｄｍｉｎ
    [InlineData("paypal", "\u0440\u0430\u0443\u0440\u0430l")] // Cyrillic р а у р а + Latin l
    [InlineData("lol", "101")]                  // digits that look like letters
    [InlineData("kappa", "\u03BA\u03B1pp\u03B1")] // Greek κ α
    public void UserNames_ThatLookTheSame_HaveOneSkeleton(string a, string b) =>
        Assert.Equal(UserNameSkeleton.Of(a), UserNameSkeleton.Of(b));

    [Theory]
    [InlineData("admin", "admins")]
    [InlineData("张三", "张王")]
    [InlineData("wz-officer", "na-officer")]
    public void DifferentUserNames_KeepDifferentSkeletons(string a, string b) => Assert.NotEqual(UserNameSkeleton.Of(a), UserNameSkeleton.Of(b));

    private static readonly DateTime Now = new(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Throttle_FreeFailuresThenADoublingWait_CappedAt15Minutes()
    {
        for (var i = 1; i < ThrottleRules.PerClient; i++) Assert.Equal(TimeSpan.Zero, ThrottleRules.DelayAfter(i, ThrottleRules.PerClient));
        Assert.Equal(TimeSpan.FromSeconds(1), ThrottleRules.DelayAfter(ThrottleRules.PerClient, ThrottleRules.PerClient));
        Assert.Equal(TimeSpan.FromSeconds(2), ThrottleRules.DelayAfter(ThrottleRules.PerClient + 1, ThrottleRules.PerClient));
        Assert.Equal(TimeSpan.FromSeconds(512), ThrottleRules.DelayAfter(ThrottleRules.PerClient + 9, ThrottleRules.PerClient));
        Assert.Equal(ThrottleRules.MaxDelay, ThrottleRules.DelayAfter(ThrottleRules.PerClient + 10, ThrottleRules.PerClient));
        Assert.Equal(ThrottleRules.MaxDelay, ThrottleRules.DelayAfter(10_000, ThrottleRules.PerClient));
    }

    [Fact]
    public void Throttle_ATrustedDeviceCountsAlone_OthersCountPerAddressAndTogether()
    {
        Assert.Equal(["device:d1"], ThrottleRules.SourcesOf("d1", "10.0.0.1").Select(s => s.Key));
        Assert.Equal(["client:10.0.0.1", "untrusted"], ThrottleRules.SourcesOf(null, "10.0.0.1").Select(s => s.Key));
    }

    [Fact]
    public void Throttle_CountsOlderThanADayStartAgain()
    {
        Assert.Equal(8, ThrottleRules.AfterFailure(7, Now.AddHours(-23), Now));
        Assert.Equal(1, ThrottleRules.AfterFailure(7, Now.AddHours(-25), Now));
        Assert.Equal(1, ThrottleRules.AfterFailure(0, null, Now));
    }
}
