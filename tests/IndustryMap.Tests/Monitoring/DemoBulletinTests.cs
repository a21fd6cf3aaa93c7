using System.Text.Json;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using IndustryMap.Monitoring;
using IndustryMap.Tests.Infrastructure;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace IndustryMap.Tests.Monitoring;

/// <summary>One host per engine with `industrymap demo` data.</summary>
public sealed class DemoHosts : IAsyncLifetime
{
    private readonly Dictionary<string, Task<MonitoringHost>> _hosts = [];
    private readonly Lock _lock = new();

    public Task<MonitoringHost> Get(string engine)
    {
        lock (_lock)
        {
            if (!_hosts.TryGetValue(engine, out var host))
            {
                _hosts[engine] = host = MonitoringHost.StartAsync(engine, db => DemoData.GenerateAsync(db, MonitoringHost.SystemActor));
            }
            return host;
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values.Where(h => h.IsCompletedSuccessfully)) await host.Result.DisposeAsync();
    }
}

/// <summary>Issue 7 "done when": the bulletin for a demo period opens as a valid .docx (read back) and ranks units as the index says.</summary>
public class DemoBulletinTests(DemoHosts hosts) : IClassFixture<DemoHosts>
{
    private const string Yuxi = "渝西地区先进制造业“赛马”指数";

    private static List<string> Texts(W.TableRow row) => row.Elements<W.TableCell>().Select(c => c.InnerText).ToList();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DemoBulletin_IsAValidWordDocument_ThatRanksUnitsAsTheIndexSays(string engine)
    {
        var host = await hosts.Get(engine);
        var ranking = (await host.Get("/api/rankings?period=2025Q3&index=yuxi", MonitoringHost.Viewer))[0];
        Assert.True(ranking.GetProperty("demo").GetBoolean());
        Assert.Equal("2025Q2", ranking.GetProperty("previousPeriod").GetString());
        var group = ranking.GetProperty("groups")[0];
        Assert.Equal("渝西地区", group.GetProperty("group").GetString());
        var lines = group.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal(8, lines.Count);

        // The index, recomputed here from the measures it reports: min–max to 0–100 within the group, weighted mean, ranked by score.
        var weights = ranking.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("weight").GetDecimal()).ToList();
        var values = lines.Select(l => l.GetProperty("scores").EnumerateArray().Select(s => s.GetProperty("value").GetDecimal()).ToList()).ToList();
        for (var u = 0; u < lines.Count; u++)
        {
            decimal total = 0;
            for (var i = 0; i < weights.Count; i++)
            {
                var column = values.Select(v => v[i]).ToList();
                var score = Math.Round((values[u][i] - column.Min()) / (column.Max() - column.Min()) * 100, 4);
                Assert.Equal(score, lines[u].GetProperty("scores")[i].GetProperty("score").GetDecimal());
                total += score * weights[i];
            }
            Assert.Equal(Math.Round(total / weights.Sum(), 4), lines[u].GetProperty("score").GetDecimal());
        }
        var scores = lines.Select(l => l.GetProperty("score").GetDecimal()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(Enumerable.Range(1, 8), lines.Select(l => l.GetProperty("rank").GetInt32()));

        // The growth measure is the submitted value on the one a year before, and those are the values the unit submitted.
        var jiangjin = lines.Single(l => l.GetProperty("unit").GetString() == "江津区").GetProperty("scores")[0];
        var behind = jiangjin.GetProperty("submitted").EnumerateArray().Select(s => (s.GetProperty("period").GetString(), s.GetProperty("value").GetDecimal())).ToList();
        Assert.Equal(["2025Q3", "2024Q3"], behind.Select(b => b.Item1));
        Assert.Equal(Math.Round((behind[0].Item2 / behind[1].Item2 - 1) * 100, 4), jiangjin.GetProperty("value").GetDecimal());
        var form = await host.Get("/api/submissions/江津区/2025Q3", MonitoringHost.Viewer);
        var submitted = form.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("indicator").GetString() == "yx2027/ind01");
        Assert.Equal(behind[0].Item2, submitted.GetProperty("value").GetDecimal());
        Assert.True(submitted.GetProperty("demo").GetBoolean());
        Assert.True(form.GetProperty("demo").GetBoolean());

