using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Pincer.Protocol.Catalog;
using Pincer.Protocol.Errors;

namespace Pincer.Protocol;

/// <summary>Source-generated JSON metadata for every protocol-level wire type.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MethodInfo[]))]
[JsonSerializable(typeof(EventInfo[]))]
[JsonSerializable(typeof(RpcError))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
public sealed partial class ProtocolJson : JsonSerializerContext;
