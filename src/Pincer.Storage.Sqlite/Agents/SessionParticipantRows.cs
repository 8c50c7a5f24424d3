using System.Text.Json.Nodes;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// Who has prompted each session (the reference's <c>session_participants</c> table), as identities
/// <c>{...namespace, id}</c> in the reference's order: first prompt, then actor id, then namespace.
/// </summary>
public static class SessionParticipantRows
{
    public static Task<IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>> ReadAsync(AgentDatabase database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.ReadAsync<IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>>(connection =>
        {
            var result = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
            using (var exists = connection.CreateCommand())
            {
                exists.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'session_participants'";
                if (exists.ExecuteScalar() is null)
                {
                    return result;
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT session_key, identity_namespace, actor_id FROM session_participants
                ORDER BY session_key, first_prompted_at, actor_id, identity_namespace
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (JsonNode.Parse(reader.GetString(1)) is not JsonObject identity)
                {
                    continue;
                }

                identity["id"] = reader.GetString(2);
                var key = reader.GetString(0);
                if (!result.TryGetValue(key, out var list))
                {
                    list = new List<JsonObject>();
                    result[key] = list;
                }

                ((List<JsonObject>)list).Add(identity);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>
    /// Counts one prompt by <paramref name="actorId"/> in <paramref name="identityNamespace"/> (its JSON, as the
    /// reference keys it), stamping the first and last prompt times as the reference does.
    /// </summary>
    public static Task RecordPromptAsync(AgentDatabase database, string sessionKey, string identityNamespace, string actorId, long promptedAtMs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.WriteAsync((connection, transaction) =>
        {
            var command = Schema.WriterCommands.For(connection, transaction, """
                INSERT INTO session_participants (session_key, identity_namespace, actor_id, contribution_count, first_prompted_at, last_prompted_at)
                VALUES ($key, $ns, $actor, 1, $at, $at)
                ON CONFLICT DO UPDATE SET contribution_count = contribution_count + 1, last_prompted_at = excluded.last_prompted_at
                """);
            command.Parameters.AddWithValue("$key", sessionKey);
            command.Parameters.AddWithValue("$ns", identityNamespace);
            command.Parameters.AddWithValue("$actor", actorId);
            command.Parameters.AddWithValue("$at", promptedAtMs);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }
}
