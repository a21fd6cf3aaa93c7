using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using IndustryMap.Accounts;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Web.Accounts;
using IndustryMap.Writing;

namespace IndustryMap.Cli;

/// <summary>
/// `user`, `token` and `audit`: account administration at the server's console. There is no default account:
/// the first administrator is created here. The operator acts as "cli:&lt;os user&gt;" in the audit log.
/// </summary>
internal static class CliAccountCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true,
    };

    private static Actor Operator => Actor.Console(Environment.UserName);

    public static Command User()
    {
        var name = new Argument<string>("name") { Description = "Sign-in name: 2–64 letters, digits or . _ @ -." };
        var role = new Option<string>("--role") { Description = "admin (市经济信息委), unit (区县, needs --unit), investment (招商) or viewer.", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All.Select(Roles.Code)]);
        var unit = new Option<string?>("--unit") { Description = "The planning unit a unit officer is bound to, e.g. 万州区." };
        var display = new Option<string?>("--display-name") { Description = "The name shown to people, e.g. 张三（万州区经济信息委）." };
        var add = new Command("add", "Create an account. The password is read from standard input when it is redirected, otherwise prompted for (twice, not echoed).")
        {
            name, role, unit, display,
        };
        add.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            Roles.TryParse(parse.GetValue(role), out var r);
            var user = new NewUser(parse.GetValue(name)!.Trim(), parse.GetValue(display), r, parse.GetValue(unit));
            UserAccounts.Validate(user);
            var password = ReadPassword(confirm: true);
            FieldRules.ThrowIfAny([AccountRules.CheckPassword(password, user.Name)]);
            var database = await CliStore.ReadyAsync(cancellationToken);
            var created = await UserAccounts.CreateAsync(database, Operator, user, new Passwords().Hash(password!));
            Console.WriteLine($"已创建用户 (created) {created.Name}: {created.Role}{(created.Unit is null ? "" : " · " + created.Unit)}");
            return ExitCodes.Ok;
        }));

        var format = new Option<string>("--format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var list = new Command("list", "List the accounts (never their passwords).") { format };
        list.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var users = (await UserAccounts.ListAsync(database)).Select(u => u.ToView()).ToList();
            if (parse.GetValue(format) == "json") Console.WriteLine(JsonSerializer.Serialize(users, Json));
            else
            {
                foreach (var u in users)
                {
                    Console.WriteLine($"{u.Name}\t{u.Role}\t{u.Unit ?? "-"}\t{(u.Disabled ? "disabled" : "active")}\t{u.DisplayName}");
                }
            }
            return ExitCodes.Ok;
        }));

        Command Toggle(string verb, bool disabled, string description)
        {
            var who = new Argument<string>("name");
            var command = new Command(verb, description) { who };
            command.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
            {
                var database = await CliStore.ReadyAsync(cancellationToken);
                var user = await UserAccounts.SetDisabledAsync(database, Operator, parse.GetValue(who)!, disabled);
                Console.WriteLine($"{user.Name}: {(disabled ? "已停用 (disabled)" : "已启用 (enabled)")}");
                return ExitCodes.Ok;
            }));
            return command;
        }

        var who = new Argument<string>("name");
        var revokeTokens = new Option<bool>("--revoke-tokens") { Description = "Also revoke every API token of the user." };
        var password = new Command("password", "Set a user's password (read from standard input or prompted); ends the user's web sessions and lifts sign-in waits.")
        {
            who, revokeTokens,
        };
        password.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var userName = parse.GetValue(who)!;
            var secret = ReadPassword(confirm: true);
            FieldRules.ThrowIfAny([AccountRules.CheckPassword(secret, userName)]);
            var database = await CliStore.ReadyAsync(cancellationToken);
            var (revoked, active) = await UserAccounts.SetPasswordAsync(database, Operator, userName, new Passwords().Hash(secret!), parse.GetValue(revokeTokens));
            Console.WriteLine($"{userName}: 密码已更新 (password set); 吊销令牌 {revoked} 个 (tokens revoked), 仍有效 {active} 个 (still active)" +
                              (active > 0 ? $" — `industrymap accounts revoke-tokens {userName}` 可全部吊销 (revokes them)" : ""));
            return ExitCodes.Ok;
        }));

        return new Command("user", "User accounts: add, list, disable, enable, password.")
        {
            add, list, Toggle("disable", true, "Disable an account: its web sessions end and its API tokens stop working."),
            Toggle("enable", false, "Enable an account again (also lifts a lockout)."), password,
        };
    }

    /// <summary>`accounts revoke-tokens &lt;user&gt;`: after a password change or a lost laptop, every API token of a user stops working.</summary>
    public static Command Accounts()
    {
        var user = new Argument<string>("user") { Description = "The account whose API tokens to revoke." };
        var revoke = new Command("revoke-tokens", "Revoke every active API token of a user at once (each revocation is audited).") { user };
        revoke.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var database = await CliStore.ReadyAsync(cancellationToken);
            var count = await ApiTokens.RevokeAllAsync(database, Operator, parse.GetValue(user)!);
            Console.WriteLine($"{parse.GetValue(user)}: 已吊销 {count} 个令牌 (tokens revoked)");
            return ExitCodes.Ok;
        }));
        return new Command("accounts", "Account-wide actions: revoke-tokens.") { revoke };
    }

    public static Command Token()
    {
        var user = new Argument<string>("user") { Description = "The account the token acts as." };
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. 'nightly export'.", Required = true };
        var days = new Option<int?>("--days") { Description = "Expire after this many days (default: never; revoke it instead)." };
        var create = new Command("create", "Create an API token. It is printed once, on standard output; only its hash is kept.") { user, name, days };
        create.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var database = await CliStore.ReadyAsync(cancellationToken);
            var created = await ApiTokens.CreateAsync(database, Operator, parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(days));
            Console.WriteLine(created.Token);
            await Console.Error.WriteLineAsync($"令牌 {created.Record.Id}（{created.Record.Name}，用户 {created.Record.User}）已创建，只显示这一次。 " +
                                               $"Token {created.Record.Id} created; it is shown this once. Use: Authorization: Bearer <token>");
            return ExitCodes.Ok;
        }));

        var of = new Option<string?>("--user") { Description = "Only this user's tokens." };
        var list = new Command("list", "List API tokens (prefix, owner, expiry, last use, revocation); never the tokens.") { of };
        list.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            foreach (var t in await ApiTokens.ListAsync(database, parse.GetValue(of)))
            {
                Console.WriteLine($"{t.Id}\t{t.User}\t{t.Prefix}…\t{t.Name}\t{(t.RevokedAt is not null ? "revoked " + t.RevokedAt : t.ExpiresAt is not null ? "expires " + t.ExpiresAt : "active")}");
            }
            return ExitCodes.Ok;
        }));

        var id = new Argument<long>("id");
        var revoke = new Command("revoke", "Revoke an API token by its id: it stops working at once.") { id };
        revoke.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            var database = await CliStore.ReadyAsync(cancellationToken);
            var token = await ApiTokens.RevokeAsync(database, Operator, parse.GetValue(id));
            Console.WriteLine($"令牌 {token.Id} 已吊销 (revoked)");
            return ExitCodes.Ok;
        }));
        return new Command("token", "API tokens for machine clients: create, list, revoke.") { create, list, revoke };
    }

    public static Command Audit()
    {
        var head = new Option<string?>("--head") { Description = "A head hash recorded earlier: also detects entries cut off the end." };
        var verify = new Command("verify", $"Check that no audit entry was altered, removed or reordered (exit {ExitCodes.VerificationFailed} if one was).") { head };
        verify.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var result = await AuditLog.VerifyAsync(database, parse.GetValue(head));
            if (result.Intact && !result.GuardsInPlace)
            {
                await Console.Error.WriteLineAsync($"审计日志链完好，共 {result.Count} 条，但数据库禁止修改审计日志的触发器缺失或被停用 " +
                                                   $"(chain intact, {result.Count} entries, but the database triggers that refuse UPDATE/DELETE of the audit log are missing or disabled)");
                return ExitCodes.VerificationFailed;
            }
            if (result.Intact)
            {
                Console.WriteLine($"审计日志完整 (audit log intact): {result.Count} entries, head {result.Head}");
                return ExitCodes.Ok;
            }
            await Console.Error.WriteLineAsync($"审计日志被改动 (audit log altered): {result.Problem} — {result.ProblemEn}");
            return ExitCodes.VerificationFailed;
        }));

        var format = new Option<string>("--format") { Description = "csv or json.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--out") { Description = "File to write (default: standard output)." };
        var export = new Command("export", "Export the audit log (CSV cells that could be read as spreadsheet formulas are prefixed with ').") { format, output };
        export.SetAction(async (parse, cancellationToken) => await CliCommands.Guard(async () =>
        {
            if (await CliStore.MigratedAsync(cancellationToken) is not { } database) return ExitCodes.Storage;
            var file = parse.GetValue(output);
            await using var writer = file is null ? Console.Out : new StreamWriter(file.FullName, false, new UTF8Encoding(true));
            if (parse.GetValue(format) == "csv") await AuditLog.WriteCsvAsync(database, new AuditFilter(), writer);
            else
            {
                var entries = new List<AuditEntry>();
                await foreach (var e in AuditLog.AllAsync(database)) entries.Add(e);
                await writer.WriteLineAsync(JsonSerializer.Serialize(entries, Json));
            }
            return ExitCodes.Ok;
        }));
        return new Command("audit", "The audit log: verify its hash chain, export it.") { verify, export };
    }

    /// <summary>One line from standard input when it is redirected (scripts: `echo "$PW" | industrymap user add …`), else a hidden prompt.</summary>
    private static string? ReadPassword(bool confirm)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine();
        var first = Prompt("密码 (password): ");
        if (!confirm) return first;
        var second = Prompt("再次输入密码 (repeat password): ");
        if (first == second) return first;
        throw RefusedException.Invalid("passwords_differ", "两次输入的密码不一致", "the two passwords differ");
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) break;
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; continue; }
            if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return text.ToString();
    }
}
