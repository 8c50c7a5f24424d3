using System.Security.Cryptography;

namespace Pincer.Storage.Sqlite.Configuration;

/// <summary>
/// The per-install HMAC key behind the opaque <c>hmac-sha256:v1:</c> config revision tokens:
/// row <c>id = 1</c> of <c>config_revision_keys</c>, shared with the reference so revisions a client
/// saw from one gateway stay valid after switching to the other.
/// </summary>
public sealed class ConfigRevisionKeyStore(SqliteStateDatabase database)
{
    public const int KeyBytes = 32;

    public Task<byte[]?> LoadAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT hmac_key FROM config_revision_keys WHERE id = 1";
            return command.ExecuteScalar() as byte[];
        }, cancellationToken);

    /// <summary>Returns the stored key, creating a random one (insert-if-absent) the first time.</summary>
    public async Task<byte[]> LoadOrCreateAsync(CancellationToken cancellationToken = default)
    {
        if (await LoadAsync(cancellationToken).ConfigureAwait(false) is { Length: KeyBytes } existing)
        {
            return existing;
        }

        var candidate = RandomNumberGenerator.GetBytes(KeyBytes);
        return await database.WriteAsync((connection, transaction) =>
        {
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO config_revision_keys (id, hmac_key) VALUES (1, $key) ON CONFLICT (id) DO NOTHING";
                insert.Parameters.AddWithValue("$key", candidate);
                insert.ExecuteNonQuery();
            }

            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT hmac_key FROM config_revision_keys WHERE id = 1";
            return select.ExecuteScalar() as byte[] ?? throw new InvalidOperationException("The config revision key was not durable after insert.");
        }, cancellationToken).ConfigureAwait(false);
    }
}
