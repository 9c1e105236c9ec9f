using System.Management.Automation;
using System.Security.Cryptography;

// The real cmdlets live in this namespace; error ids and type names in scripts and error output match theirs.
namespace Microsoft.PowerShell.Commands;

[Cmdlet(VerbsCommon.Get, "Content", DefaultParameterSetName = PathSet)]
public sealed class GetContentCommand : ItemCmdletBase
{
    [Parameter] public SwitchParameter Raw { get; set; }
    [Parameter] public string? Encoding { get; set; }
    [Parameter] public SwitchParameter AsByteStream { get; set; }

    [Parameter]
    [Alias("First", "Head")]
    public long TotalCount { get; set; } = -1;

    protected override void ProcessRecord() => ForEachPath(path =>
    {
        foreach (var file in FileSystemPaths.Existing(this, path, IsLiteral))
        {
            if (Directory.Exists(file))
                throw new PSArgumentException($"Unable to get content because it is a directory: '{path}'. Please use 'Get-ChildItem' instead.");
            var encoding = TextEncodings.Parse(Encoding);
            if (AsByteStream || encoding.Bytes)
            {
                var bytes = File.ReadAllBytes(file);
                if (Raw) WriteObject(bytes);
                else WriteObject(TotalCount >= 0 ? bytes.Take((int)TotalCount) : bytes, enumerateCollection: true);
                continue;
            }
            var text = Encoding is null ? File.ReadAllText(file) : File.ReadAllText(file, encoding.Text);
            if (Raw)
            {
                WriteObject(text);
                continue;
            }
            var lines = ContentLines.Split(text);
            WriteObject(TotalCount >= 0 ? lines.Take((int)TotalCount) : lines, enumerateCollection: true);
        }
    });
}

/// <summary>Set-Content and Add-Content: lines end with CRLF, as files written on Windows do.</summary>
public abstract class WriteContentCommandBase : PSCmdlet
{
    private readonly List<object?> _values = [];

    [Parameter(Position = 0, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LiteralPath")]
    public string[] Path { get; set; } = [];

    [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyCollection]
    public object?[]? Value { get; set; }

    [Parameter] public string? Encoding { get; set; }
    [Parameter] public SwitchParameter NoNewline { get; set; }
    [Parameter] public SwitchParameter AsByteStream { get; set; }
    [Parameter] public SwitchParameter Force { get; set; }
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected abstract bool Appends { get; }

    protected override void ProcessRecord()
    {
        if (Value is not null) _values.AddRange(Value);
    }

    protected override void EndProcessing()
    {
        var encoding = TextEncodings.Parse(Encoding);
        var bytes = AsByteStream || encoding.Bytes ? Bytes() : encoding.Text.GetPreamble().Concat(encoding.Text.GetBytes(Text())).ToArray();
        foreach (var path in Path)
        {
            try
            {
                var file = FileSystemPaths.ForWriting(this, path);
                if (Appends && File.Exists(file))
                {
                    // Appending must not repeat the byte-order mark.
                    var body = AsByteStream || encoding.Bytes ? bytes : encoding.Text.GetBytes(Text());
                    using var stream = new FileStream(file, FileMode.Append, FileAccess.Write);
                    stream.Write(body);
                }
                else
                {
                    File.WriteAllBytes(file, bytes);
                }
                if (PassThru) WriteObject(_values, enumerateCollection: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "WriteContentFailed", ErrorCategory.WriteError, path));
            }
            catch (RuntimeException e)
            {
                WriteError(e.ErrorRecord);
            }
        }
    }

    private string Text()
    {
        var lines = _values.Select(v => PowerShellValues.Unwrap(v)?.ToString() ?? "");
        return NoNewline ? string.Concat(lines) : string.Concat(lines.Select(l => l + "\r\n"));
    }

    private byte[] Bytes() => _values.SelectMany(v => PowerShellValues.Unwrap(v) switch
    {
        byte[] array => array,
        byte single => [single],
        var other => [LanguagePrimitives.ConvertTo<byte>(other)],
    }).ToArray();
}

[Cmdlet(VerbsCommon.Set, "Content")]
public sealed class SetContentCommand : WriteContentCommandBase
{
    protected override bool Appends => false;
}

[Cmdlet(VerbsCommon.Add, "Content")]
public sealed class AddContentCommand : WriteContentCommandBase
{
    protected override bool Appends => true;
}

[Cmdlet(VerbsCommon.Get, "FileHash", DefaultParameterSetName = PathSet)]
public sealed class GetFileHashCommand : ItemCmdletBase
{
    [Parameter(Position = 1)]
    [ValidateSet("SHA1", "SHA256", "SHA384", "SHA512", "MD5")]
    public string Algorithm { get; set; } = "SHA256";

    protected override void ProcessRecord() => ForEachPath(path =>
    {
        foreach (var file in FileSystemPaths.Existing(this, path, IsLiteral))
        {
            using var stream = File.OpenRead(file);
            var hash = Algorithm.ToUpperInvariant() switch
            {
                "SHA1" => SHA1.HashData(stream),
                "SHA384" => SHA384.HashData(stream),
                "SHA512" => SHA512.HashData(stream),
                "MD5" => MD5.HashData(stream),
                _ => SHA256.HashData(stream),
            };
            var result = new PSObject();
            result.Properties.Add(new PSNoteProperty("Algorithm", Algorithm.ToUpperInvariant()));
            result.Properties.Add(new PSNoteProperty("Hash", Convert.ToHexString(hash)));
            result.Properties.Add(new PSNoteProperty("Path", DisplayPaths.Windows(file)));
            WriteObject(result);
        }
    });
}

internal static class ContentLines
{
    public static string[] Split(string text)
    {
        if (text.Length == 0) return [];
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        return text.EndsWith('\n') || text.EndsWith('\r') ? lines[..^1] : lines;
    }
}
