using Microsoft.AspNetCore.Http.Features;

namespace IndustryMap.Web.Security;

/// <summary>
/// Responses that carry a secret (an anti-forgery token, a new API token) are never compressed over HTTPS: a
/// compressed secret next to text an attacker can influence leaks through the response size (BREACH). Response
/// compression stays on for everything else (Pages/PagesSetup.cs).
/// </summary>
public static class SecretResponses
{
    public static TBuilder CarriesSecrets<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.Features.Get<IHttpsCompressionFeature>() is { } compression) compression.Mode = HttpsCompressionMode.DoNotCompress;
            return await next(context);
        });
}
