namespace Pincer.Protocol.Errors;

/// <summary>Top-level error codes the reference gateway emits in <c>ErrorShape.code</c>.</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string Forbidden = "FORBIDDEN";
    public const string NotPaired = "NOT_PAIRED";
    public const string Unavailable = "UNAVAILABLE";
    public const string ApprovalNotFound = "APPROVAL_NOT_FOUND";
}
