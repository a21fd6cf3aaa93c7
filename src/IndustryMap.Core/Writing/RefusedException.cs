using System.Globalization;
using System.Text.Json.Serialization;
using IndustryMap.Authorization;

namespace IndustryMap.Writing;

/// <summary>
/// How a refusal is answered: the web host maps it to 400, 404, 409, 422 or 403; the CLI to exit code 2, or exit code 3
/// for <see cref="Setup"/> (the installation's own settings are wrong, not the caller's input).
/// </summary>
public enum RefusalKind { Invalid, NotFound, Conflict, RuleViolated, Forbidden, Setup }

/// <summary>
/// One reason an input was refused, the one record of that shape (it replaced Refusal, Refusal, Refusal,
/// Refusal and Refusal): a stable <see cref="Code"/> for machines, Chinese <see cref="Message"/> for people,
/// <see cref="MessageEn"/>, and where it is — file, sheet, row, field (and, for monitoring values, the indicator; for
/// imports, the offending value). Location parts that do not apply are left out of the JSON.
/// </summary>
public sealed record Refusal(string Code, string Message, string MessageEn)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? File { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Sheet { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? Row { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Field { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Indicator { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Value { get; init; }

    /// <summary>A field of a request body or form.</summary>
    public static Refusal OfField(string field, string code, string message, string messageEn) => new(code, message, messageEn) { Field = field };

    /// <summary>A row and field of an imported file (CSV: the row is the 1-based line of the record).</summary>
    public static Refusal InFile(string file, int? row, string? field, string code, string message, string messageEn, string? value = null) =>
        new(code, message, messageEn) { File = file, Row = row, Field = field, Value = value };

    /// <summary>A cell of a workbook: file, sheet, row and field (column heading).</summary>
    public static Refusal InSheet(string? file, string? sheet, int? row, string field, string code, string message, string messageEn) =>
        new(code, message, messageEn) { File = file, Sheet = sheet, Row = row, Field = field };

    /// <summary>A line of a submission form, naming its indicator.</summary>
    public static Refusal InLine(int? row, string field, string indicator, string code, string message, string messageEn) =>
        new(code, message, messageEn) { Row = row, Field = field, Indicator = indicator };

    /// <summary>The location in Chinese, e.g. 文件“a.xlsx”工作表“节点”第 3 行“名称”.</summary>
    [JsonIgnore]
    public string Where => (File is null ? "" : $"文件“{File}”") + (Sheet is null ? "" : $"工作表“{Sheet}”") + (Row is null ? "" : $"第 {Row} 行") +
                           (Field is null ? "" : $"“{Field}”");

    /// <summary>The location in English, e.g. file 'a.xlsx', sheet '节点', row 3, field '名称'.</summary>
    [JsonIgnore]
    public string WhereEn => string.Join(", ", new[] { File is null ? null : $"file '{File}'", Sheet is null ? null : $"sheet '{Sheet}'",
        Row is null ? null : string.Create(CultureInfo.InvariantCulture, $"row {Row}"), Field is null ? null : $"field '{Field}'" }.OfType<string>());

    public override string ToString() =>
        $"{File}{(Sheet is null ? "" : $" 工作表 {Sheet}")}{(Row is null ? "" : $" 第{Row}行")}{(Field is null ? "" : $" 字段 {Field}")}: {Message} [{Code}]";
}

/// <summary>
/// The one refusal: a write, import, restore or setting refused before anything was stored — invalid input, a missing
/// record, a conflicting edit, a broken policy rule, a forbidden write. <see cref="Code"/> is stable for machines;
/// <see cref="MessageZh"/> is for people, <see cref="MessageEn"/> beside it. It may name where the problem is
/// (<see cref="File"/>, <see cref="Sheet"/>, <see cref="Row"/>, <see cref="Field"/>) and list every problem found
/// (<see cref="Errors"/>). The web host turns it into a problem document (Web/Api/RefusalProblems.cs), the CLI into a
/// one-line message and exit code 2.
/// </summary>
public sealed class RefusedException : Exception
{
    public RefusedException(RefusalKind kind, string code, string message, string messageEn, IReadOnlyDictionary<string, object?>? details = null)
        : this(kind, code, message, messageEn, details, message + " (" + messageEn + ")")
    {
    }

    private RefusedException(RefusalKind kind, string code, string message, string messageEn, IReadOnlyDictionary<string, object?>? details, string text)
        : base(text)
    {
        Kind = kind;
        Code = code;
        MessageZh = message;
        MessageEn = messageEn;
        Details = details ?? new Dictionary<string, object?>();
    }

    public RefusalKind Kind { get; }
    public string Code { get; }
    public string MessageZh { get; }
    public string MessageEn { get; }
    public IReadOnlyDictionary<string, object?> Details { get; }

    /// <summary>Every problem found, each with its own location (a refused import lists them all).</summary>
    public IReadOnlyList<Refusal> Errors { get; init; } = [];

    public string? File { get; init; }
    public string? Sheet { get; init; }
    public int? Row { get; init; }
    public string? Field { get; init; }

    public static RefusedException Invalid(string code, string message, string messageEn, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RefusalKind.Invalid, code, message, messageEn, details);

    public static RefusedException NotFound(string code, string message, string messageEn) => new(RefusalKind.NotFound, code, message, messageEn);

    public static RefusedException Conflict(string code, string message, string messageEn, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RefusalKind.Conflict, code, message, messageEn, details);

    /// <summary>A setting of the installation is wrong (environment variable, options): the operator must fix it.</summary>
    public static RefusedException Setup(string code, string message, string messageEn) => new(RefusalKind.Setup, code, message, messageEn);

    /// <summary>Every listed problem of an input in one refusal (400); the messages join the problems' own unless given.</summary>
    public static RefusedException Listing(string code, IReadOnlyList<Refusal> errors, string? message = null, string? messageEn = null) =>
        new(RefusalKind.Invalid, code,
            message ?? string.Join("；", errors.Select(e => e.Message)), messageEn ?? string.Join("; ", errors.Select(e => e.MessageEn)))
        {
            Errors = errors,
            Field = errors.Count == 1 ? errors[0].Field : null,
        };

    /// <summary>An import refused as a whole (422 <c>import_refused</c>); nothing was written. The message lists the first 50 problems.</summary>
    public static RefusedException Import(IReadOnlyList<Refusal> errors) =>
        new(RefusalKind.RuleViolated, "import_refused",
            $"导入被拒绝，数据库未作任何更改：共 {errors.Count} 个错误", $"import refused, nothing was written: {errors.Count} error(s)", null,
            $"导入被拒绝，共 {errors.Count} 个错误，数据库未作任何更改 (import refused, {errors.Count} error(s), nothing changed):\n" +
            string.Join('\n', errors.Take(50)))
        {
            Errors = errors,
        };

    /// <summary>The one authorisation check of Core: returns when the rule allows the write, refuses (403 <c>forbidden</c>) otherwise.</summary>
    public static void UnlessAllowed(Decision decision)
    {
        if (decision.Allowed) return;
        throw new RefusedException(RefusalKind.Forbidden, "forbidden", decision.Reason ?? "没有权限", decision.ReasonEn ?? "not allowed");
    }
}
