using IndustryMap.Authorization;

namespace IndustryMap.Tests.Security;

/// <summary>The pure rules behind every policy: who may write what (issue 4 §2), without a database.</summary>
public class WriteRulesTests
{
    private static readonly Actor Admin = new(1, "admin", Role.Admin, null);
    private static readonly Actor Wanzhou = new(2, "wz", Role.Unit, "万州区");
    private static readonly Actor Investor = new(3, "inv", Role.Investment, null);
    private static readonly Actor Viewer = new(4, "viewer", Role.Viewer, null);

    [Fact]
    public void Administer_AdminOnly_AnonymousMustSignIn()
    {
        Assert.True(WriteRules.Administer(Admin).Allowed);
        Assert.Equal(Verdict.SignInRequired, WriteRules.Administer(null).Verdict);
        foreach (var other in new[] { Wanzhou, Investor, Viewer })
        {
            var decision = WriteRules.Administer(other);
            Assert.Equal(Verdict.Forbidden, decision.Verdict);
            Assert.Contains("管理员", decision.Reason);
        }
    }

    [Fact]
    public void WriteUnitData_UnitOfficerWritesOwnUnitOnly()
    {
        Assert.True(WriteRules.WriteUnitData(Wanzhou, "万州区").Allowed);
        var other = WriteRules.WriteUnitData(Wanzhou, "南岸区");
        Assert.Equal(Verdict.Forbidden, other.Verdict);
        Assert.Contains("万州区", other.Reason);
        Assert.Contains("南岸区", other.Reason);
    }

    [Fact]
    public void WriteUnitData_AdminWritesAnyUnit_OtherRolesNone()
    {
        Assert.True(WriteRules.WriteUnitData(Admin, "南岸区").Allowed);
        Assert.Equal(Verdict.Forbidden, WriteRules.WriteUnitData(Investor, "万州区").Verdict);
        Assert.Equal(Verdict.Forbidden, WriteRules.WriteUnitData(Viewer, "万州区").Verdict);
        Assert.Equal(Verdict.SignInRequired, WriteRules.WriteUnitData(null, "万州区").Verdict);
    }

    [Fact]
    public void WriteUnitData_AUnitOfficerWithoutAUnitWritesNothing()
    {
        // A unit officer whose unit is missing (a broken account) must not match a unit whose name is empty.
        var unbound = Wanzhou with { Unit = null };
        Assert.Equal(Verdict.Forbidden, WriteRules.WriteUnitData(unbound, "万州区").Verdict);
    }

    [Fact]
    public void WriteInvestment_InvestmentOfficersAndAdmin()
    {
        Assert.True(WriteRules.WriteInvestment(Investor).Allowed);
        Assert.True(WriteRules.WriteInvestment(Admin).Allowed);
        Assert.Equal(Verdict.Forbidden, WriteRules.WriteInvestment(Wanzhou).Verdict);
        Assert.Equal(Verdict.Forbidden, WriteRules.WriteInvestment(Viewer).Verdict);
    }

    [Fact]
    public void RevokeToken_OwnerOrAdmin()
    {
        Assert.True(WriteRules.RevokeToken(Viewer, ownerUserId: 4).Allowed);
        Assert.True(WriteRules.RevokeToken(Admin, ownerUserId: 4).Allowed);
        Assert.Equal(Verdict.Forbidden, WriteRules.RevokeToken(Wanzhou, ownerUserId: 4).Verdict);
        // The console operator has no user id: it is the administrator by role, not the owner of anything.
        Assert.True(WriteRules.RevokeToken(Actor.Console("root"), ownerUserId: 4).Allowed);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void PublishedData_AnonymousReadIsConfigurable(bool anonymousRead, bool allowed)
    {
        Assert.Equal(allowed, ReadRules.PublishedData(null, anonymousRead).Allowed);
        Assert.True(ReadRules.PublishedData(Viewer, anonymousRead).Allowed);
    }

    [Fact]
    public void InternalAndAdministrativeData()
    {
        Assert.True(ReadRules.InternalData(Viewer).Allowed);
        Assert.Equal(Verdict.SignInRequired, ReadRules.InternalData(null).Verdict);
        Assert.True(ReadRules.AdministrativeData(Admin).Allowed);
        Assert.Equal(Verdict.Forbidden, ReadRules.AdministrativeData(Viewer).Verdict);
    }

    [Theory]
    [InlineData("admin", Role.Admin)]
    [InlineData(" Unit ", Role.Unit)]
    [InlineData("INVESTMENT", Role.Investment)]
    [InlineData("viewer", Role.Viewer)]
    public void Roles_ParseTheirCodes(string text, Role role)
    {
        Assert.True(Roles.TryParse(text, out var parsed));
        Assert.Equal(role, parsed);
        Assert.Equal(role, Roles.TryParse(Roles.Code(role), out var again) ? again : (Role)(-1));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("")]
    [InlineData(null)]
    public void Roles_RefuseAnythingElse(string? text) => Assert.False(Roles.TryParse(text, out _));
}
