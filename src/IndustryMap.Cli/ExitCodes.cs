namespace IndustryMap.Cli;

/// <summary>Exit codes, documented in the README; scripts rely on them.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The command line itself is wrong (unknown verb, missing argument, bad option value).</summary>
    public const int Usage = 1;
    /// <summary>The input data was refused: nothing was written. The errors name file, row and field.</summary>
    public const int InvalidData = 2;
    /// <summary>The store could not be reached or is not ready (for example, pending migrations).</summary>
    public const int Storage = 3;
    /// <summary>`check --strict` found conflicts or mismatches.</summary>
    public const int Findings = 4;
    /// <summary>A verification failed: the audit log's or the first-contact register's hash chain is broken (an entry was altered, removed or cut off).</summary>
    public const int VerificationFailed = 5;
    /// <summary>`place` recognised no industry in the description: there is no placement (the ranking is printed, but has no basis).</summary>
    public const int NoMatch = 6;
}
