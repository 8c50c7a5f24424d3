using System.Text.Json.Nodes;

namespace Pincer.Gateway.Sessions.Rows;

/// <summary>
/// The reader's <c>sharingRole</c> on a row: an <c>operator.admin</c> connection is <c>admin</c>; any
/// other operator owns the sessions unless <c>gateway.roles</c> is configured (then <c>viewer</c>).
/// Profile-authenticated readers, creators and members arrive with user profiles.
/// </summary>
internal static class SessionSharing
{
    public static string RoleFor(IReadOnlyList<string> scopes, JsonNode? config) =>
        scopes.Contains("operator.admin") ? "admin" : config?["gateway"]?["roles"] is not null ? "viewer" : "owner";
}
