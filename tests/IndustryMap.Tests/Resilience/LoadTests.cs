using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using IndustryMap.Audit;
using IndustryMap.Authorization;
using IndustryMap.Layout;
using IndustryMap.Tests.Infrastructure;

namespace IndustryMap.Tests.Resilience;

/// <summary>
/// Concurrent readers and writers on one store (issue 4 §6): every request answers as it should (no 5xx, no lock
/// errors), every write that was accepted is there, contended writes are never lost, and the audit chain is intact.
/// Counts, not time, are asserted; bench/ measures time.
/// </summary>
public class LoadTests
{
    private static readonly string[] OwnUnits = ["江津区", "合川区", "永川区", "南川区", "綦江区", "璧山区", "铜梁区", "潼南区"];
    private const string SharedUnit = "涪陵区";
    private static readonly string[] DraftUnits = ["渝中区", "大渡口区", "江北区", "沙坪坝区"];
    private const int SavesEach = 12;

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ConcurrentReadersAndWriters_CompleteWithoutErrors_AndLoseNoWrite(string engine)
    {
        await using var app = await SecuredApp.CreateAsync(engine);
        await LayoutEditing.CreateDraftAsync(app.Store.Database, Actor.System("tests"), new NewEdition(2050, "负载测试草稿", null, null));
        var industries = new[] { "新能源材料", "轻合金材料", "生物医药", "集成电路" };
        var auditBefore = (await AuditLog.VerifyAsync(app.Store.Database)).Count;
        var unexpected = new ConcurrentBag<string>();
        var accepted = 0;
        var conflicts = 0;
        using var done = new CancellationTokenSource();

        async Task<HttpResponseMessage> Send(HttpClient client, Func<Task<HttpResponseMessage>> call, params HttpStatusCode[] expected)
        {
            var response = await call();
            if (!expected.Contains(response.StatusCode))
            {
                unexpected.Add($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            return response;
        }

        async Task<long> Version(HttpClient client, string unit) =>
            (await (await Send(client, () => client.GetAsync($"/api/units/{Uri.EscapeDataString(unit)}/profile"), HttpStatusCode.OK))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();

        // Writers with a unit of their own: every save must succeed.
        var own = OwnUnits.Select(unit => Task.Run(async () =>
        {
            using var client = app.As(People.Admin);
            for (var i = 0; i < SavesEach; i++)
            {
                var version = await Version(client, unit);
                var r = await Send(client, () => client.PutAsJsonAsync($"/api/units/{Uri.EscapeDataString(unit)}/profile",
                    new { contactPerson = $"{unit}联系人{i}", phone = "023-6000000" + (i % 10), version }), HttpStatusCode.OK);
                if (r.IsSuccessStatusCode) Interlocked.Increment(ref accepted);
            }
        })).ToList();

        // Writers contending for one record: conflicts are expected, lost updates are not; each retries until it lands.
        var contended = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            using var client = app.As(People.Admin);
            for (var i = 0; i < SavesEach; i++)
            {
                while (true)
                {
                    var version = await Version(client, SharedUnit);
                    var r = await Send(client, () => client.PutAsJsonAsync($"/api/units/{Uri.EscapeDataString(SharedUnit)}/profile",
                        new { description = $"writer {w} save {i}", version }), HttpStatusCode.OK, HttpStatusCode.Conflict);
                    if (r.StatusCode == HttpStatusCode.Conflict) { Interlocked.Increment(ref conflicts); continue; }
                    if (r.IsSuccessStatusCode) Interlocked.Increment(ref accepted);
                    break;
                }
            }
        })).ToList();

        // Layout writers: add a unit's characteristic industries to the draft and remove them again, several rounds.
        var layout = DraftUnits.Select(unit => Task.Run(async () =>
        {
            using var client = app.As(People.Admin);
            for (var round = 0; round < 3; round++)
            {
                var ids = new List<long>();
                foreach (var industry in industries)
                {
                    var r = await Send(client, () => client.PostAsJsonAsync("/api/layouts/2050/designations",
                        new { unit, role = "characteristic", industry }), HttpStatusCode.Created);
                    if (!r.IsSuccessStatusCode) continue;
                    Interlocked.Increment(ref accepted);
                    ids.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
                }
                foreach (var id in ids)
                {
                    if ((await Send(client, () => client.DeleteAsync($"/api/layouts/2050/designations/{id}"), HttpStatusCode.OK)).IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                }
            }
        })).ToList();

        // Readers, anonymous and signed in, until the writers are done.
        var reads = 0;
        var readers = Enumerable.Range(0, 6).Select(r => Task.Run(async () =>
        {
            using var client = app.As(r % 2 == 0 ? null : People.Viewer);
            string[] urls = ["/api/layouts/2023", "/api/units", "/api/search?q=" + Uri.EscapeDataString("汽车"), "/api/units/" + Uri.EscapeDataString(SharedUnit),
                "/api/layouts", "/api/clusters"];
            var i = 0;
            while (!done.IsCancellationRequested)
            {
                await Send(client, () => client.GetAsync(urls[i++ % urls.Length]), HttpStatusCode.OK);
                Interlocked.Increment(ref reads);
            }
        })).ToList();

        await Task.WhenAll([.. own, .. contended, .. layout]);
        await done.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(unexpected.IsEmpty, string.Join("\n", unexpected.Take(20)));
        Assert.True(reads > 0);
        var expectedWrites = OwnUnits.Length * SavesEach + 4 * SavesEach + DraftUnits.Length * 3 * industries.Length * 2;
        Assert.Equal(expectedWrites, accepted);
        foreach (var unit in OwnUnits) Assert.Equal(SavesEach, (await IndustryMap.Units.UnitProfiles.GetAsync(app.Store.Database, unit))!.Version);
        Assert.Equal(4 * SavesEach, (await IndustryMap.Units.UnitProfiles.GetAsync(app.Store.Database, SharedUnit))!.Version);
        await using (var connection = await app.Store.Database.OpenAsync())
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM layout_designations d JOIN layout_editions e ON e.id = d.edition_id WHERE e.year = 2050"));
        }
        var audit = await AuditLog.VerifyAsync(app.Store.Database);
        Assert.True(audit.Intact, audit.ProblemEn);
        Assert.Equal(auditBefore + expectedWrites, audit.Count);
    }
}
