using System.IO.Compression;
using Microsoft.Data.Sqlite;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Storage.Sqlite.Tests.Agents;

/// <summary>A throwaway state dir for agent DB tests; optionally seeded with the reference-written agent DB.</summary>
internal sealed class AgentDir : IDisposable
{
    /// <summary>sessions.create ×2, sessions.patch, chat.inject of a short and a 3 KB (Zstandard-stored) message.</summary>
    public const string ReferenceFixture = "reference-v23-agent-main.sqlite.gz";

    /// <summary>One chat.send turn against a fake OpenAI-compatible provider: user message, thinking-level change, custom entries, assistant reply.</summary>
    public const string ReferenceRunFixture = "reference-v23-agent-run.sqlite.gz";

    private readonly TestStateDir _dir = new();

    public string Root => _dir.Root;

    public string DbPath(string agentId = "main") => AgentDatabase.PathFor(Root, agentId);

    public static AgentDir WithReferenceFixture(string fixture = ReferenceFixture)
    {
        var dir = new AgentDir();
        var path = dir.DbPath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var source = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)), CompressionMode.Decompress);
        using var target = File.Create(path);
        source.CopyTo(target);
        return dir;
    }

    public AgentDatabase Open(string agentId = "main", TimeProvider? time = null) => AgentDatabase.Open(Root, agentId, time);

    public SqliteConnection OpenRaw(bool readOnly = false, string agentId = "main")
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DbPath(agentId),
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Every row of a query, each column rendered as text (NULL as "∅", REAL with its type).</summary>
    public static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells[i] = reader.IsDBNull(i) ? "∅" : reader.GetFieldType(i) == typeof(double)
                    ? "r:" + reader.GetDouble(i).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                    : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join("|", cells));
        }

        return rows;
    }

    public void Dispose() => _dir.Dispose();
}
