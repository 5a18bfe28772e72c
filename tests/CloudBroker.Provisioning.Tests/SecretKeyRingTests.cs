using System.Security.Cryptography;
using System.Text;
using CloudBroker.Secrets;
using Microsoft.Extensions.Options;

namespace CloudBroker.Provisioning.Tests;

/// <summary>The AES-256-GCM envelope and its key files: what opens, what is refused, and what each refusal says.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // key file modes are Unix permissions
public sealed class SecretKeyRingTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cb-keys-{Guid.NewGuid():N}");

    public SecretKeyRingTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void A_sealed_secret_opens_with_its_owner_and_holds_no_plaintext()
    {
        var ring = Ring();
        var sealedSecret = ring.Seal("s3cret-value"u8, "provider-a");

        Assert.Equal(ring.CurrentKeyId, sealedSecret.KeyId);
        Assert.Matches("^[0-9a-f]{16}$", sealedSecret.KeyId);
        Assert.DoesNotContain("s3cret", Encoding.UTF8.GetString(sealedSecret.Envelope), StringComparison.Ordinal);
        Assert.Equal("s3cret-value", Encoding.UTF8.GetString(ring.Open(sealedSecret, "provider-a")));
        Assert.NotEqual(sealedSecret.Envelope, ring.Seal("s3cret-value"u8, "provider-a").Envelope); // a fresh nonce each time
    }

    [Fact]
    public void A_secret_moved_to_another_owner_or_altered_does_not_open()
    {
        var ring = Ring();
        var sealedSecret = ring.Seal("value"u8, "provider-a");

        var moved = Assert.Throws<SecretUnreadableException>(() => ring.Open(sealedSecret, "provider-b"));
        Assert.Contains(sealedSecret.KeyId, moved.Message, StringComparison.Ordinal);
        var altered = sealedSecret.Envelope.ToArray();
        altered[^1] ^= 1;
        Assert.Throws<SecretUnreadableException>(() => ring.Open(sealedSecret with { Envelope = altered }, "provider-a"));
    }

    [Fact]
    public void A_previous_key_still_opens_and_an_unknown_key_is_named()
    {
        var old = Ring();
        var sealedSecret = old.Seal("value"u8, "p");
        File.Move(Path.Combine(_folder, "master.key"), Path.Combine(_folder, "old.key"));

        var rotated = Ring(previous: "old.key");
        Assert.Equal("value", Encoding.UTF8.GetString(rotated.Open(sealedSecret, "p")));
        Assert.False(rotated.IsCurrent(sealedSecret.KeyId));
        rotated.Seal("other"u8, "p"); // makes the new current key
        Assert.NotEqual(sealedSecret.KeyId, rotated.CurrentKeyId);

        var withoutOld = Ring();
        var unknown = Assert.Throws<SecretUnreadableException>(() => withoutOld.Open(sealedSecret, "p"));
        Assert.Contains(sealedSecret.KeyId, unknown.Message, StringComparison.Ordinal);
        Assert.Contains("PreviousKeyFiles", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_key_file_is_made_on_first_seal_for_its_owner_only()
    {
        var ring = Ring();
        var path = Path.Combine(_folder, "master.key");
        Assert.False(File.Exists(path));
        Assert.Null(ring.CurrentKeyId);

        ring.Seal("x"u8, "p");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(ring.CurrentKeyId, Ring().CurrentKeyId); // the next start reads the same key
    }

    [Fact]
    public void A_process_started_before_the_key_file_existed_opens_what_another_sealed_with_it()
    {
        var early = Ring();
        var sealedSecret = Ring().Seal("value"u8, "p"); // another process makes the key file

        Assert.Equal("value", Encoding.UTF8.GetString(early.Open(sealedSecret, "p")));
        Assert.Equal(sealedSecret.KeyId, early.CurrentKeyId);
    }

    [Theory]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.OtherWrite)]
    [InlineData(UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    public void A_key_file_others_may_read_or_write_is_refused(UnixFileMode extra)
    {
        var path = Path.Combine(_folder, "master.key");
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);

        var ex = Assert.Throws<SecretKeyException>(() => Ring());
        Assert.Contains("chmod 600 " + path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_file_its_own_group_may_read_opens_and_another_groups_is_refused()
    {
        // A Kubernetes secret mounted 0440 with the pod's fsGroup: the group is one the process is in.
        var path = Path.Combine(_folder, "master.key");
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead);
        Assert.NotNull(Ring().CurrentKeyId);

        using (var chgrp = System.Diagnostics.Process.Start("chgrp", ["4242", path]))
        {
            chgrp.WaitForExit();
            Assert.Equal(0, chgrp.ExitCode);
        }

        var ex = Assert.Throws<SecretKeyException>(() => Ring());
        Assert.Contains("group 4242, which this process is not in", ex.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600 " + path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_mounted_as_kubernetes_mounts_a_secret_is_judged_by_the_file_its_links_point_at()
    {
        // The kubelet's layout (the Helm chart mounts the key so): master.key -> ..data/master.key, ..data -> a
        // timestamped folder holding the file. The links themselves are 0777; the rule must read the file's mode.
        var version = Path.Combine(_folder, "..2026_12_07_12_00_00.1");
        Directory.CreateDirectory(version);
        var file = Path.Combine(version, "master.key");
        File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead); // the chart's 0440
        File.CreateSymbolicLink(Path.Combine(_folder, "..data"), Path.GetFileName(version));
        var link = Path.Combine(_folder, "master.key");
        File.CreateSymbolicLink(link, Path.Combine("..data", "master.key"));
        Assert.NotNull(Ring().CurrentKeyId);

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var ex = Assert.Throws<SecretKeyException>(() => Ring());
        Assert.Contains("may be read or written by others (mode 0444)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("c2hvcnQ=")] // 5 bytes
    public void A_malformed_key_file_is_refused(string content)
    {
        var path = Path.Combine(_folder, "master.key");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ex = Assert.Throws<SecretKeyException>(() => Ring());
        Assert.Contains("32 random bytes in base64", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_previous_key_file_is_refused() =>
        Assert.Contains("does not exist", Assert.Throws<SecretKeyException>(() => Ring(previous: "gone.key")).Message, StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private SecretKeyRing Ring(string? previous = null)
    {
        var options = new SecretsOptions();
        if (previous is not null)
        {
            options.PreviousKeyFiles.Add(previous);
        }

        var ring = new SecretKeyRing(Options.Create(options));
        ring.Load(_folder);
        return ring;
    }
}
