namespace Pincer.ControlUi.Serving;

/// <summary>One embedded file, ready to send: its bytes, media type and strong ETag.</summary>
internal sealed record ControlUiAsset(string Path, byte[] Body, string ContentType, string ETag);
