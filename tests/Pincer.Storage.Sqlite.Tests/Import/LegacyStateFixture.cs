namespace Pincer.Storage.Sqlite.Tests.Import;

/// <summary>
/// A hand-built pre-SQLite state dir: two agents' session indexes with transcripts (a tool call and its
/// result, thinking, model/thinking changes, a custom entry, legacy route fields), a cron job, Telegram
/// pairing requests and allowFrom entries, exec approvals and main's auth profiles. Written from code so
/// the same bytes feed our importer and the reference's doctor.
/// </summary>
internal static class LegacyStateFixture
{
    public static IReadOnlyDictionary<string, string> Files { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["agents/main/agent/auth-profiles.json"] = """
{
  "version": 1,
  "profiles": {
    "anthropic:default": { "type": "api_key", "provider": "anthropic", "key": "sk-ant-test-0001" },
    "openai:default": { "type": "token", "provider": "openai", "token": "tok-test-0002" }
  },
  "order": { "anthropic": ["anthropic:default"] },
  "lastGood": { "anthropic": "anthropic:default" },
  "usageStats": { "anthropic:default": { "lastUsed": 1763890006000, "errorCount": 0 } }
}
""",
        ["agents/main/sessions/11111111-1111-4111-8111-111111111111.jsonl"] = """
{"type":"session","version":3,"id":"11111111-1111-4111-8111-111111111111","timestamp":"2025-11-23T09:26:40.000Z","cwd":"/home/user/.openclaw/workspace"}
{"type":"model_change","id":"a1000001","parentId":null,"timestamp":"2025-11-23T09:26:40.100Z","provider":"anthropic","modelId":"claude-sonnet-4-5"}
{"type":"thinking_level_change","id":"a1000002","parentId":"a1000001","timestamp":"2025-11-23T09:26:40.200Z","thinkingLevel":"low"}
{"type":"message","id":"a1000003","parentId":"a1000002","timestamp":"2025-11-23T09:26:41.000Z","message":{"role":"user","content":[{"type":"text","text":"List the files in my home dir"}],"timestamp":1763890001000}}
{"type":"message","id":"a1000004","parentId":"a1000003","timestamp":"2025-11-23T09:26:43.000Z","message":{"role":"assistant","content":[{"type":"thinking","thinking":"Use exec.","thinkingSignature":"sig=="},{"type":"toolCall","id":"toolu_01","name":"exec","arguments":{"command":"ls ~"}}],"api":"anthropic-messages","provider":"anthropic","model":"claude-sonnet-4-5","usage":{"input":100,"output":20,"cacheRead":0,"cacheWrite":0,"totalTokens":120,"cost":{"input":0.0003,"output":0.0003,"cacheRead":0,"cacheWrite":0,"total":0.0006}},"stopReason":"toolUse","timestamp":1763890003000}}
{"type":"message","id":"a1000005","parentId":"a1000004","timestamp":"2025-11-23T09:26:44.000Z","message":{"role":"toolResult","toolCallId":"toolu_01","toolName":"exec","content":[{"type":"text","text":"Documents\nnotes.txt"}],"details":{"exitCode":0},"isError":false,"timestamp":1763890004000}}
{"type":"message","id":"a1000006","parentId":"a1000005","timestamp":"2025-11-23T09:26:46.000Z","message":{"role":"assistant","content":[{"type":"text","text":"You have Documents and notes.txt."}],"api":"anthropic-messages","provider":"anthropic","model":"claude-sonnet-4-5","usage":{"input":130,"output":25,"cacheRead":0,"cacheWrite":0,"totalTokens":155,"cost":{"input":0.0004,"output":0.0004,"cacheRead":0,"cacheWrite":0,"total":0.0008}},"stopReason":"stop","timestamp":1763890006000}}
""",
        ["agents/main/sessions/22222222-2222-4222-8222-222222222222.jsonl"] = """
{"type":"session","version":4,"id":"22222222-2222-4222-8222-222222222222","timestamp":"2025-11-23T10:00:00.000Z","cwd":"/home/user/.openclaw/workspace"}
{"type":"message","id":"b2000001","parentId":null,"timestamp":"2025-11-23T10:00:01.000Z","message":{"role":"user","content":"hello there","timestamp":1763892001000}}
{"type":"message","id":"b2000002","parentId":"b2000001","timestamp":"2025-11-23T10:00:02.000Z","message":{"role":"assistant","content":[{"type":"text","text":"Hi! How can I help?"}],"api":"anthropic-messages","provider":"anthropic","model":"claude-sonnet-4-5","usage":{"input":10,"output":8,"cacheRead":0,"cacheWrite":0,"totalTokens":18,"cost":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"total":0}},"stopReason":"stop","timestamp":1763892002000}}
{"type":"custom","customType":"openclaw.cache-ttl","data":{"timestamp":1763892002500},"id":"b2000003","parentId":"b2000002","timestamp":"2025-11-23T10:00:02.500Z"}
{"type":"session_info","id":"b2000004","parentId":"b2000003","timestamp":"2025-11-23T10:00:03.000Z","name":"Ops chat"}
""",
        ["agents/main/sessions/sessions.json"] = """
{
  "agent:main:main": {
    "sessionId": "11111111-1111-4111-8111-111111111111",
    "updatedAt": 1763900000000,
    "sessionStartedAt": 1763890000000,
    "chatType": "direct",
    "thinkingLevel": "low",
    "inputTokens": 120,
    "outputTokens": 45,
    "totalTokens": 165,
    "lastChannel": "telegram",
    "lastTo": "telegram:12345",
    "origin": { "provider": "telegram", "chatType": "direct", "from": "telegram:12345" }
  },
  "agent:main:telegram:direct:12345": {
    "sessionId": "22222222-2222-4222-8222-222222222222",
    "updatedAt": 1763900500000,
    "label": "Ops chat",
    "modelOverride": "claude-sonnet-4-5",
    "providerOverride": "anthropic"
  }
}
""",
        ["agents/work/sessions/33333333-3333-4333-8333-333333333333.jsonl"] = """
{"type":"session","version":4,"id":"33333333-3333-4333-8333-333333333333","timestamp":"2025-11-23T11:00:00.000Z","cwd":"/home/user/.openclaw/workspace-work"}
{"type":"message","id":"c3000001","parentId":null,"timestamp":"2025-11-23T11:00:01.000Z","message":{"role":"user","content":"status?","timestamp":1763895601000}}
{"type":"message","id":"c3000002","parentId":"c3000001","timestamp":"2025-11-23T11:00:02.000Z","message":{"role":"assistant","content":[{"type":"text","text":"All good."}],"api":"openai-responses","provider":"openai","model":"gpt-5","usage":{"input":5,"output":3,"cacheRead":0,"cacheWrite":0,"totalTokens":8,"cost":{"input":0,"output":0,"cacheRead":0,"cacheWrite":0,"total":0}},"stopReason":"stop","timestamp":1763895602000}}
""",
        ["agents/work/sessions/sessions.json"] = """
{
  "agent:work:main": {
    "sessionId": "33333333-3333-4333-8333-333333333333",
    "updatedAt": 1763901000000
  }
}
""",
        ["credentials/telegram-allowFrom.json"] = """
{ "version": 1, "allowFrom": [ "12345", "67890" ] }
""",
        ["credentials/telegram-pairing.json"] = """
{ "version": 1, "requests": [ { "id": "777000111", "code": "ABCD2345", "createdAt": "2025-11-23T08:00:00.000Z", "lastSeenAt": "2025-11-23T08:05:00.000Z", "meta": { "username": "alice", "firstName": "Alice" } } ] }
""",
        ["cron/jobs.json"] = """
{
  "version": 1,
  "jobs": [
    {
      "id": "5f0c6f2e-0c1a-4c55-9d8e-0a0a0a0a0a01",
      "agentId": "main",
      "name": "Morning brief",
      "enabled": true,
      "createdAtMs": 1763800000000,
      "updatedAtMs": 1763800000000,
      "schedule": { "kind": "cron", "expr": "0 9 * * *", "tz": "Europe/Berlin" },
      "sessionTarget": "isolated",
      "wakeMode": "now",
      "payload": { "kind": "agentTurn", "message": "Summarise my day" },
      "delivery": { "mode": "announce", "channel": "telegram", "to": "12345" },
      "state": { "nextRunAtMs": 1763968800000 }
    }
  ]
}
""",
        ["exec-approvals.json"] = """
{
  "version": 1,
  "socket": { "path": "/home/user/.openclaw/exec-approvals.sock", "token": "sock-token-abc" },
  "defaults": { "security": "allowlist", "ask": "on-miss", "askFallback": "deny", "autoAllowSkills": false },
  "agents": {
    "main": {
      "security": "allowlist",
      "allowlist": [
        { "id": "8a8a8a8a-0000-4000-8000-000000000001", "pattern": "/usr/bin/ls", "lastUsedAt": 1763890004000, "lastUsedCommand": "ls ~", "lastResolvedPath": "/usr/bin/ls" }
      ]
    }
  }
}
""",
        ["openclaw.json"] = """
{ "update": { "checkOnStart": false }, "models": { "catalogRefresh": { "enabled": false } }, "agents": { "list": [ { "id": "main", "default": true }, { "id": "work" } ] } }
""",
    };

    /// <summary>Writes the fixture under <paramref name="stateDir"/>; returns it for chaining.</summary>
    public static string Write(string stateDir)
    {
        foreach (var (relative, text) in Files)
        {
            var path = Path.Combine(stateDir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        return stateDir;
    }
}
