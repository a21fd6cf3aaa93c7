namespace IndustryMap.Cli;

/// <summary>industrymap: the command line. Verbs and exit codes are listed in CliCommands and the README.</summary>
public static class CliProgram
{
    public static Task<int> Main(string[] args) => CliCommands.Build().Parse(args).InvokeAsync();
}
