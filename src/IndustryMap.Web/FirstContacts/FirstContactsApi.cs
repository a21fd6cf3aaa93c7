using IndustryMap.Writing;
using IndustryMap.Authorization;
using IndustryMap.FirstContacts;
using IndustryMap.Storage;
using IndustryMap.Units;
using IndustryMap.Web.Api;
using IndustryMap.Web.Authorization;
using IndustryMap.Spreadsheets;

namespace IndustryMap.Web.FirstContacts;

/// <summary>
/// The first-contact register (首谈登记, issue 6). A unit officer registers first contacts for their own unit (the
/// administrator for any unit); every signed-in user reads the register. Entries are append-only: there is no PUT or
/// DELETE here, and the database refuses both.
/// </summary>
public static class FirstContactsApi
{
    public sealed record RegisterBody(string? Unit, string? Investor, string? Project, decimal? AmountYi, string? ContactedOn, string? Note);

    public sealed record EntryView(long Seq, string Unit, string Investor, string Project, decimal? AmountYi, string ContactedOn, string? Note,
        long? ConflictWith, string RecordedBy, string RecordedAt, string PrevHash, string Hash);

    public sealed record RegistrationView(EntryView Entry, bool Conflict, EntryView? Earlier, string? ConflictText);

    public static void MapFirstContactsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/first-contacts").WithTags("first contacts");
        // The rule lets signed-in users through; the unit in the body is then checked (unit officer of that unit, or the administrator).
        api.MapPost("", Register).RequireRule(Rules.SignedIn).Produces<RegistrationView>(StatusCodes.Status201Created).WithName("RegisterFirstContact")
            .WithSummary("Register first contact (首谈): unit, investor, project, amountYi, contactedOn (YYYY-MM-DD), note. The unit's officer or the " +
                         "administrator. A second unit registering the same investor and project is stored and flagged as a conflict (both timestamps).");
        api.MapGet("", List).RequireRule(Rules.SignedIn).Produces<IReadOnlyList<EntryView>>().WithName("ListFirstContacts")
            .WithSummary("The register in order, with each entry's hash and the previous one's; filters: unit, investor, conflicts=true. Signed-in users.");
        api.MapGet("/export.xlsx", Export).RequireRule(Rules.SignedIn).ProducesFile(ResponseDeclarations.Xlsx).WithName("ExportFirstContacts")
            .WithSummary("The register as an Excel workbook, in order, with conflicts, who registered and when, and each entry's hash.");
        api.MapGet("/verify", Verify).RequireRule(Rules.SignedIn).Produces<RegisterVerification>().WithName("VerifyFirstContacts")
            .WithSummary("Walk the hash chain: intact, or the first broken entry; and whether the database still refuses changes.");
    }

    public static EntryView View(FirstContactEntry e) => new(e.Seq, e.Unit, e.Investor, e.Project, e.AmountYi is { } a ? Decimals.Normalize(a) : null,
        e.ContactedOn, e.Note, e.ConflictWith, e.RecordedBy, e.RecordedAt, e.PrevHash, e.Hash);

    private static async Task<IResult> Register(RegisterBody body, HttpContext http, Database database, CancellationToken cancellationToken)
    {
        var actor = http.RequireActor();
        // Say "forbidden" before looking at anything else, as the unit-data rule would for a route unit.
        if (!string.IsNullOrWhiteSpace(body.Unit) && await UnitQueries.FindAsync(database, body.Unit.Trim()) is { } unit)
        {
            RefusedException.UnlessAllowed(WriteRules.WriteUnitData(actor, unit.Name));
        }
        var registration = await FirstContactRegister.RegisterAsync(database, actor,
            new NewFirstContact(body.Unit, body.Investor, body.Project, body.AmountYi, body.ContactedOn, body.Note), cancellationToken);
        var view = new RegistrationView(View(registration.Entry), registration.IsConflict, registration.Earlier is { } e ? View(e) : null, registration.ConflictText);
        return Results.Created($"/api/first-contacts?seq={registration.Entry.Seq}", view);
    }

    private static async Task<IResult> List(string? unit, string? investor, bool? conflicts, long? seq, Database database) =>
        Results.Ok((await FirstContactRegister.ListAsync(database, new FirstContactRegister.Filter(unit, investor, conflicts ?? false)))
            .Where(e => seq is null || e.Seq == seq).Select(View).ToList());

    private static async Task<IResult> Export(Database database)
    {
        var entries = await FirstContactRegister.ListAsync(database);
        string[] headings = ["编号", "首谈单位", "投资方", "项目", "投资额（亿元）", "接触日期", "备注", "冲突", "登记人", "登记时间", "哈希"];
        var rows = entries.Select(e => (IReadOnlyList<object?>)
        [
            (decimal)e.Seq, e.Unit, e.Investor, e.Project, e.AmountYi is { } a ? Decimals.Normalize(a) : null, e.ContactedOn, e.Note,
            e.ConflictWith is { } c ? $"与第 {c} 号冲突" : null, e.RecordedBy, e.RecordedAt, e.Hash,
        ]);
        return Results.File(Xlsx.Write(XlsxSheet.Table("首谈登记", headings, rows)), Xlsx.ContentType, "首谈登记.xlsx");
    }

    private static async Task<IResult> Verify(Database database, CancellationToken cancellationToken) =>
        Results.Ok(await FirstContactRegister.VerifyAsync(database, cancellationToken));
}
