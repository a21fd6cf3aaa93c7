namespace IndustryMap.Import;

/// <summary>
/// One problem in an import, named by file, row and field. <see cref="Code"/> is stable for machines;
/// <see cref="Message"/> is the Chinese text shown to people, <see cref="MessageEn"/> the English one.
/// </summary>
public sealed record ImportError(string File, int? Row, string? Field, string Code, string Message, string MessageEn, string? Value = null)
{
    public override string ToString() =>
        $"{File}{(Row is null ? "" : $" 第{Row}行")}{(Field is null ? "" : $" 字段 {Field}")}: {Message} [{Code}]";
}

/// <summary>Thrown when an import is refused; nothing was written.</summary>
public sealed class ImportRefusedException(IReadOnlyList<ImportError> errors)
    : Exception($"导入被拒绝，共 {errors.Count} 个错误，数据库未作任何更改 (import refused, {errors.Count} error(s), nothing changed):\n" +
                string.Join('\n', errors.Take(50)))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}
