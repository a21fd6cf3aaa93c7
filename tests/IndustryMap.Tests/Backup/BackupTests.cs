using System.IO.Compression;
using System.Text;
using Dapper;
using IndustryMap.Accounts;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Backup;
using IndustryMap.Layout;
using IndustryMap.Storage;
using IndustryMap.Tests.Cli;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Units;
using IndustryMap.Web.Accounts;

namespace IndustryMap.Tests.Backup;

/// <summary>`industrymap backup` / `restore` between engines, every row and its provenance intact (issue 4 §7).</summary>
public class BackupTests
{
    private static readonly TableSchema Units = new("units", [new("id", "integer", true, 1)], []);
    private static readonly TableSchema Users = new("users", [new("id", "integer", true, 1)], [new(["unit_id"], "units")]);
    private static readonly TableSchema Tokens = new("api_tokens", [new("id", "integer", true, 1)], [new(["user_id"], "users")]);
    private static readonly TableSchema Industries = new("industries", [new("id", "integer", true, 1)], [new(["parent_id"], "industries")]);

    [Fact]
    public void Tables_AreOrderedParentsFirst_SelfReferencesAllowed()
    {
        var order = DatabaseBackup.DependencyOrder([Tokens, Industries, Users, Units]).Select(t => t.Name).ToList();
        Assert.True(order.IndexOf("units") < order.IndexOf("users"));
        Assert.True(order.IndexOf("users") < order.IndexOf("api_tokens"));
        Assert.Contains("industries", order);
        Assert.Equal(["parent_id"], Industries.SelfReferences);
    }

    [Fact]
    public void ACycleOfForeignKeys_IsNamed()
    {
        var a = new TableSchema("a", [], [new(["b_id"], "b")]);
        var b = new TableSchema("b", [], [new(["a_id"], "a")]);
        var error = Assert.Throws<InvalidOperationException>(() => DatabaseBackup.DependencyOrder([a, b]));
        Assert.Contains("a → b → a", error.Message);
    }

