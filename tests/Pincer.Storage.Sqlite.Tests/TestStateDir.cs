using System.IO.Compression;
using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Tests;

/// <summary>A throwaway state dir; optionally seeded with the reference-written fixture DB.</summary>
internal sealed class TestStateDir : IDisposable
{
    public const string ReferenceFixture = "reference-v18-one-device.sqlite.gz";

    public TestStateDir()
    {
        Root = Path.Combine(Path.GetTempPath(), "pincer-sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string DbPath => SqliteStateDatabase.PathFor(Root);

    public static TestStateDir WithReferenceFixture()
    {
        var dir = new TestStateDir();
        Directory.CreateDirectory(Path.GetDirectoryName(dir.DbPath)!);
        using var source = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", ReferenceFixture)), CompressionMode.Decompress);
        using var target = File.Create(dir.DbPath);
        source.CopyTo(target);
        return dir;
    }

    /// <summary>A raw connection for poking at rows the way the reference (or a user with sqlite3) would.</summary>
    public SqliteConnection OpenRaw(bool readOnly = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DbPath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp dir is harmless.
        }
    }
}
