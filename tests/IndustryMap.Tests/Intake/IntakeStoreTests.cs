using System.Text;
using Dapper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IndustryMap.Authorization;
using IndustryMap.Intake;
using IndustryMap.Plans;
using IndustryMap.Tests.Infrastructure;
using IndustryMap.Writing;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace IndustryMap.Tests.Intake;

/// <summary>Upload, refusals, review and acceptance on both engines (issue 16 §1, §3).</summary>
public class IntakeStoreTests
{
    private static readonly Actor Admin = new(1, "admin", Role.Admin, null);
    private static readonly Actor Wanzhou = new(2, "wz-officer", Role.Unit, "万州区");
    private static readonly Actor Nanan = new(3, "na-officer", Role.Unit, "南岸区");

    // 700 亿元 for 2025 agrees with what seed 003 stores for 万州区; 800 亿元 does not.
    private const string Plan = "万州区制造业提升计划（2023—2025年）\n\n到 2025 年，全区规模以上工业总产值达到 800 亿元，市级以上绿色工厂 9 个。";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    public static byte[] Docx(params string[] paragraphs)
    {
        using var memory = new MemoryStream();
        using (var document = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(paragraphs.Select(p => new Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(p) { Space = SpaceProcessingModeValues.Preserve })))));
        }
        return memory.ToArray();
    }

    private static byte[] Pdf(string? text)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        if (text is not null) page.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(40, 700), builder.AddStandard14Font(Standard14Font.Helvetica));
        return builder.Build();
    }

    private static async Task<(long Documents, long Intakes, long Audit)> CountsAsync(TestStore store)
    {
        await using var c = await store.Database.OpenAsync();
        return (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents"), await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM intake_documents"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log"));
    }

    [Fact]
    public void Files_DocxAndPdfTextAreRead()
    {
        var docx = IntakeFiles.Read(Docx("Title", "", "2025 target 700"), "plan.docx");
        Assert.Equal("docx", docx.Kind);
        Assert.Equal(["Title", "", "2025 target 700"], docx.Lines.Lines);
        var pdf = IntakeFiles.Read(Pdf("Target 2025: 700"), "plan.pdf");
        Assert.Equal("pdf", pdf.Kind);
        Assert.Contains("700", string.Concat(pdf.Lines.Lines), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "empty", "intake_empty" },
        { "blank", "intake_empty" },
        { "png", "intake_wrong_type" },
        { "xlsx-as-docx", "intake_wrong_type" },
        { "exe-name", "intake_wrong_type" },
        { "too-large", "intake_too_large" },
        { "scanned-pdf", "intake_pdf_no_text" },
    };

    private static (byte[] Content, string Name, IntakeLimits? Limits) Bad(string kind) => kind switch
    {
        "empty" => ([], "plan.txt", null),
        "blank" => (Utf8("  \n\n "), "plan.txt", null),
        "png" => ([0x89, (byte)'P', (byte)'N', (byte)'G', 0, 0, 0, 0], "plan.txt", null),
        "xlsx-as-docx" => (IndustryMap.Spreadsheets.Xlsx.Write(IndustryMap.Spreadsheets.XlsxSheet.Table("s", ["a"], [["1"]])), "plan.docx", null),
        "exe-name" => (Utf8("到 2025 年达到 1 个。"), "plan.exe", null),
        "too-large" => (Utf8(new string('字', 400)), "plan.txt", new IntakeLimits { MaxFileBytes = 1000 }),
        _ => (Pdf(null), "scan.pdf", null),
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Files_BadOnesAreRefusedWithACodeNamingTheFile(string kind, string code)
    {
        var (content, name, limits) = Bad(kind);
        var refused = Assert.Throws<RefusedException>(() => IntakeFiles.Read(content, name, limits));
        Assert.Equal(code, refused.Code);
        Assert.StartsWith(name, refused.MessageZh, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ARefusedFileStoresNothing(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var before = await CountsAsync(store);
        foreach (var kind in new[] { "empty", "png", "scanned-pdf" })
        {
            var (content, name, _) = Bad(kind);
            await Assert.ThrowsAsync<RefusedException>(() => IntakeStore.CreateAsync(store.Database, Admin, new NewIntake(name, content, null, null, null, "万州区")));
        }
        var forbidden = await Assert.ThrowsAsync<RefusedException>(() =>
            IntakeStore.CreateAsync(store.Database, Nanan, new NewIntake("plan.txt", Utf8(Plan), null, null, null, "万州区")));
        Assert.Equal(RefusalKind.Forbidden, forbidden.Kind);
        Assert.Equal(before, await CountsAsync(store));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task UploadKeepsTheBytesAndTheLines_AcceptedTargetsBecomeDataWithProvenance_ConflictsShowBeforeAndAfter(string engine)
    {
        // The store's one clock stamps the upload and the decisions (issue 10 §13).
        await using var store = await TestStore.SeededAsync(engine, FakeClock.AtUtc("2026-03-01T02:00:00Z"));
        var content = Docx(Plan.Split('\n'));
        var detail = await IntakeStore.CreateAsync(store.Database, Wanzhou, new NewIntake("计划.docx", content, null, "万州区经济信息委", null, "万州区"));

        Assert.Equal(content, (await IntakeStore.FileAsync(store.Database, detail.Document.Id))!.Value.Content);
        var lines = await IndustryMap.Documents.DocumentQueries.LinesAsync(store.Database, detail.Document.DocumentId, 1, 10);
        Assert.Equal(Plan.Split('\n'), lines.Select(l => l.Text));
        Assert.Equal((2023L, 2025L), (detail.Document.PeriodStart!.Value, detail.Document.PeriodEnd!.Value));

        var targets = detail.Proposals.Where(p => p.Row.Kind == "target").ToList();
        var output = Assert.Single(targets, p => p.Proposed.GetProperty("value").GetDecimal() == 800m);
        var factories = Assert.Single(targets, p => p.Proposed.GetProperty("value").GetDecimal() == 9m);
        // Seed 003 stores 700 亿元 for 万州区 2025 (规模以上工业总产值): shown as a conflict before anything is accepted.
        Assert.Contains(output.Conflicts, c => c.Plan == "wz14" && c.Document == "003" && c.Year == 2025);
        Assert.All(output.Conflicts, c => Assert.Equal(700m, c.Value));
        Assert.Equal(3, output.Row.SrcFrom);

        var decided = await IntakeStore.DecideAsync(store.Database, Wanzhou, detail.Document.Id,
            [new IntakeDecision(output.Row.Id, null, "accept"), new IntakeDecision(factories.Row.Id, null, "reject")]);
        Assert.Equal("accepted", decided.Proposals.Single(p => p.Row.Id == output.Row.Id).Row.Status);
        Assert.Equal("rejected", decided.Proposals.Single(p => p.Row.Id == factories.Row.Id).Row.Status);

        var stored = (await PlanQueries.TargetsAsync(store.Database)).Single(t => t.SrcDocument == detail.Document.DocumentId);
        Assert.Equal((800m, 2025L, "万州区", 3L, 3L, "wz-officer", "2026-03-01T02:00:00.000Z"),
            (stored.Value, stored.Year!.Value, stored.Scope!, stored.SrcFrom!.Value, stored.SrcTo!.Value, stored.EnteredBy!, stored.EnteredAt!));
        // …and stored as a conflict: /api/targets lists the seed's 700 against it, and the seed's row the new 800.
        var all = await PlanQueries.TargetsAsync(store.Database);
        var conflicts = PlanQueries.Conflicts(all, all, await Equivalences.LoadAsync(store.Database));
        Assert.Contains(conflicts[stored.Id], o => o.PlanId == "wz14" && o.Value == 700m);
        var seedRow = all.Single(t => t.PlanId == "wz14" && t.IndicatorCode == "ind01" && t.Year == 2025 && t.SourceKind == "table");
        Assert.Contains(conflicts[seedRow.Id], o => o.Id == stored.Id);

        // A decided proposal is not decided again; another unit's officer may not review.
        var again = await Assert.ThrowsAsync<RefusedException>(() => IntakeStore.DecideAsync(store.Database, Admin, detail.Document.Id,
            [new IntakeDecision(output.Row.Id, null, "reject")]));
        Assert.Equal("already_decided", again.Code);
        var other = await Assert.ThrowsAsync<RefusedException>(() => IntakeStore.DecideAsync(store.Database, Nanan, detail.Document.Id,
            [new IntakeDecision(null, "designation", "accept")]));
        Assert.Equal(RefusalKind.Forbidden, other.Kind);

        await using var c = await store.Database.OpenAsync();
        var actions = (await c.QueryAsync<string>("SELECT action FROM audit_log WHERE action LIKE 'intake.%' ORDER BY id")).ToList();
        Assert.Equal(["intake.upload", "intake.accept", "intake.reject"], actions);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditsAreAppliedAndChecked_AllOfAKindAtOnce(string engine)
    {
        await using var store = await TestStore.SeededAsync(engine);
        var detail = await IntakeStore.CreateAsync(store.Database, Admin, new NewIntake("plan.txt", Utf8(Plan), "测试", null, null, "万州区"));
        var first = detail.Proposals.First(p => p.Row.Kind == "target");
        var bad = await Assert.ThrowsAsync<RefusedException>(() => IntakeStore.DecideAsync(store.Database, Admin, detail.Document.Id,
            [new IntakeDecision(first.Row.Id, null, "accept", new TargetEdit(Comparator: "most"))]));
        Assert.Equal("bad_comparator", bad.Code);

        var edited = await IntakeStore.DecideAsync(store.Database, Admin, detail.Document.Id,
            [new IntakeDecision(first.Row.Id, null, "accept", new TargetEdit(Indicator: "规模以上工业总产值", Value: 1.4m, Unit: "万亿元", Comparator: "ge"))]);
        var row = edited.Proposals.Single(p => p.Row.Id == first.Row.Id);
        var stored = (await PlanQueries.TargetsAsync(store.Database)).Single(t => t.Id == row.Row.TargetId);
        Assert.Equal((1.4m, "万亿元", 14000m, "ge"), (stored.Value, stored.Unit!, stored.NormalizedValue!.Value, stored.Comparator));

        var rest = await IntakeStore.DecideAsync(store.Database, Admin, detail.Document.Id, [new IntakeDecision(null, "target", "reject")]);
        Assert.All(rest.Proposals.Where(p => p.Row.Kind == "target" && p.Row.Id != first.Row.Id), p => Assert.Equal("rejected", p.Row.Status));
    }
}
