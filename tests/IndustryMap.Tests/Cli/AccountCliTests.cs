using System.Diagnostics;
using System.Net;
using IndustryMap.Accounts;
using IndustryMap.Audit;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Web.Accounts;

namespace IndustryMap.Tests.Cli;

/// <summary>`industrymap user|token|audit|backup|restore` as an operator runs them: a real process, the password on standard input.</summary>
public class AccountCliTests
{
    public static async Task<CliTests.Run> WithInput(TestStore store, string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "industrymap.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in store.Environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return new CliTests.Run(process.ExitCode, await output, await error);
    }

    [Theory]
    [InlineData("user", "--help")]
    [InlineData("user", "add", "--help")]
    [InlineData("token", "create", "--help")]
    [InlineData("audit", "verify", "--help")]
    [InlineData("backup", "--help")]
    [InlineData("restore", "--help")]
    [InlineData("accounts", "revoke-tokens", "--help")]
    public async Task NewVerbs_HaveHelp(params string[] args)
    {
        var run = await CliTests.Industrymap(null, args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out);
    }

    [Fact]
    public async Task UserAdd_OnAFreshInstall_CreatesTheFirstAdministrator_WithThePasswordFromStandardInput()
    {
        // A fresh embedded store: no migration, no seed data, no account. `user add` readies it as the first run would.
        await using var store = await TestStore.CreateAsync(Engines.Sqlite);
        var run = await WithInput(store, "first-admin-password", "user", "add", "chief", "--role", "admin", "--display-name", "市经济信息委");
        Assert.True(run.ExitCode == 0, run.Err);
        var user = (await UserAccounts.FindAsync(store.Database, "chief"))!;
        Assert.Equal("admin", user.Role);
        Assert.Equal(PasswordCheck.Success, new Passwords().Verify(user.PasswordHash, "first-admin-password"));
        Assert.DoesNotContain("first-admin-password", run.Out + run.Err);
        var entry = (await AuditLog.QueryAsync(store.Database, new AuditFilter(Action: "user.create"))).Single();
        Assert.StartsWith("cli:", entry.Actor);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UserAdd_RefusesWeakPasswordsUnknownUnitsAndDuplicates(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var weak = await WithInput(store, "short", "user", "add", "wz", "--role", "unit", "--unit", "万州区");
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("密码至少 10 个字符", weak.Err);
        Assert.Null(await UserAccounts.FindAsync(store.Database, "wz"));
        var noUnit = await WithInput(store, "long-enough-password", "user", "add", "wz", "--role", "unit");
        Assert.Equal(2, noUnit.ExitCode);
        Assert.Contains("--unit", noUnit.Err);
        var badUnit = await WithInput(store, "long-enough-password", "user", "add", "wz", "--role", "unit", "--unit", "不存在区");
        Assert.Equal(2, badUnit.ExitCode);
        Assert.Contains("unknown_unit", badUnit.Err);
        Assert.Equal(0, (await WithInput(store, "long-enough-password", "user", "add", "wz", "--role", "unit", "--unit", "万州")).ExitCode);
        var again = await WithInput(store, "long-enough-password", "user", "add", "wz", "--role", "viewer");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("user_exists", again.Err);
        Assert.Equal("万州区", (await UserAccounts.FindAsync(store.Database, "wz"))!.Unit);
        var bad = await CliTests.Industrymap(store, "user", "add", "x", "--role", "root");
        Assert.Equal(1, bad.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TokenCreate_PrintsTheTokenOnce_ItWorks_RevokeStopsIt_AndListNeverShowsIt(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        var created = await CliTests.Industrymap(app.Store, "token", "create", People.Viewer, "--name", "nightly", "--days", "7");
        Assert.True(created.ExitCode == 0, created.Err);
        var token = created.Out.Trim();
        Assert.StartsWith(ApiTokens.Scheme, token);

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/units/万州区/profile")).StatusCode);

        var list = await CliTests.Industrymap(app.Store, "token", "list", "--user", People.Viewer);
        Assert.Contains("nightly", list.Out);
        Assert.DoesNotContain(token, list.Out);
        var id = list.Out.Split('\n').Single(l => l.Contains("nightly", StringComparison.Ordinal)).Split('\t')[0];
        Assert.Equal(0, (await CliTests.Industrymap(app.Store, "token", "revoke", id)).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/units/万州区/profile")).StatusCode);
        Assert.Equal(2, (await CliTests.Industrymap(app.Store, "token", "revoke", id)).ExitCode);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UserDisableAndPassword_FromTheConsole(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        Assert.Equal(0, (await CliTests.Industrymap(app.Store, "user", "disable", People.Investment)).ExitCode);
        using var client = app.As(People.Investment);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode);
        Assert.Equal(0, (await CliTests.Industrymap(app.Store, "user", "enable", People.Investment)).ExitCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session")).StatusCode);

        Assert.Equal(0, (await WithInput(app.Store, "a-console-reset-password", "user", "password", People.Investment)).ExitCode);
        using var browser = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SecuredApp.SignInAsync(browser, People.Investment, "a-console-reset-password")).StatusCode);
        var users = await CliTests.Industrymap(app.Store, "user", "list", "--format", "json");
        Assert.Contains(People.Investment, users.Out);
        Assert.DoesNotContain("AQAAAA", users.Out); // no password hash in the listing
        Assert.Equal(2, (await CliTests.Industrymap(app.Store, "user", "disable", "nobody-here")).ExitCode);
    }

    /// <summary>Issue 10 §6: the operator revokes every API token of a user at once (after a password change, a lost laptop).</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AccountsRevokeTokens_StopsEveryTokenOfTheUser_AndNoOneElses(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        var second = (await ApiTokens.CreateAsync(app.Store.Database, IndustryMap.Authorization.Actor.System("tests"), People.Viewer, "second", null)).Token;
        var run = await CliTests.Industrymap(app.Store, "accounts", "revoke-tokens", People.Viewer);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("2", run.Out);
        foreach (var token in new[] { app.TokenOf(People.Viewer), second })
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/session")).StatusCode);
        }
        using var other = app.As(People.Investment);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/session")).StatusCode);
        Assert.Equal(2, (await AuditLog.QueryAsync(app.Store.Database, new AuditFilter(Action: "token.revoke"))).Count(e => e.Actor.StartsWith("cli:", StringComparison.Ordinal)));
        Assert.Equal(2, (await CliTests.Industrymap(app.Store, "accounts", "revoke-tokens", "nobody-here")).ExitCode);
    }
}
