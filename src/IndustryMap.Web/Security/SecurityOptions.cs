using IndustryMap.Writing;
using IndustryMap.Configuration;
using System.Globalization;

namespace IndustryMap.Web.Security;

/// <summary>
/// What a deployment may tune about access and limits, read from configuration (environment variables), with
/// defaults in code and validated at start-up.
/// </summary>
public sealed record SecurityOptions
{
    public const string AnonymousReadVariable = "INDUSTRYMAP_ANONYMOUS_READ";
    public const string SignInPerMinuteVariable = "INDUSTRYMAP_SIGNIN_PER_MINUTE";
    public const string MaxBodyKbVariable = "INDUSTRYMAP_MAX_BODY_KB";
    public const string MaxUploadMbVariable = "INDUSTRYMAP_MAX_UPLOAD_MB";

    /// <summary>Anonymous visitors read the published map, layouts, plans and documents (issue 4 §2); false: everything needs sign-in.</summary>
    public bool AnonymousRead { get; init; } = true;

    /// <summary>Sign-in attempts per client address per minute (on top of the per-account lockout).</summary>
    public int SignInAttemptsPerMinute { get; init; } = 10;

    /// <summary>The largest request body of an ordinary write (JSON, forms).</summary>
    public long MaxBodyBytes { get; init; } = 256 * 1024;

    /// <summary>The largest upload (a zipped seed-data folder).</summary>
    public long MaxUploadBytes { get; init; } = 50L * 1024 * 1024;

    public static SecurityOptions From(Func<string, string?> lookup)
    {
        var options = new SecurityOptions();
        if (lookup(AnonymousReadVariable) is { Length: > 0 } anonymous)
        {
            options = options with
            {
                AnonymousRead = anonymous.Trim().ToLowerInvariant() switch
                {
                    "true" or "1" or "yes" => true,
                    "false" or "0" or "no" => false,
                    _ => throw RefusedException.Setup("invalid_setting", $"{AnonymousReadVariable}=“{anonymous}”应为 true 或 false",
                        $"{AnonymousReadVariable}='{anonymous}' must be true or false."),
                },
            };
        }
        options = options with
        {
            SignInAttemptsPerMinute = Positive(lookup, SignInPerMinuteVariable, options.SignInAttemptsPerMinute),
            MaxBodyBytes = Positive(lookup, MaxBodyKbVariable, (int)(options.MaxBodyBytes / 1024)) * 1024L,
            MaxUploadBytes = Positive(lookup, MaxUploadMbVariable, (int)(options.MaxUploadBytes / 1024 / 1024)) * 1024L * 1024,
        };
        return options;
    }

    private static int Positive(Func<string, string?> lookup, string key, int fallback)
    {
        var text = lookup(key);
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw RefusedException.Setup("invalid_setting", $"{key}=“{text}”应为正整数", $"{key}='{text}' must be a positive whole number.");
    }
}
