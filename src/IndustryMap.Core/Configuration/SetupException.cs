namespace IndustryMap.Configuration;

/// <summary>
/// The installation is not ready to run: a configuration value is wrong, or the store needs a migration first.
/// The CLI reports it as exit code 3 with its message; any other InvalidOperationException is a defect and is not
/// disguised as "store unavailable".
/// </summary>
public sealed class SetupException(string message) : InvalidOperationException(message);
