namespace Pincer.Gateway.Control;

/// <summary>One RPC namespace (<c>config.*</c>, <c>device.*</c>, …): registers the methods it really serves.</summary>
internal interface IMethodGroup
{
    IEnumerable<MethodRegistration> Methods();
}
