namespace IndustryMap.Writing;

public enum RefusalKind { Invalid, NotFound, Conflict, RuleViolated, Forbidden }

/// <summary>
/// A write that was refused before anything was stored: invalid input, a missing record, a conflicting edit, a
/// broken policy rule. <see cref="Code"/> is stable for machines; the web host turns it into a problem document
/// (400, 404, 409, 422, 403), the CLI into exit code 2.
/// </summary>
public sealed class RefusedException(RefusalKind kind, string code, string message, string messageEn,
    IReadOnlyDictionary<string, object?>? details = null) : Exception(message + " (" + messageEn + ")")
{
    public RefusalKind Kind { get; } = kind;
    public string Code { get; } = code;
    public string MessageZh { get; } = message;
    public string MessageEn { get; } = messageEn;
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();

    public static RefusedException Invalid(string code, string message, string messageEn, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RefusalKind.Invalid, code, message, messageEn, details);

    public static RefusedException NotFound(string code, string message, string messageEn) => new(RefusalKind.NotFound, code, message, messageEn);

    public static RefusedException Conflict(string code, string message, string messageEn, IReadOnlyDictionary<string, object?>? details = null) =>
        new(RefusalKind.Conflict, code, message, messageEn, details);
}
