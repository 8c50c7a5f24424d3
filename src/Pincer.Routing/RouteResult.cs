namespace Pincer.Routing;

/// <summary>Either a route or a refusal; exactly one is set.</summary>
public sealed record RouteResult
{
    private RouteResult(ResolvedRoute? route, RouteRefusal? refusal)
    {
        Route = route;
        Refusal = refusal;
    }

    public ResolvedRoute? Route { get; }

    public RouteRefusal? Refusal { get; }

    public bool IsRouted => Route is not null;

    public static RouteResult Routed(ResolvedRoute route) => new(route, null);

    public static RouteResult Refused(RouteRefusal refusal) => new(null, refusal);
}