        // The Word document: valid Office Open XML, laid out as a bulletin, its 渝西 table in the index's order.
        var bytes = await host.Bytes("/api/bulletins/2025Q3.docx?includeDemo=true", MonitoringHost.Viewer);
        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var invalid = new OpenXmlValidator().Validate(document).Select(e => $"{e.Description} @ {e.Path?.XPath}").Distinct().ToList();
        Assert.True(invalid.Count == 0, string.Join("\n", invalid));
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("关于2025年第三季度全市制造业重点指标监测和“赛马”情况的通报", paragraphs);
        Assert.Contains("产业监测通报〔2025〕第3期", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("【演示数据】", StringComparison.Ordinal));
        Assert.Contains("二、“赛马”排名", paragraphs);
        Assert.Contains("重庆市经济和信息化委员会", paragraphs);
        var heading = body.Elements<W.Paragraph>().First(p => p.InnerText == "二、“赛马”排名");
        Assert.Equal("黑体", heading.Descendants<W.RunFonts>().First().EastAsia!.Value);
        Assert.Equal("仿宋", body.Elements<W.Paragraph>().First(p => p.InnerText.StartsWith("为落实", StringComparison.Ordinal)).Descendants<W.RunFonts>().First().EastAsia!.Value);
        var caption = body.Elements<W.Paragraph>().First(p => p.InnerText.EndsWith($"{Yuxi}·渝西地区", StringComparison.Ordinal));
        var table = caption.ElementsAfter().OfType<W.Table>().First();
        var rows = table.Elements<W.TableRow>().ToList();
        Assert.Equal(["排名", "区县", "综合得分", "较上期"], Texts(rows[0]).Take(4));
        Assert.Equal(lines.Select(l => l.GetProperty("unit").GetString()), rows.Skip(1).Select(r => Texts(r)[1]));
        Assert.Equal(lines.Select(l => l.GetProperty("score").GetDecimal().ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)),
            rows.Skip(1).Select(r => Texts(r)[2]));

        // The workbook says the same.
        var xlsx = await host.Bytes("/api/bulletins/2025Q3.xlsx?includeDemo=true", MonitoringHost.Viewer);
        using var xstream = new MemoryStream(xlsx);
        using var workbook = SpreadsheetDocument.Open(xstream, false);
        Assert.Empty(new OpenXmlValidator().Validate(workbook).Select(e => $"{e.Description} @ {e.Path?.XPath}").Distinct());
        var sheet = workbook.WorkbookPart!.Workbook.Sheets!.Elements<X.Sheet>().Single(s => s.Name == "赛马排名");
        var sheetRows = ((WorksheetPart)workbook.WorkbookPart.GetPartById(sheet.Id!)).Worksheet.Descendants<X.Row>()
            .Select(r => r.Elements<X.Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(lines.Select(l => l.GetProperty("unit").GetString()), sheetRows.Where(r => r[0] == Yuxi).Select(r => r[3]));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Exports_LeaveDemoValuesOut_UnlessAskedFor(string engine)
    {
        var host = await hosts.Get(engine);
        var official = await host.Get("/api/rankings?period=2025Q3&index=yuxi&includeDemo=false");
        Assert.False(official[0].GetProperty("demo").GetBoolean());
        Assert.All(official[0].GetProperty("groups")[0].GetProperty("units").EnumerateArray(), u => Assert.Equal(3, u.GetProperty("missing").GetInt32()));

        using var stream = new MemoryStream(await host.Bytes("/api/bulletins/2025Q3.docx"));
        using var document = WordprocessingDocument.Open(stream, false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.DoesNotContain(paragraphs, p => p.Contains("演示数据", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Contains("已报送 0 个（其中已审核锁定 0 个）", StringComparison.Ordinal)); // demo reports are no reports
        var far = paragraphs.FindIndex(p => p.StartsWith("（一）严重滞后", StringComparison.Ordinal));
        Assert.Equal("无。", paragraphs[far + 1]);

        // The JSON the pages read shows demo values, marked.
        var bulletin = await host.Get("/api/bulletins/2025Q3");
        Assert.True(bulletin.GetProperty("demo").GetBoolean());
        var progress = await host.Get("/api/progress?unit=江津区&indicator=yx2027/ind01");
        Assert.All(progress.EnumerateArray().Where(p => p.TryGetProperty("actual", out _)), p => Assert.True(p.GetProperty("demo").GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task AnnualTargets_DeriveTheYearsBetweenStatedTargets_AndSayWhichAreDerived(string engine)
    {
        var host = await hosts.Get(engine);
        // 万州区 规上工业总产值: 332.3 (2020, stated baseline) → 510 (2023) → 700 (2025) → 1800 (2035 vision).
        var paths = await host.Get("/api/targets/annual?unit=万州区&indicator=wz14/ind01", MonitoringHost.Viewer);
        var path = Assert.Single(paths.EnumerateArray());
        Assert.Equal((2020, 332.3m, "stated"), (path.GetProperty("baselineYear").GetInt32(), path.GetProperty("baselineValue").GetDecimal(),
            path.GetProperty("baselineSource").GetString()));
        var steps = path.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("year").GetInt32(), s.GetProperty("value").GetDecimal(),
            s.GetProperty("derived").GetBoolean())).Take(5).ToList();
        Assert.Equal([(2021, 383.3042m, true), (2022, 442.137m, true), (2023, 510m, false), (2024, 597.4948m, true), (2025, 700m, false)], steps);
        // A demo target (a 渝西 unit the plan sets none for) is marked demo; its path is linear for a share.
        var demo = Assert.Single((await host.Get("/api/targets/annual?unit=江津区&indicator=yx2027/ind07")).EnumerateArray());
        Assert.True(demo.GetProperty("demo").GetBoolean());
        var values = demo.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("value").GetDecimal()).ToList();
        Assert.Equal(values[1] - values[0], values[2] - values[1]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Demo_LeavesTheLastQuarterPartlyReported_ForTheReportingRateView(string engine)
    {
        var host = await hosts.Get(engine);
        var rate = await host.Get("/api/periods/2025Q4/reporting");
        Assert.Equal(41, rate.GetProperty("expected").GetInt32());
        var states = rate.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("state").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "approved", "submitted", "draft", "returned", "not_started" }, states);
        Assert.True(rate.GetProperty("notStarted").GetInt32() > 0);
        Assert.True(rate.GetProperty("submittedLate").GetInt32() > 0);
        // Every value of every reporting unit is there for a fully reported quarter: 41 units × 2 quarterly 渝西 indicators, + 2 for 万州 and 2 for 南岸.
        await using var connection = await host.Database.OpenAsync();
        var count = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM submission_values v JOIN submissions s ON s.id = v.submission_id JOIN reporting_periods p ON p.id = s.period_id WHERE p.code = '2025Q3' AND v.is_demo = 1");
        Assert.Equal(41 * 2 + 2 + 2, count);
    }

    /// <summary>Issue 14: with demo values left out and nothing approved, the bulletin says so and cannot be finalised.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ABulletinWithNoApprovedValues_CannotBeFinalised(string engine)
    {
        var host = await hosts.Get(engine);
        // 2024Q4 holds demo values only: the official bulletin (demo left out) has nothing behind it.
        var official = await host.Get("/api/bulletins/2024Q4?includeDemo=false");
        Assert.DoesNotContain(official.GetProperty("rankings").EnumerateArray(), r => r.GetProperty("groups").EnumerateArray()
            .Any(g => g.GetProperty("units").EnumerateArray().Any(u => u.GetProperty("scores").EnumerateArray().Any(s => s.TryGetProperty("value", out _)))));
        var draft = await host.Ok(MonitoringHost.Admin, HttpMethod.Put, "/api/bulletins/2024Q4", new { version = 0, number = "渝经信发〔2025〕1号" });
        var refused = await host.Send(MonitoringHost.Admin, HttpMethod.Post, "/api/bulletins/2024Q4/review", new { version = draft.GetProperty("version").GetInt64() });
        Assert.Equal(400, refused.Status);
        Assert.Equal("bulletin_no_values", refused.Body.GetProperty("code").GetString());
        Assert.Equal("draft", (await host.Get("/api/bulletins/2024Q4")).GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Review_FreezesTheBulletin_WhileTheDataMovesOn(string engine)
    {
        var host = await hosts.Get(engine);
        const string url = "/api/submissions/江津区/2025Q2";
        // A real (not demo) approved value: a bulletin of demo values alone cannot be finalised (issue 14).
        async Task CorrectAsync(decimal value)
        {
            var form = await host.Get(url);
            var unlocked = await host.Ok(MonitoringHost.Admin, HttpMethod.Post, url + "/unlock", new { version = form.GetProperty("version").GetInt64(), reason = "更正" });
            var saved = await host.Ok(MonitoringHost.Jiangjin, HttpMethod.Put, url,
                new { version = unlocked.GetProperty("version").GetInt64(), values = new[] { new { indicator = "yx2027/ind01", value } } });
            Assert.False(saved.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("indicator").GetString() == "yx2027/ind01").GetProperty("demo").GetBoolean());
            var submitted = await host.Ok(MonitoringHost.Jiangjin, HttpMethod.Post, url + "/submit", new { version = saved.GetProperty("version").GetInt64() });
            await host.Ok(MonitoringHost.Admin, HttpMethod.Post, url + "/approve", new { version = submitted.GetProperty("version").GetInt64() });
        }
        await CorrectAsync(2000);
        var draft = await host.Ok(MonitoringHost.Admin, HttpMethod.Put, "/api/bulletins/2025Q2", new { version = 0, number = "渝经信发〔2025〕88号" });
        Assert.Equal(("draft", 1L), (draft.GetProperty("state").GetString(), draft.GetProperty("version").GetInt64()));
        Assert.Equal(403, (await host.Send(MonitoringHost.Jiangjin, HttpMethod.Post, "/api/bulletins/2025Q2/review", new { version = 1 })).Status);
        var reviewed = await host.Ok(MonitoringHost.Admin, HttpMethod.Post, "/api/bulletins/2025Q2/review", new { version = 1 });
        Assert.Equal("reviewed", reviewed.GetProperty("state").GetString());
        var before = await host.Get("/api/bulletins/2025Q2");
        Assert.Equal(("reviewed", "渝经信发〔2025〕88号"), (before.GetProperty("state").GetString(), before.GetProperty("number").GetString()));

        // A value behind it is unlocked and corrected: the rankings move, the reviewed bulletin does not.
        await CorrectAsync(99999);
        var live = (await host.Get("/api/rankings?period=2025Q2&index=yuxi"))[0].GetProperty("groups")[0].GetProperty("units")[0];
        Assert.Equal("江津区", live.GetProperty("unit").GetString());
        var after = await host.Get("/api/bulletins/2025Q2");
        Assert.Equal(before.GetProperty("rankings").ToString(), after.GetProperty("rankings").ToString());
        decimal Score(JsonElement ranking) => ranking.GetProperty("groups")[0].GetProperty("units").EnumerateArray()
            .Single(u => u.GetProperty("unit").GetString() == "江津区").GetProperty("score").GetDecimal();
        Assert.NotEqual(Score((await host.Get("/api/rankings?period=2025Q2&index=yuxi"))[0]), Score(after.GetProperty("rankings")[0]));

        using var stream = new MemoryStream(await host.Bytes("/api/bulletins/2025Q2.docx?includeDemo=true"));
        using var document = WordprocessingDocument.Open(stream, false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Contains("渝经信发〔2025〕88号", paragraphs);
        Assert.DoesNotContain(paragraphs, p => p.Contains("草稿", StringComparison.Ordinal));
    }

    /// <summary>Issue 14 §8: the demo gives a unit only targets of plans that apply to it — 渝中区 reports the 渝西 indicators for the city-wide index but has no 渝西 target.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Demo_GivesUnitsOnlyTargetsOfPlansThatApplyToThem(string engine)
    {
        var host = await hosts.Get(engine);
        await using var connection = await host.Database.OpenAsync();
        var outside = await connection.QueryAsync<string>(
            """
            SELECT DISTINCT u.name FROM monitoring_targets t JOIN indicators i ON i.id = t.indicator_id JOIN units u ON u.id = t.unit_id
            WHERE t.is_demo = 1 AND i.plan_id = 'yx2027'
            """);
        var yuxi = (await host.Get("/api/units")).EnumerateArray()
            .Where(u => u.GetProperty("groups").EnumerateArray().Any(g => g.GetString() == "渝西地区")).Select(u => u.GetProperty("name").GetString()).ToHashSet();
        Assert.Equal(8, yuxi.Count);
        Assert.NotEmpty(outside);
        Assert.All(outside, unit => Assert.Contains(unit, yuxi));
        Assert.Empty((await host.Get("/api/targets/annual?unit=渝中区&indicator=yx2027/ind07")).EnumerateArray());
        // 渝中区 still reports, and is ranked in the city-wide index on measures that need no target.
        var districts = (await host.Get("/api/rankings?period=2025Q3&index=districts", MonitoringHost.Viewer))[0];
        var yuzhong = districts.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("units").EnumerateArray())
            .Single(u => u.GetProperty("unit").GetString() == "渝中区");
        Assert.Equal(0, yuzhong.GetProperty("missing").GetInt32());
    }

    /// <summary>Issue 14 §8: page numbers in the footer (a PAGE field between dashes), the 文号 in the header, no invented totals, numbers that fit their columns.</summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BulletinDocx_HasPageNumbersAndHeader_AndColumnsWideEnoughForTheirNumbers(string engine)
    {
        var host = await hosts.Get(engine);
        using var stream = new MemoryStream(await host.Bytes("/api/bulletins/2025Q3.docx?includeDemo=true", MonitoringHost.Viewer));
        using var document = WordprocessingDocument.Open(stream, false);
        var main = document.MainDocumentPart!;
        var section = main.Document.Body!.Elements<W.SectionProperties>().Single();
        var footerId = section.Elements<W.FooterReference>().Single().Id!.Value!;
        var footer = ((FooterPart)main.GetPartById(footerId)).Footer!;
        var field = footer.Descendants<W.SimpleField>().Single();
        Assert.Equal("PAGE", field.Instruction!.Value!.Trim());
        Assert.Equal("— 1 —", footer.InnerText);
        var header = ((HeaderPart)main.GetPartById(section.Elements<W.HeaderReference>().Single().Id!.Value!)).Header!;
        Assert.Contains("产业监测通报〔2025〕第3期", header.InnerText);
        Assert.Contains("【演示数据】", header.InnerText);

        var paragraphs = main.Document.Body!.Elements<W.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.DoesNotContain(paragraphs, p => p.Contains("加总", StringComparison.Ordinal));

        foreach (var table in main.Document.Body!.Elements<W.Table>())
        {
            var grid = table.Elements<W.TableGrid>().Single().Elements<W.GridColumn>().Select(g => int.Parse(g.Width!.Value!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(grid.Sum() <= BulletinFiles.TextWidth, $"table {grid.Sum()} twips wider than the text {BulletinFiles.TextWidth}");
            Assert.Equal(W.TableLayoutValues.Fixed, table.Descendants<W.TableLayout>().Single().Type!.Value);
            foreach (var row in table.Elements<W.TableRow>())
            {
                var cells = row.Elements<W.TableCell>().ToList();
                for (var c = 0; c < cells.Count; c++)
                {
                    // The longest run of digits, signs and points, at half an em per character of the table's size, plus the margins.
                    var runs = System.Text.RegularExpressions.Regex.Matches(cells[c].InnerText, @"[0-9A-Za-z.,%+\-]+").Select(m => m.Length).DefaultIfEmpty(0).Max();
                    var need = runs * BulletinFiles.TableFontSize * 5 + BulletinFiles.CellMargins;
                    Assert.True(grid[c] >= need, $"column {c} is {grid[c]} twips, '{cells[c].InnerText}' needs {need}");
                }
            }
        }
    }
}
