using System.Globalization;
using IndustryMap.Writing;

namespace IndustryMap.Placement;

/// <summary>A placement request as typed (API body, CLI options, a batch row), before it is checked.</summary>
public sealed record PlacementInput(
    string? Description, decimal? AmountYi = null, decimal? LandMu = null, string? Origin = null, bool? ForeignInvested = null,
    string? Investor = null, string? FirstContactUnit = null);

/// <summary>Checks a placement request; the same problems and codes for the API, the CLI and batch files.</summary>
public static class PlacementRequests
{
    public const int MaxDescription = 2000;
    public const int MaxInvestor = 200;
    public const decimal MaxAmountYi = 100_000m;
    public const decimal MaxLandMu = 1_000_000m;

    public static (PlacementRequest? Request, IReadOnlyList<Refusal> Problems) Validate(PlacementInput input, PlacementCatalog catalog)
    {
        var problems = new List<Refusal>();
        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description))
        {
            problems.Add(Refusal.OfField("description", "description_required", "请填写项目描述（产品、产能、工艺等）", "description is required"));
        }
        else if (description.Length > MaxDescription)
        {
            problems.Add(Refusal.OfField("description", "description_too_long", $"项目描述最多 {MaxDescription} 字，现为 {description.Length} 字",
                string.Create(CultureInfo.InvariantCulture, $"description may have at most {MaxDescription} characters, not {description.Length}")));
        }
        else if (FieldRules.Text("description", "项目描述", description, MaxDescription, multiline: true) is { } error)
        {
            problems.Add(error);
        }
        if (input.AmountYi is < 0 or > MaxAmountYi)
        {
            problems.Add(Refusal.OfField("amountYi", "invalid_amount", $"投资额应在 0 至 {MaxAmountYi} 亿元之间", $"amountYi must be between 0 and {MaxAmountYi} (亿元)"));
        }
        if (input.LandMu is < 0 or > MaxLandMu)
        {
            problems.Add(Refusal.OfField("landMu", "invalid_land", $"用地应在 0 至 {MaxLandMu} 亩之间", $"landMu must be between 0 and {MaxLandMu} (亩)"));
        }
        string? origin = null;
        try
        {
            origin = Origins.Parse(input.Origin);
        }
        catch (ArgumentException)
        {
            problems.Add(Refusal.OfField("origin", "invalid_origin", $"来源“{input.Origin}”无效：应为 outside_city（市外招引）或 within_city（市内转移）",
                $"origin '{input.Origin}' must be outside_city or within_city"));
        }
        if (FieldRules.Text("investor", "投资方", input.Investor, MaxInvestor) is { } investorError)
        {
            problems.Add(Refusal.OfField("investor", investorError.Code == "too_long" ? "investor_too_long" : investorError.Code, investorError.Message, investorError.MessageEn));
        }
        string? firstContact = null;
        if (!string.IsNullOrWhiteSpace(input.FirstContactUnit))
        {
            firstContact = catalog.FindUnit(input.FirstContactUnit)?.Name;
            if (firstContact is null)
            {
                problems.Add(Refusal.OfField("firstContactUnit", "unknown_unit", $"首谈单位“{input.FirstContactUnit}”不是规划单元（区县名称，如“万州区”）",
                    $"firstContactUnit '{input.FirstContactUnit}' is not a planning unit"));
            }
        }
        return problems.Count > 0
            ? (null, problems)
            : (new PlacementRequest(description!, input.AmountYi, input.LandMu, origin, input.ForeignInvested ?? false, FieldRules.Clean(input.Investor), firstContact), problems);
    }
}
