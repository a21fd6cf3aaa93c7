using System.Text.Encodings.Web;
using System.Text.Unicode;
using IndustryMap.Configuration;
using IndustryMap.Web.Accounts;
using IndustryMap.Web.Api;
using IndustryMap.Web.Audit;
using IndustryMap.Web.Caching;
using IndustryMap.Web.Catalog;
using IndustryMap.Web.Chains;
using IndustryMap.Web.Checks;
using IndustryMap.Web.Documents;
using IndustryMap.Web.FirstContacts;
using IndustryMap.Web.Intake;
using IndustryMap.Web.Import;
using IndustryMap.Web.Layout;
using IndustryMap.Web.Logging;
using IndustryMap.Web.Pipeline;
using IndustryMap.Web.Placement;
using IndustryMap.Web.Monitoring;
using IndustryMap.Web.Pages;
using IndustryMap.Web.Plans;
using IndustryMap.Web.Registries;
using IndustryMap.Web.Search;
using IndustryMap.Web.Security;
using IndustryMap.Web.Storage;
using IndustryMap.Web.Tables;
using IndustryMap.Web.Units;

namespace IndustryMap.Web;

/// <summary>Builds the web application; used by Program (the web host), the CLI's serve verb and the tests.</summary>
public static class IndustryMapApp
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        builder.AddIndustryMapRequestLogging();
        configure?.Invoke(builder);

        var options = IndustryMapOptions.From(key => builder.Configuration[key]);
        builder.Services.AddIndustryMapStorage(options);
        builder.Services.AddIndustryMapSecurity(options, key => builder.Configuration[key]);
        builder.Services.AddIndustryMapPlacement();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddIndustryMapPages();
        builder.Services.AddIndustryMapReadCache();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            // Chinese stays readable in the JSON; HTML-sensitive characters are still escaped.
            json.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });

        var app = builder.Build();
        app.UseIndustryMapRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages(PagesSetup.StatusCodePageAsync);
        app.UseIndustryMapSecurity(beforeRouting: pipeline => pipeline.UseReadCacheFastPath());
        app.UseIndustryMapPages();
        app.UseReadCache();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealth();
        app.MapDocumentsApi();
        app.MapUnitsApi();
        app.MapCatalogApi();
        app.MapLayoutApi();
        app.MapSearchApi();
        app.MapPlansApi();
        app.MapRegistriesApi();
        app.MapChainsApi();
        app.MapChecksApi();
        app.MapTablesApi();
        app.MapSignInPages();
        app.MapAccountsApi();
        app.MapAuditApi();
        app.MapLayoutEditionsApi();
        app.MapUnitProfilesApi();
        app.MapImportsApi();
        app.MapPlacementApi();
        app.MapFirstContactsApi();
        app.MapIntakeApi();
        app.MapPipelineApi();
        app.MapMonitoringApi();
        return app;
    }
}
