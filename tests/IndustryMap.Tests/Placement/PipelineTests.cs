using System.Data.Common;
using Dapper;
using IndustryMap.Authorization;
using IndustryMap.Pipeline;
using IndustryMap.Placement;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Writing;

namespace IndustryMap.Tests.Placement;

/// <summary>The pipeline on both engines: stages forward with dates, who and when, and the reports.</summary>
public class PipelineTests(SeededStores stores) : IClassFixture<SeededStores>
{
    private static readonly Actor Officer = new(4, "investor", Role.Investment, null);

    private static Task<PipelineProject> Add(TestStore store, string unit, decimal amount, string stage = "signed", string on = "2024-01-10",
        string description = "年产5万吨磷酸铁锂正极材料") =>
        ProjectPipeline.CreateAsync(store.Database, new PlacementService(store.Database), Officer,
            new NewPipelineProject($"{unit}项目{amount}", description, unit, AmountYi: amount, Origin: Origins.OutsideCity, Stage: stage, StageOn: on));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AProject_MovesForwardWithDates_EachStepAttributed(string engine)
    {
        var store = await stores.Get(engine);
        // The rank kept with the project is the engine's rank for the chosen unit at that moment (a tie shares its first rank).
        var placedBefore = await new PlacementService(store.Database).PlaceAsync(
            new PlacementRequest("年产5万吨磷酸铁锂正极材料", 12.5m, null, Origins.OutsideCity, false, null));
        var fengdu = Assert.Single(placedBefore.Candidates, c => c.Unit == "丰都县");
        var project = await Add(store, "丰都县", 12.5m, stage: "negotiating", on: "2024-01-10");
        Assert.Equal(("negotiating", "investor", 1L), (project.Stage, project.CreatedBy, project.Version));
        Assert.Equal("新能源材料", project.Industry);
        Assert.Equal((long)fengdu.Rank, project.PlacementRank);
        Assert.True(fengdu.Rank <= 5, $"丰都县 designates 新能源材料 and should rank in the top five, ranked {fengdu.Rank}");

        var signed = await ProjectPipeline.MoveAsync(store.Database, Officer, project.Id, new StageMove("signed", "2024-03-01", "签约仪式", 1));
        var building = await ProjectPipeline.MoveAsync(store.Database, Officer, project.Id, new StageMove("construction", "2024-06-18", null, signed.Version));
        Assert.Equal(["negotiating", "signed", "construction"], building.Events.Select(e => e.Stage));
        Assert.Equal("2024-06-18", building.StartedOn);
        Assert.All(building.Events, e => Assert.Equal("investor", e.RecordedBy));
        Assert.Equal(3L, building.Version);

        var back = await Assert.ThrowsAsync<RefusedException>(() => ProjectPipeline.MoveAsync(store.Database, Officer, project.Id, new StageMove("signed", "2024-07-01")));
        Assert.Contains("stage_not_forward", Codes(back));
        var early = await Assert.ThrowsAsync<RefusedException>(() => ProjectPipeline.MoveAsync(store.Database, Officer, project.Id, new StageMove("production", "2024-05-01")));
        Assert.Contains("date_before_previous", Codes(early));
        var stale = await Assert.ThrowsAsync<RefusedException>(() => ProjectPipeline.MoveAsync(store.Database, Officer, project.Id, new StageMove("production", "2025-01-01", null, 1)));
        Assert.Equal((RefusalKind.Conflict, "version_conflict"), (stale.Kind, stale.Code));
        Assert.Contains("investor", stale.MessageZh);

        await using var connection = await store.Database.OpenAsync();
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'pipeline_projects' AND entity_key = @key AND actor = 'investor'", new { key = project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        // The stage history is append-only in the database too.
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE pipeline_stage_events SET stage_on = '2020-01-01'"));
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM pipeline_stage_events"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Reports_ByStageAndUnit_AndThe渝西FloorPerDistrictAndYear(string engine)
    {
        // The only test of this class that places projects in 永川区, 璧山区 and 万州区.
        var store = await stores.Get(engine);
        // 永川区 2024: 30 + 25 started → the floor is met; 2025: 10 started → 40 short. A production stage without a
        // construction stage still counts as a start. 璧山区's signed project has not started. 万州区 is not 渝西.
        var a = await Add(store, "永川区", 30m);
        await ProjectPipeline.MoveAsync(store.Database, Officer, a.Id, new StageMove("construction", "2024-04-01"));
        var b = await Add(store, "永川区", 25m);
        await ProjectPipeline.MoveAsync(store.Database, Officer, b.Id, new StageMove("production", "2024-11-30"));
        var c = await Add(store, "永川区", 10m, on: "2025-01-02");
        await ProjectPipeline.MoveAsync(store.Database, Officer, c.Id, new StageMove("construction", "2025-02-01"));
        await Add(store, "璧山区", 60m);
        var w = await Add(store, "万州区", 80m);
        await ProjectPipeline.MoveAsync(store.Database, Officer, w.Id, new StageMove("construction", "2024-04-01"));

        var floor = await ProjectPipeline.YuxiFloorAsync(store.Database);
        Assert.Equal(8 * 5, floor.Count); // 8 districts × 2023–2027
        var y2024 = floor.Single(r => r.Unit == "永川区" && r.Year == 2024);
        Assert.Equal((2L, 55m, true, 0m), (y2024.Projects, y2024.StartedYi, y2024.Met, y2024.Shortfall));
        var y2025 = floor.Single(r => r.Unit == "永川区" && r.Year == 2025);
        Assert.Equal((1L, 10m, false, 40m), (y2025.Projects, y2025.StartedYi, y2025.Met, y2025.Shortfall));
        Assert.Equal(0m, floor.Single(r => r.Unit == "璧山区" && r.Year == 2024).StartedYi);
        Assert.DoesNotContain(floor, r => r.Unit == "万州区");

        var report = await ProjectPipeline.ByStageAndUnitAsync(store.Database);
        Assert.Contains(report, r => r is { Unit: "永川区", Stage: "construction", Projects: 2, AmountYi: 40m });
        Assert.Contains(report, r => r is { Unit: "永川区", Stage: "production", Projects: 1, AmountYi: 25m });
        Assert.Contains(report, r => r is { Unit: "璧山区", Stage: "signed", Projects: 1, StageChinese: "签约" });
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task OnlyInvestmentOfficersAndTheAdministratorWrite_AndInputIsChecked(string engine)
    {
        var store = await stores.Get(engine);
        var unitOfficer = new Actor(2, "wz-officer", Role.Unit, "万州区");
        var forbidden = await Assert.ThrowsAsync<RefusedException>(() => ProjectPipeline.CreateAsync(store.Database, new PlacementService(store.Database), unitOfficer,
            new NewPipelineProject("无权写入的项目", "铜管", "万州区")));
        Assert.Equal(RefusalKind.Forbidden, forbidden.Kind);
        var invalid = await Assert.ThrowsAsync<RefusedException>(() => ProjectPipeline.CreateAsync(store.Database, new PlacementService(store.Database), Officer,
            new NewPipelineProject("", "铜管", "万州区", Origin: "abroad", Stage: "dreaming", StageOn: "2024-13-01")));
        var codes = Codes(invalid);
        Assert.Contains("required", codes);
        Assert.Contains("invalid_origin", codes);
        Assert.Contains("unknown_stage", codes);
        Assert.Contains("malformed_date", codes);
        Assert.DoesNotContain(await ProjectPipeline.ListAsync(store.Database), p => p.Name == "无权写入的项目" || p.Description == "铜管");
    }

    [Fact]
    public void StartedOn_IsTheFirstStageAtOrAfterConstruction()
    {
        StageEvent E(string stage, string on) => new() { Stage = stage, StageOn = on };
        Assert.Null(PipelineRules.StartedOn([E("negotiating", "2024-01-01"), E("signed", "2024-02-01")]));
        Assert.Equal("2024-05-01", PipelineRules.StartedOn([E("signed", "2024-02-01"), E("construction", "2024-05-01"), E("production", "2025-01-01")]));
        Assert.Equal("2025-01-01", PipelineRules.StartedOn([E("signed", "2024-02-01"), E("production", "2025-01-01")]));
    }

    [Fact]
    public void Move_ForwardOnly_DatesInOrder_NotInTheFuture()
    {
        var today = new DateOnly(2026, 6, 1);
        Assert.Null(PipelineRules.Move("negotiating", "construction", "2026-01-01", "2026-02-01", today)); // skipping 签约 is allowed
        Assert.Equal("stage_not_forward", PipelineRules.Move("signed", "signed", null, "2026-02-01", today)?.Code);
        Assert.Equal("stage_not_forward", PipelineRules.Move("construction", "tracking", null, "2026-02-01", today)?.Code);
        Assert.Equal("unknown_stage", PipelineRules.Move("signed", "abandoned", null, "2026-02-01", today)?.Code);
        Assert.Equal("date_in_future", PipelineRules.Move("signed", "production", null, "2026-06-02", today)?.Code);
        Assert.Equal("date_before_previous", PipelineRules.Move("signed", "production", "2026-03-01", "2026-02-28", today)?.Code);
    }

    private static List<string> Codes(RefusedException refused) =>
        refused.Errors.Count > 0 ? refused.Errors.Select(e => e.Code).ToList() : [refused.Code];
}
