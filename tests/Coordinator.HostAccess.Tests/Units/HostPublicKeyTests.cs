namespace Coordinator.HostAccess.Tests;

public sealed class HostPublicKeyTests
{
    [Fact]
    public async Task The_fingerprint_is_the_one_ssh_keygen_shows()
    {
        using var directory = new TemporaryDirectory();
        var privateKey = await SshKeygen.NewKeyAsync(directory.Path, "fingerprint");
        var publicKey = await File.ReadAllTextAsync(privateKey + ".pub");
        var shown = (await SshKeygen.RunAsync("-l", "-E", "sha256", "-f", privateKey + ".pub")).Split(' ')[1];

        var key = HostPublicKey.Parse(publicKey);

        Assert.Equal(shown, key.Fingerprint);
        Assert.Equal("ssh-ed25519", key.Type);
        Assert.Equal(string.Join(' ', publicKey.Split(' ')[..2]), key.ToString());
    }

    [Fact]
    public void Keys_with_the_same_type_and_blob_are_equal()
    {
        const string Text = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJekPAwHqNr6iK1p0mETgTYB7AIcu6I/9tw/CNOqQfdP";

        Assert.Equal(HostPublicKey.Parse(Text), HostPublicKey.Parse(Text + " a comment"));
        Assert.Equal(HostPublicKey.Parse(Text), HostPublicKey.FromBlob(Convert.FromBase64String(Text.Split(' ')[1])));
    }

    [Theory]
    [InlineData("ssh-ed25519")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIJekPAwHqNr6iK1p0mETgTYB7AIcu6I/9tw/CNOqQfdP")]
    [InlineData("ssh-ed25519 not-base64")]
    public void Malformed_keys_are_refused(string text) => Assert.Throws<FormatException>(() => HostPublicKey.Parse(text));
}
