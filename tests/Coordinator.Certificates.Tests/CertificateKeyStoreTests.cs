using System.Runtime.Versioning;

namespace Coordinator.Certificates.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class CertificateKeyStoreTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly Func<string, string?> NoEnvironment = _ => null;
    private readonly TempDirectory _dataDirectory = new();

    private string KeyFile => CertificateKeyStore.KeyFilePath(_dataDirectory.Path);

    [Fact]
    public async Task The_first_run_creates_a_key_file_readable_by_its_owner_only()
    {
        var key = await CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment);

        Assert.Equal(Path.Combine(_dataDirectory.Path, "keys", "certificates.key"), KeyFile);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(KeyFile));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(KeyFile)!));
        Assert.Equal(32, Convert.FromBase64String(await File.ReadAllTextAsync(KeyFile)).Length);
        Assert.Contains(KeyFile, key.Source);
        Assert.Equal([KeyFile], Directory.GetFiles(Path.GetDirectoryName(KeyFile)!));
    }

    [Fact]
    public async Task The_next_run_reuses_the_same_key()
    {
        var first = await CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment);
        var written = await File.ReadAllTextAsync(KeyFile);

        var second = await CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(written, await File.ReadAllTextAsync(KeyFile));
        var sealedCertificate = new CertificateVault(first).Seal("web-01", TestCertificates.Tentacle);
        Assert.Equal(TestCertificates.Tentacle.Thumbprint, new CertificateVault(second).Unseal("web-01", sealedCertificate).Thumbprint);
    }

    [Fact]
    public async Task A_key_file_created_meanwhile_by_another_process_is_never_replaced()
    {
        var keys = Path.Combine(_dataDirectory.Path, "keys");
        Directory.CreateDirectory(keys);
        var theirs = Path.Combine(keys, "certificates.key");
        var mine = Path.Combine(keys, "mine.tmp");
        await File.WriteAllTextAsync(theirs, "their key");
        await File.WriteAllTextAsync(mine, "my key");

        Assert.False(CertificateKeyStore.TryPublish(mine, theirs));
        Assert.Equal("their key", await File.ReadAllTextAsync(theirs));
    }

    [Fact]
    public async Task A_new_key_file_is_published_whole_under_its_final_name()
    {
        var keys = Path.Combine(_dataDirectory.Path, "keys");
        Directory.CreateDirectory(keys);
        var mine = Path.Combine(keys, "mine.tmp");
        await File.WriteAllTextAsync(mine, "my key");

        Assert.True(CertificateKeyStore.TryPublish(mine, KeyFile));
        Assert.Equal("my key", await File.ReadAllTextAsync(KeyFile));
    }

    [Theory]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public async Task A_key_file_other_users_can_reach_is_refused_with_the_fix(UnixFileMode extra)
    {
        await CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment);
        var keyText = (await File.ReadAllTextAsync(KeyFile)).Trim();
        File.SetUnixFileMode(KeyFile, OwnerReadWrite | extra);

        var error = await Assert.ThrowsAsync<CertificateException>(() =>
            CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment));

        Assert.Equal(CertificateProblem.KeyFileExposed, error.Problem);
        Assert.Contains($"chmod 600 {KeyFile}", error.Message);
        Assert.Contains($"(mode 0{Convert.ToString((int)(OwnerReadWrite | extra), 8)})", error.Message);
        Assert.DoesNotContain(keyText, error.Message);
    }

    [Fact]
    public async Task A_world_readable_key_file_is_used_again_once_fixed()
    {
        var created = await CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment);
        File.SetUnixFileMode(KeyFile, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await Assert.ThrowsAsync<CertificateException>(() => CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment));

        File.SetUnixFileMode(KeyFile, OwnerReadWrite);

        Assert.Equal(created.Id, (await CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment)).Id);
    }

    [Fact]
    public async Task A_key_file_with_bad_content_is_named()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        await File.WriteAllTextAsync(KeyFile, "not a key");
        File.SetUnixFileMode(KeyFile, OwnerReadWrite);

        var error = await Assert.ThrowsAsync<CertificateException>(() =>
            CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, NoEnvironment));

        Assert.Equal(CertificateProblem.InvalidKey, error.Problem);
        Assert.Contains($"key file {KeyFile} is not valid base64", error.Message);
    }

    [Fact]
    public async Task The_environment_variable_wins_and_no_key_file_is_written()
    {
        var value = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());

        var key = await CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, Environment(value));

        Assert.Equal(CertificateKey.FromBase64(value, "x").Id, key.Id);
        Assert.Equal("environment variable COORD_CERTIFICATE_KEY", key.Source);
        Assert.False(File.Exists(KeyFile));
    }

    public static TheoryData<string, string> InvalidEnvironmentKeys() => new()
    {
        { "c2VjcmV0LWJ1dC1ub3QtYmFzZTY0!!", "is not valid base64" },
        { Convert.ToBase64String(Enumerable.Repeat((byte)9, 16).ToArray()), "decodes to 16 bytes; it must be exactly 32" },
        { Convert.ToBase64String(Enumerable.Repeat((byte)9, 48).ToArray()), "decodes to 48 bytes; it must be exactly 32" },
        { "", "is empty" },
        { "   ", "is empty" },
    };

    [Theory]
    [MemberData(nameof(InvalidEnvironmentKeys))]
    public async Task An_invalid_environment_key_is_explained_without_printing_it(string value, string explanation)
    {
        var error = await Assert.ThrowsAsync<CertificateException>(() =>
            CertificateKeyStore.LoadOrCreateAsync(_dataDirectory.Path, Environment(value)));

        Assert.Equal(CertificateProblem.InvalidKey, error.Problem);
        Assert.Contains("environment variable COORD_CERTIFICATE_KEY", error.Message);
        Assert.Contains(explanation, error.Message);
        Assert.Contains("openssl rand -base64 32", error.Message);
        if (value.Trim().Length > 0)
        {
            Assert.DoesNotContain(value.Trim(), error.Message);
        }

        Assert.Null(error.InnerException);
        Assert.False(File.Exists(KeyFile));
    }

    public void Dispose() => _dataDirectory.Dispose();

    private static Func<string, string?> Environment(string value) =>
        name => name == CertificateKeyStore.EnvironmentVariable ? value : null;
}
