using IndustryMap.Web.Pages;

// industrymap-sitepack <wwwroot> <pack folder>: writes the Brotli and gzip variants of the site's files (decision 0030).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: IndustryMap.SitePack <wwwroot> <pack folder>");
    return 2;
}
var count = SitePack.Write(args[0], args[1]);
Console.WriteLine($"site-pack: {count} files compressed into {args[1]}");
return 0;
