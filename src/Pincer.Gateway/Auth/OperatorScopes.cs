namespace Pincer.Gateway.Auth;

/// <summary>The closed set of ten operator scopes and their implications (spec/protocol.md §5.2).</summary>
internal static class OperatorScopes
{
    public const string Admin = "operator.admin";
    public const string Read = "operator.read";
    public const string Write = "operator.write";
    public const string Approvals = "operator.approvals";
    public const string Questions = "operator.questions";
    public const string Pairing = "operator.pairing";
    public const string Talk = "operator.talk";
    public const string TalkSecrets = "operator.talk.secrets";
    public const string SessionsRead = "operator.sessions.read";
    public const string SessionsWrite = "operator.sessions.write";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Admin, Read, Write, Approvals, Questions, Pairing, Talk, TalkSecrets, SessionsRead, SessionsWrite,
    };

    /// <summary>Drops unknown strings and duplicates, keeping the caller's order.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string>? scopes)
    {
        if (scopes is null)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var scope in scopes)
        {
            var trimmed = scope.Trim();
            if (All.Contains(trimmed) && !result.Contains(trimmed, StringComparer.Ordinal))
            {
                result.Add(trimmed);
            }
        }

        return result;
    }

    public static bool Satisfied(string required, IReadOnlyCollection<string> granted)
    {
        if (granted.Contains(Admin) || granted.Contains(required))
        {
            return required.StartsWith("operator.", StringComparison.Ordinal) || granted.Contains(required);
        }

        return required switch
        {
            Read => granted.Contains(Write),
            Talk => granted.Contains(Write),
            SessionsRead => granted.Contains(Write) || granted.Contains(Read) || granted.Contains(SessionsWrite),
            SessionsWrite => granted.Contains(Write),
            _ => false,
        };
    }

    public static bool AnySatisfied(IReadOnlyList<string> required, IReadOnlyCollection<string> granted)
    {
        foreach (var scope in required)
        {
            if (Satisfied(scope, granted))
            {
                return true;
            }
        }

        return false;
    }
}
