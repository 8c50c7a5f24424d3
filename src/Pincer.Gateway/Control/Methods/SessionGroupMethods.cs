using Pincer.Gateway.Sessions.Groups;

namespace Pincer.Gateway.Control.Methods;

/// <summary>The session group catalog: <c>sessions.groups.list|defaults|put|rename|update|delete</c>.</summary>
internal sealed class SessionGroupMethods(SessionGroups groups) : IMethodGroup
{
    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("sessions.groups.list", "SessionsGroupsListParamsSchema", async (_, ct) => await groups.ListAsync(ct).ConfigureAwait(false)),
        new("sessions.groups.defaults", "SessionsGroupsDefaultsParamsSchema", async (_, ct) => await groups.DefaultsAsync(ct).ConfigureAwait(false)),
        new("sessions.groups.put", "SessionsGroupsPutParamsSchema", async (r, ct) => await groups.PutAsync(r.Params, ct).ConfigureAwait(false)),
        new("sessions.groups.rename", "SessionsGroupsRenameParamsSchema", async (r, ct) => await groups.RenameAsync(r.Params, ct).ConfigureAwait(false)),
        new("sessions.groups.update", "SessionsGroupsUpdateParamsSchema", async (r, ct) => await groups.UpdateAsync(r.Params, r.Connection.Scopes, ct).ConfigureAwait(false)),
        new("sessions.groups.delete", "SessionsGroupsDeleteParamsSchema", async (r, ct) => await groups.DeleteAsync(r.Params, ct).ConfigureAwait(false)),
    ];
}
