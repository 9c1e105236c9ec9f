namespace Coordinator.Inventory;

/// <summary>Where a secret is kept.</summary>
public enum SecretSource
{
    EnvironmentVariable,
    File,
}

/// <summary>
/// Names where a secret lives (<c>env:NAME</c> or <c>file:PATH</c>) without holding it. The value is read only by
/// <see cref="Resolve"/>, at the moment it is needed, so it never sits in the inventory, the journal or a log.
/// </summary>
public sealed record SecretReference
{
    private SecretReference(SecretSource source, string target)
    {
        Source = source;
        Target = target;
    }

    public SecretSource Source { get; }

    /// <summary>The environment variable's name, or the file's absolute path.</summary>
    public string Target { get; }

    public static SecretReference FromEnvironmentVariable(string name) => new(SecretSource.EnvironmentVariable, name);

    public static SecretReference FromFile(string absolutePath) => new(SecretSource.File, absolutePath);

    /// <summary>Reads back what <see cref="ToString"/> wrote: <c>env:NAME</c> or <c>file:/absolute/path</c>.</summary>
    /// <exception cref="FormatException">Anything else; the message never quotes the text, which may be a secret itself.</exception>
    public static SecretReference Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.StartsWith("env:", StringComparison.Ordinal) && reference.Length > 4)
        {
            return FromEnvironmentVariable(reference[4..]);
        }

        if (reference.StartsWith("file:", StringComparison.Ordinal) && Path.IsPathFullyQualified(reference[5..]))
        {
            return FromFile(reference[5..]);
        }

        throw new FormatException("A secret reference is env:NAME or file:/absolute/path.");
    }

    /// <summary>Reads the secret now: the variable's value, or the file's content without surrounding whitespace.</summary>
    /// <exception cref="SecretResolutionException">
    /// The variable is unset or empty, or the file is missing, unreadable, empty or holds more than one line.
    /// The message names the reference, never any part of the value.
    /// </exception>
    public string Resolve()
    {
        var value = Source == SecretSource.EnvironmentVariable ? ReadVariable() : ReadFile();
        if (value.Length == 0)
        {
            throw new SecretResolutionException(this, Source == SecretSource.EnvironmentVariable
                ? $"The environment variable {Target} (from {this}) is empty."
                : $"The secret file {Target} (from {this}) is empty.");
        }

        // A line break would let a value smuggle extra headers into an HTTP request.
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new SecretResolutionException(this, $"The secret from {this} spans more than one line; it must hold the secret alone.");
        }

        return value;
    }

    /// <summary>The reference as written in an inventory, for messages: <c>env:NAME</c> or <c>file:/absolute/path</c>.</summary>
    public override string ToString() => Source == SecretSource.EnvironmentVariable ? $"env:{Target}" : $"file:{Target}";

    private string ReadVariable() =>
        System.Environment.GetEnvironmentVariable(Target)?.Trim()
        ?? throw new SecretResolutionException(this,
            $"The environment variable {Target} (from {this}) is not set. Set it in the coordinator's environment.");

    private string ReadFile()
    {
        if (Directory.Exists(Target))
        {
            throw new SecretResolutionException(this, $"The secret file {Target} (from {this}) is a directory, not a file.");
        }

        try
        {
            return File.ReadAllText(Target).Trim();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SecretResolutionException(this, $"The secret file {Target} (from {this}) does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The I/O error describes the file, never its content, so it may travel with the exception.
            throw new SecretResolutionException(this, $"The secret file {Target} (from {this}) cannot be read: {e.Message}", e);
        }
    }
}
