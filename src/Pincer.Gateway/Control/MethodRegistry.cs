using System.Collections.Frozen;
using Pincer.Protocol.Catalog;

namespace Pincer.Gateway.Control;

/// <summary>
/// The dispatch table, built once. Advertises (hello-ok <c>features.methods</c>) only methods
/// Pincer serves, in the reference's catalog order, and only those the reference advertises.
/// </summary>
internal sealed class MethodRegistry
{
    private readonly FrozenDictionary<string, MethodRegistration> _methods;

    public MethodRegistry(IEnumerable<IMethodGroup> groups)
    {
        _methods = groups.SelectMany(g => g.Methods()).ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
        Advertised = [.. ProtocolCatalog.Methods.Where(m => m.Advertised && _methods.ContainsKey(m.Method)).Select(m => m.Method)];
    }

    public IReadOnlyList<string> Advertised { get; }

    public MethodRegistration? Find(string method) => _methods.GetValueOrDefault(method);
}
