using IndustryMap.Web;

// The web host: pages under wwwroot, the JSON API under /api. IndustryMapApp lists what is mapped.
var app = IndustryMapApp.Create(args);
await app.RunAsync();

public partial class Program;