    [Fact]
    public async Task BothEngines_HaveTheSameTablesColumnsAndKeys()
    {
        await using var postgres = await TestStore.CreateAsync(Engines.Postgres); // skipped locally without PostgreSQL, fails in CI
        await using var sqlite = await TestStore.CreateAsync(Engines.Sqlite);
        async Task<List<string>> Describe(TestStore store)
        {
            await new Migrator(store.Database).MigrateAsync();
            await using var connection = await store.Database.OpenAsync();
            // Exact decimals are TEXT in SQLite and NUMERIC in PostgreSQL (decision 0001): the same column for a backup.
            return (await store.Database.Dialect.ReadSchemaAsync(connection))
                .SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name} {(c.Type == "numeric" ? "text" : c.Type)} pk{c.PrimaryKeyOrdinal}")
                    .Concat(t.ForeignKeys.Select(f => $"{t.Name} fk ({string.Join(",", f.Columns)}) → {f.ReferencedTable}")))
                .Order(StringComparer.Ordinal).ToList();
        }
        Assert.Equal(await Describe(sqlite), await Describe(postgres));
    }

    /// <summary>A store with something of every kind: seed data with provenance, accounts, tokens, profiles, a draft, the audit log.</summary>
    private static async Task<TestStore> BusyStoreAsync()
    {
        var store = await TestStore.SeededAsync(Engines.Sqlite);
        var actor = Actor.System("tests");
        await UserAccounts.CreateAsync(store.Database, actor, new NewUser("backup-admin", "备份管理员", Role.Admin, null), new Passwords().Hash(People.Password));
        await UserAccounts.CreateAsync(store.Database, actor, new NewUser("backup-wz", null, Role.Unit, "万州区"), new Passwords().Hash(People.Password));
        var token = await ApiTokens.CreateAsync(store.Database, actor, "backup-wz", "备份测试", 30);
        await ApiTokens.RevokeAsync(store.Database, actor, token.Record.Id);
        await UnitProfiles.SaveAsync(store.Database, new Actor(null, "backup-wz", Role.Unit, "万州区"), "万州区",
            new UnitProfileInput("张三", "023-58888888", "万州区经济信息委\n多行简介：“引号”与 'quotes' 及 \\ 反斜杠"), 0);
        await LayoutEditing.CreateDraftAsync(store.Database, actor, new NewEdition(2028, "2028年草稿", "备注", 2023));
        await LayoutEditing.AddDesignationAsync(store.Database, actor, 2028,
            new NewDesignation("渝中区", "characteristic", "集成电路", "集成电路（设计）", "芯片设计", null, "000", "24"));
        return store;
    }

    private static async Task<long> Count(TestStore store, string table)
    {
        await using var connection = await store.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {TableSchema.Quote(table)}");
    }

    /// <summary>SQLite → <paramref name="middleEngine"/> → SQLite; the PostgreSQL case shows as skipped when no server is configured.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Backup_RoundTripsSqliteThroughEitherEngineAndBack_EveryRowIntact(string middleEngine)
    {
        if (middleEngine == Engines.Postgres) Engines.RequirePostgres();
        await using var source = await BusyStoreAsync();
        var expected = await DatabaseDump.TakeAsync(source.Database);
        Assert.True(expected["audit_log"].Count >= 7);
        Assert.NotEmpty(expected["unit_profiles"]);
        var file1 = Path.Combine(source.Options.DataDirectory, "first.imbackup");
        var backup = await CliTests.Industrymap(source, "backup", file1);
        Assert.True(backup.ExitCode == 0, backup.Err);
        Assert.Contains("backed up", backup.Out);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file1)); // it holds password hashes

        await using var middle = await TestStore.CreateAsync(middleEngine);
        var restore = await CliTests.Industrymap(middle, "restore", file1);
        Assert.True(restore.ExitCode == 0, restore.Err);
        DatabaseDump.Equal(expected, await DatabaseDump.TakeAsync(middle.Database));

        var file2 = Path.Combine(source.Options.DataDirectory, "second.imbackup");
        Assert.Equal(0, (await CliTests.Industrymap(middle, "backup", file2)).ExitCode);
        await using var back = await TestStore.CreateAsync(Engines.Sqlite);
        Assert.Equal(0, (await CliTests.Industrymap(back, "restore", file2)).ExitCode);
        DatabaseDump.Equal(expected, await DatabaseDump.TakeAsync(back.Database));

        foreach (var store in new[] { middle, back })
        {
            // The hash chain survives the trip: every byte that was hashed is the same.
            var verify = await CliTests.Industrymap(store, "audit", "verify");
            Assert.True(verify.ExitCode == 0, verify.Err);
            // Passwords still work, and new rows get new ids (identities continue above the restored rows).
            var user = (await UserAccounts.FindAsync(store.Database, "backup-admin"))!;
            Assert.Equal(PasswordCheck.Success, new Passwords().Verify(user.PasswordHash, People.Password));
            var created = await UserAccounts.CreateAsync(store.Database, Actor.System("tests"), new NewUser("after-restore", null, Role.Viewer, null), "h");
            Assert.Equal(await Count(store, "users"), created.Id);
            Assert.True((await AuditLog.VerifyAsync(store.Database)).Intact);
            // Provenance intact: the 2023 layout still cites its lines, the copied draft says who copied it.
            var rows = await LayoutQueries.DesignationsAsync(store.Database, 2028, new LayoutFilter(Unit: "渝中区"));
            Assert.Equal(("000", 24L, "system:tests"), (rows.Single().SrcDocument, rows.Single().SrcFrom!.Value, rows.Single().EnteredBy));
        }
    }

    [Fact]
    public async Task Restore_RefusesADatabaseThatHoldsData()
    {
        await using var source = await BusyStoreAsync();
        var file = Path.Combine(source.Options.DataDirectory, "full.imbackup");
        Assert.Equal(0, (await CliTests.Industrymap(source, "backup", file)).ExitCode);
        await using var occupied = await TestStore.SeededAsync(Engines.Sqlite);
        var before = await DatabaseDump.TakeAsync(occupied.Database);
        var run = await CliTests.Industrymap(occupied, "restore", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not empty", run.Err);
        DatabaseDump.Equal(before, await DatabaseDump.TakeAsync(occupied.Database));
    }

    [Fact]
    public async Task Restore_RefusesAnAlteredOrTruncatedFile_BeforeTouchingTheDatabase()
    {
        await using var source = await BusyStoreAsync();
        var file = Path.Combine(source.Options.DataDirectory, "good.imbackup");
        Assert.Equal(0, (await CliTests.Industrymap(source, "backup", file)).ExitCode);

        // Change one value inside a row, and write the file again as a valid gzip: only the checksum can tell.
        string text;
        await using (var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress)) text = await new StreamReader(gzip).ReadToEndAsync();
        Assert.Contains("张三", text);
        var altered = Path.Combine(source.Options.DataDirectory, "altered.imbackup");
        await using (var gzip = new GZipStream(File.Create(altered), CompressionLevel.Fastest)) await gzip.WriteAsync(Encoding.UTF8.GetBytes(text.Replace("张三", "李四")));
        var truncated = Path.Combine(source.Options.DataDirectory, "truncated.imbackup");
        var bytes = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);

        await using var target = await TestStore.CreateAsync(Engines.Sqlite);
        foreach (var bad in new[] { altered, truncated })
        {
            var run = await CliTests.Industrymap(target, "restore", bad);
            Assert.True(run.ExitCode == 2, $"{bad}: exit {run.ExitCode}: {run.Err}");
            Assert.Contains("nothing was restored", run.Err);
            Assert.Empty(await new Migrator(target.Database).AppliedAsync()); // checked before anything was touched
        }
        // The good file restores into the same, still empty store.
        Assert.Equal(0, (await CliTests.Industrymap(target, "restore", file)).ExitCode);
        Assert.Equal(41, await Count(target, "units"));
    }
}
