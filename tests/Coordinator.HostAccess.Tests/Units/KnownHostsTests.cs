using System.Security.Cryptography;
using System.Text;

namespace Coordinator.HostAccess.Tests;

public sealed class KnownHostsTests
{
    private static readonly HostPublicKey Ed25519 = Key("ssh-ed25519", 1);
    private static readonly HostPublicKey Other = Key("ssh-ed25519", 2);
    private static readonly HostPublicKey Ecdsa = Key("ecdsa-sha2-nistp256", 3);

    [Fact]
    public void A_plain_entry_names_the_host_on_port_22_only()
    {
        var knownHosts = KnownHosts.Parse($"web-01,10.0.0.5 {Ed25519}\n");

        Assert.Equal([Ed25519], knownHosts.For(["10.0.0.5"], 22).Keys);
        Assert.Equal([Ed25519], knownHosts.For(["WEB-01"], 22).Keys);
        Assert.Empty(knownHosts.For(["10.0.0.5"], 2222).Keys);
        Assert.Empty(knownHosts.For(["10.0.0.6"], 22).Keys);
    }

    [Fact]
    public void A_bracketed_entry_names_the_host_on_its_port()
    {
        var knownHosts = KnownHosts.Parse($"[10.0.0.5]:2222 {Ed25519}\n[10.0.0.5]:22 {Other}\n");

        Assert.Equal([Ed25519], knownHosts.For(["10.0.0.5"], 2222).Keys);
        Assert.Empty(knownHosts.For(["10.0.0.5"], 22).Keys);
    }

    [Theory]
    [InlineData("10.0.0.5", 22)]
    [InlineData("10.0.0.5", 2222)]
    [InlineData("web-01.example.com", 22)]
    public void A_hashed_entry_matches_the_name_it_was_hashed_from(string host, int port)
    {
        var knownHosts = KnownHosts.Parse($"{Hashed(KnownHosts.HostPattern(host, port))} {Ed25519}\n");

        Assert.Equal([Ed25519], knownHosts.For([host.ToUpperInvariant()], port).Keys);
        Assert.Empty(knownHosts.For(["10.0.0.99"], port).Keys);
        Assert.Empty(knownHosts.For([host], port == 22 ? 2222 : 22).Keys);
    }

    [Fact]
    public void Wildcards_and_negations_follow_openssh()
    {
        var knownHosts = KnownHosts.Parse($"*.example.com,!db-?.example.com {Ed25519}\n10.0.0.* {Ecdsa}\n");

        Assert.Equal([Ed25519], knownHosts.For(["web-01.example.com"], 22).Keys);
        Assert.Empty(knownHosts.For(["db-1.example.com"], 22).Keys);
        Assert.Equal([Ecdsa], knownHosts.For(["10.0.0.17"], 22).Keys);
    }

    [Fact]
    public void Several_keys_for_a_host_are_all_expected_and_revoked_ones_kept_apart()
    {
        var knownHosts = KnownHosts.Parse(
            $"# a comment\n\nweb-01 {Ed25519}\nweb-01 {Ecdsa}\n@revoked * {Other}\n@cert-authority *.example.com {Other}\nweb-01 not-a-key\n");

        var (keys, revoked) = knownHosts.For(["web-01"], 22);

        Assert.Equal([Ed25519, Ecdsa], keys);
        Assert.Equal([Other], revoked);
    }

    [Fact]
    public void Entries_are_looked_up_by_address_and_by_name()
    {
        var knownHosts = KnownHosts.Parse($"web-01 {Ed25519}\n10.0.0.5 {Ecdsa}\n");

        Assert.Equal([Ed25519, Ecdsa], knownHosts.For(["10.0.0.5", "web-01"], 22).Keys);
    }

    [Fact]
    public void A_malformed_key_is_skipped()
    {
        var knownHosts = KnownHosts.Parse($"web-01 ssh-ed25519 !!!notbase64\nweb-01 ssh-rsa {Ed25519.Data}\nweb-01 {Ed25519}\n");

        Assert.Equal([Ed25519], knownHosts.For(["web-01"], 22).Keys);
    }

    /// <summary>What OpenSSH's HashKnownHosts writes.</summary>
    private static string Hashed(string name)
    {
        var salt = RandomNumberGenerator.GetBytes(20);
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name)))}";
    }

    /// <summary>A syntactically valid key blob of <paramref name="type"/>; its body only needs to be distinct.</summary>
    private static HostPublicKey Key(string type, byte seed)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + typeBytes.Length + 36];
        blob[3] = (byte)typeBytes.Length;
        typeBytes.CopyTo(blob, 4);
        blob[4 + typeBytes.Length + 3] = 32;
        blob.AsSpan(4 + typeBytes.Length + 4).Fill(seed);
        return HostPublicKey.FromBlob(blob);
    }
}
