using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Fakes.Wire;

/// <summary>One provider API's request/response shapes.</summary>
internal interface IWireFormat
{
    FakeApi Api { get; }

    /// <summary>Content type of a streamed answer (SSE or NDJSON).</summary>
    string StreamContentType { get; }

    /// <summary>Whether this POST path is one of this API's generate endpoints.</summary>
    bool Matches(string path);

    bool IsStreaming(string path, JsonNode? body);

    /// <summary>The model id the request names (body field or path segment).</summary>
    string? ModelOf(string path, JsonNode? body);

    JsonNode Complete(FakeReply reply, WireContext context);

    IEnumerable<WireFrame> Stream(FakeReply reply, WireContext context);

    WireError Error(FakeReply reply, WireContext context);

    /// <summary>The error delivered inside an already started stream.</summary>
    WireFrame StreamError(FakeReply reply, WireContext context);
}
