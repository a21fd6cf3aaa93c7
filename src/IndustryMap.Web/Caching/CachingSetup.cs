namespace IndustryMap.Web.Caching;

/// <summary>The read cache (issue 17, decision 0017): one instance, two places in the pipeline.</summary>
public static class CachingSetup
{
    public static IServiceCollection AddIndustryMapReadCache(this IServiceCollection services)
    {
        services.AddSingleton<VersionGate>();
        services.AddSingleton<ReadCache>();
        return services;
    }

    /// <summary>Before routing and authentication: anonymous GETs whose response is already built.</summary>
    public static IApplicationBuilder UseReadCacheFastPath(this IApplicationBuilder app)
    {
        var cache = app.ApplicationServices.GetRequiredService<ReadCache>();
        return app.Use((context, next) => cache.ServeBuiltAnonymousAsync(context, next));
    }

    /// <summary>After authorisation, before the endpoints: builds and serves per audience.</summary>
    public static IApplicationBuilder UseReadCache(this IApplicationBuilder app)
    {
        var cache = app.ApplicationServices.GetRequiredService<ReadCache>();
        return app.Use((context, next) => cache.InvokeAsync(context, next));
    }
}
