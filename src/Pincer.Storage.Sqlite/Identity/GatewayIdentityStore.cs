using Microsoft.Data.Sqlite;

namespace Pincer.Storage.Sqlite.Identity;

/// <summary>
/// The gateway's own Ed25519 identity: the <c>device_identities</c> row <c>identity_key = 'primary'</c>
/// that the reference also uses, so both gateways present the same device id. Key generation is the
/// caller's (this project carries no Ed25519 implementation); the store only persists and validates.
/// </summary>
public sealed class GatewayIdentityStore(SqliteStateDatabase database)
{
    public const string PrimaryKey = "primary";

    /// <summary>The stored identity, or null when none exists yet.</summary>
    public Task<GatewayIdentityRecord?> LoadAsync(string identityKey = PrimaryKey, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => Read(connection, null, identityKey), cancellationToken);

    /// <summary>
    /// Returns the stored identity, or stores the one <paramref name="generate"/> makes (seed,
    /// public key) if none exists. Insert-if-absent inside one write transaction, so a concurrent
    /// creator's key wins and both sides end up with the same authoritative row.
    /// </summary>
    public async Task<GatewayIdentityRecord> LoadOrCreateAsync(
        Func<(byte[] PrivateKey, byte[] PublicKey)> generate, string identityKey = PrimaryKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generate);
        if (await LoadAsync(identityKey, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var (privateKey, publicKey) = generate();
        var publicPem = Ed25519Pem.EncodePublic(publicKey);
        var privatePem = Ed25519Pem.EncodePrivate(privateKey);
        var deviceId = Ed25519Pem.DeviceIdOf(publicKey);
        return await database.WriteAsync((connection, transaction) =>
        {
            var now = database.NowMs;
            using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO device_identities (identity_key, device_id, public_key_pem, private_key_pem, created_at_ms, updated_at_ms)
                    VALUES ($key, $deviceId, $publicPem, $privatePem, $now, $now)
                    ON CONFLICT (identity_key) DO NOTHING
                    """;
                insert.Parameters.AddWithValue("$key", identityKey);
                insert.Parameters.AddWithValue("$deviceId", deviceId);
                insert.Parameters.AddWithValue("$publicPem", publicPem);
                insert.Parameters.AddWithValue("$privatePem", privatePem);
                insert.Parameters.AddWithValue("$now", now);
                insert.ExecuteNonQuery();
            }

            return Read(connection, transaction, identityKey)
                ?? throw new InvalidOperationException($"Device identity '{identityKey}' was not durable after insert.");
        }, cancellationToken).ConfigureAwait(false);
    }

    internal static GatewayIdentityRecord? Read(SqliteConnection connection, SqliteTransaction? transaction, string identityKey)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT device_id, public_key_pem, private_key_pem, created_at_ms, updated_at_ms
            FROM device_identities WHERE identity_key = $key
            """;
        command.Parameters.AddWithValue("$key", identityKey);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var publicPem = reader.GetString(1);
        var privatePem = reader.GetString(2);
        var publicKey = Ed25519Pem.DecodePublic(publicPem);
        var record = new GatewayIdentityRecord(reader.GetString(0), publicPem, privatePem, publicKey,
            Ed25519Pem.DecodePrivate(privatePem), reader.GetInt64(3), reader.GetInt64(4));
        // The reference refuses a row whose id does not match its key; so do we, rather than sign as someone else.
        return record.DeviceId == Ed25519Pem.DeviceIdOf(publicKey)
            ? record
            : throw new InvalidOperationException($"Device identity '{identityKey}' has a device id that does not match its public key.");
    }
}
