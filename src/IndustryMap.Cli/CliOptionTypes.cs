using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace IndustryMap.Cli;

/// <summary>
/// Option values that are not of the option's type are refused in words, naming the option and the value
/// ("--amount 须为数字，例如 10 或 2.5，而不是“abc” / --amount must be a number …"), instead of System.CommandLine's
/// "expected type 'System.Nullable`1[System.Decimal]'". Applied to every option of every verb (issue 14).
/// </summary>
public static class CliOptionTypes
{
    public static void Explain(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<decimal?> o: o.CustomParser = r => Parse<decimal?>(r, o.Name, "数字，例如 10 或 2.5", "a number, such as 10 or 2.5",
                    t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null); break;
                case Option<decimal> o: o.CustomParser = r => Parse<decimal?>(r, o.Name, "数字，例如 10 或 2.5", "a number, such as 10 or 2.5",
                    t => decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : null) ?? 0m; break;
                case Option<int?> o: o.CustomParser = r => Parse<int?>(r, o.Name, "整数，例如 5", "a whole number, such as 5",
                    t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null); break;
                case Option<int> o: o.CustomParser = r => Parse<int?>(r, o.Name, "整数，例如 5", "a whole number, such as 5",
                    t => int.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null) ?? 0; break;
                case Option<long?> o: o.CustomParser = r => Parse<long?>(r, o.Name, "整数，例如 12", "a whole number, such as 12",
                    t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null); break;
            }
        }
        foreach (var sub in command.Subcommands) Explain(sub);
    }

    private static T? Parse<T>(ArgumentResult result, string option, string zh, string en, Func<string, T?> parse)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
        var value = parse(token);
        if (value is null) result.AddError($"{option} 须为{zh}，而不是“{token}”。 {option} must be {en}, not \"{token}\".");
        return value;
    }
}
