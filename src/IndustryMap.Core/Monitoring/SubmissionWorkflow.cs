namespace IndustryMap.Monitoring;

public static class SubmissionStates
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Returned = "returned";

    public static string Chinese(string state) => state switch
    {
        Draft => "草稿",
        Submitted => "已提交",
        Approved => "已审核（锁定）",
        Returned => "已退回",
        _ => state,
    };
}

public static class SubmissionActions
{
    public const string Edit = "edit";
    public const string Submit = "submit";
    public const string Approve = "approve";
    public const string Return = "return";
    public const string Unlock = "unlock";
}

public sealed record TransitionResult(bool Allowed, string? NewState, string? Code, string? Message)
{
    public static TransitionResult To(string state) => new(true, state, null, null);
    public static TransitionResult Refuse(string code, string message) => new(false, null, code, message);
}

/// <summary>
/// The submission workflow (issue 7 §1, after DHIS2's data approval): a unit's values for a period go draft →
/// submitted → approved (locked), or back to the unit as returned with a comment; only an administrator's unlock,
/// with a reason, reopens an approved submission. Who may act at all is decided by the authorisation rules; this
/// decides what the state allows.
/// </summary>
public static class SubmissionWorkflow
{
    public static TransitionResult Apply(string state, string action, string? comment = null) => (state, action) switch
    {
        (SubmissionStates.Draft or SubmissionStates.Returned, SubmissionActions.Edit) => TransitionResult.To(SubmissionStates.Draft),
        (SubmissionStates.Draft or SubmissionStates.Returned, SubmissionActions.Submit) => TransitionResult.To(SubmissionStates.Submitted),
        (SubmissionStates.Submitted, SubmissionActions.Approve) => TransitionResult.To(SubmissionStates.Approved),
        (SubmissionStates.Submitted, SubmissionActions.Return) when !string.IsNullOrWhiteSpace(comment) => TransitionResult.To(SubmissionStates.Returned),
        (SubmissionStates.Submitted, SubmissionActions.Return) => TransitionResult.Refuse("comment_required", "退回时必须填写意见"),
        (SubmissionStates.Approved, SubmissionActions.Unlock) when !string.IsNullOrWhiteSpace(comment) => TransitionResult.To(SubmissionStates.Draft),
        (SubmissionStates.Approved, SubmissionActions.Unlock) => TransitionResult.Refuse("reason_required", "解锁时必须填写理由"),
        (SubmissionStates.Approved, SubmissionActions.Edit or SubmissionActions.Submit) =>
            TransitionResult.Refuse("locked", "该期数据已审核锁定，须由管理员填写理由解锁后才能修改"),
        (SubmissionStates.Submitted, SubmissionActions.Edit) => TransitionResult.Refuse("awaiting_review", "数据已提交待审核，审核退回后才能修改"),
        _ => TransitionResult.Refuse("invalid_transition", $"状态“{SubmissionStates.Chinese(state)}”下不能执行该操作"),
    };
}

public sealed record ValueCheck(string Indicator, string Severity, string Code, string Message);

/// <summary>Validation before submission (issue 7 §1): required, allowed range, and a warning on a large move from the previous period.</summary>
public static class SubmissionValidation
{
    public const decimal DefaultChangeWarningShare = 0.5m;

    public static IEnumerable<ValueCheck> Check(string indicator, decimal? value, decimal? previous, decimal? min, decimal? max, bool required,
        decimal changeWarningShare = DefaultChangeWarningShare)
    {
        if (value is null)
        {
            if (required) yield return new ValueCheck(indicator, "error", "required", "必填指标未填写");
            yield break;
        }
        if (min is not null && value < min) yield return new ValueCheck(indicator, "error", "below_range", $"数值 {value} 小于允许的最小值 {min}");
        if (max is not null && value > max) yield return new ValueCheck(indicator, "error", "above_range", $"数值 {value} 大于允许的最大值 {max}");
        if (previous is { } p && p != 0 && Math.Abs(value.Value - p) / Math.Abs(p) > changeWarningShare)
        {
            yield return new ValueCheck(indicator, "warning", "large_change",
                $"与上期 {p} 相比变化 {Math.Round((value.Value - p) / Math.Abs(p) * 100, 1)}%，超过 {changeWarningShare * 100}%，请核实");
        }
    }
}
