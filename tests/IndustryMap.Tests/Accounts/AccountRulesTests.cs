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
    public void Passwords_Refused(string password, string code) => Assert.Equal(code, AccountRules.CheckPassword(password, "admin")?.Code);

    [Fact]
    public void Passwords_LongEnoughAndUnrelatedToTheName_Accepted()
    {
        Assert.Null(AccountRules.CheckPassword("correct-horse-battery", "admin"));
        Assert.Null(AccountRules.CheckPassword("重庆市经济信息委员会2024", "admin"));
        Assert.Equal("password_too_long", AccountRules.CheckPassword(new string('x', 100) + new string('y', 29), "admin")?.Code);
    }

    private static readonly DateTime Now = new(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Lockout_FifthConsecutiveFailureLocksFor15Minutes()
    {
        long count = 0;
        DateTime? locked = null;
        for (var i = 1; i < LockoutRules.MaxFailures; i++)
        {
            (count, locked) = LockoutRules.AfterFailure(count, locked, Now);
            Assert.Null(locked);
        }
        (count, locked) = LockoutRules.AfterFailure(count, locked, Now);
        Assert.Equal(5, count);
        Assert.Equal(Now.AddMinutes(15), locked);
        Assert.True(LockoutRules.IsLocked(locked, Now.AddMinutes(14)));
        Assert.False(LockoutRules.IsLocked(locked, Now.AddMinutes(15)));
    }

    [Fact]
    public void Lockout_FailuresWhileLockedDoNotExtendIt_AndAnExpiredLockStartsAFreshCount()
    {
        var locked = Now.AddMinutes(15);
        Assert.Equal((5L, (DateTime?)locked), LockoutRules.AfterFailure(5, locked, Now.AddMinutes(1)));
        Assert.Equal((1L, (DateTime?)null), LockoutRules.AfterFailure(5, locked, Now.AddMinutes(16)));
    }
}
