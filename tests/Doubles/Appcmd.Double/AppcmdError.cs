namespace AppcmdDouble;

/// <summary>
/// A failure appcmd reports on stdout as <c>ERROR ( hresult:..., message:... )</c>; its exit code is the
/// Win32 error code inside the HRESULT.
/// </summary>
internal sealed class AppcmdError(int exitCode, string? hresult, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public string Line => hresult is null
        ? $"ERROR ( message:{Message} )"
        : $"ERROR ( hresult:{hresult}, message:{Message} )";

    public static AppcmdError SharingViolation() => new(32, "80070020",
        "Failed to commit configuration changes. The process cannot access the file because it is being used by another process.");

    public static AppcmdError ChangedOnDisk() => new(32, "80070020",
        "Cannot commit configuration changes because the file has changed on disk");

    public static AppcmdError Duplicate(string elementType, string keyAttribute, string keyValue) => new(183, "800700b7",
        $"Failed to add duplicate collection entry of type '{elementType}' with unique key attribute '{keyAttribute}' set to '{keyValue}'");

    public static AppcmdError NotFound(string objectType, string identifier) => new(1168, null,
        $"Cannot find {objectType} object with identifier \"{identifier}\".");

    public static AppcmdError MissingIdentifier(string objectType) => new(87, null,
        $"Must specify the {objectType} object with identifier or \"{objectType}.name\" parameter.");

    public static AppcmdError Required(string objectType, string attribute) => new(87, null,
        $"Cannot add {objectType}: the \"{attribute}\" attribute is required.");

    public static AppcmdError UnknownAttribute(string attribute) => new(87, null,
        $"Unknown attribute \"{attribute}\".  Replace with -? for help.");

    public static AppcmdError Usage(string detail) => new(87, null, detail);

    public static AppcmdError NotWellFormed(string path, string detail) => new(13, "8007000d",
        $"Configuration error {Environment.NewLine}Filename: {path}{Environment.NewLine}Error: Configuration file is not well-formed XML. {detail}{Environment.NewLine}");
}
