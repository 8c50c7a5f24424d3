using Pincer.Config.Writing;

namespace Pincer.Config.Tests.Writing;

public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pincer-write-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Writes_new_file_with_private_mode_and_no_temp_left()
    {
        var path = Path.Combine(_dir, "sub", "openclaw.json");
        AtomicFileWriter.WriteAllText(path, "{\"a\":1}\n");
        Assert.Equal("{\"a\":1}\n", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(AtomicFileWriter.PrivateFileMode, File.GetUnixFileMode(path));
        Assert.Single(Directory.GetFiles(Path.Combine(_dir, "sub")));
    }

    [Fact]
    public void Replaces_existing_file_and_tightens_mode()
    {
        var path = Path.Combine(_dir, "openclaw.json");
        File.WriteAllText(path, "old");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        AtomicFileWriter.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(AtomicFileWriter.PrivateFileMode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Symlinked_config_keeps_the_link_and_replaces_the_target()
    {
        var real = Path.Combine(_dir, "real.json");
        File.WriteAllText(real, "old");
        var link = Path.Combine(_dir, "openclaw.json");
        File.CreateSymbolicLink(link, real);

        AtomicFileWriter.WriteAllText(link, "new");

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("new", File.ReadAllText(real));
        Assert.Equal("new", File.ReadAllText(link));
    }
}
