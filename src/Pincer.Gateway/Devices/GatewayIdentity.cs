using Pincer.Client.Identity;
using Pincer.Storage.Sqlite.Identity;

namespace Pincer.Gateway.Devices;

/// <summary>
/// The gateway's own Ed25519 device identity (<c>gateway.identity.get</c>): the state DB's
/// <c>primary</c> identity, shared with the reference so switching gateways keeps it.
/// </summary>
internal sealed class GatewayIdentity
{
    private GatewayIdentity(DeviceIdentity identity) => Identity = identity;

    public DeviceIdentity Identity { get; }

    public static async Task<GatewayIdentity> LoadOrCreateAsync(GatewayIdentityStore store, CancellationToken cancellationToken)
    {
        var record = await store.LoadOrCreateAsync(Ed25519Keys.Generate, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new GatewayIdentity(new DeviceIdentity(record.PrivateKeyRaw));
    }
}
