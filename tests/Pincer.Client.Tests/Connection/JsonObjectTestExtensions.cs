using System.Text.Json.Nodes;

namespace Pincer.Client.Tests.Connection;

internal static class JsonObjectTestExtensions
{
    /// <summary>Stamps a canned response with the id of the request it answers.</summary>
    public static JsonObject WithId(this JsonObject frame, string id)
    {
        frame["id"] = id;
        return frame;
    }
}
