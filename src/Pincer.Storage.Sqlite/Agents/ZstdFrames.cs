using System.Runtime.InteropServices;

namespace Pincer.Storage.Sqlite.Agents;

/// <summary>
/// Decodes the level-1, checksummed Zstandard frames the reference stores in
/// <c>transcript_events.event_zstd</c> (events of 1 KiB to 4 MiB that compress by ≥10% and ≥64 bytes).
/// .NET 10 has no Zstandard codec, so this calls the system's libzstd (present on practically every
/// Linux; Homebrew's on macOS). Without it such rows are refused with a clear message; Pincer itself
/// only ever writes identity (TEXT) rows, which the reference accepts from runtimes without Zstd.
/// </summary>
internal static class ZstdFrames
{
    private const string Library = "libzstd.so.1";

    public static string Decode(byte[] frame, long utf8Bytes, string path, string sessionId, long seq)
    {
        if (utf8Bytes is < 1 or > 4_194_304 || frame.Length is < 1 or > 4_194_304)
        {
            throw new TranscriptStorageException($"Compressed transcript event {sessionId}#{seq} in {path} has out-of-range sizes.");
        }

        var output = new byte[utf8Bytes];
        nuint written;
        try
        {
            written = ZSTD_decompress(output, (nuint)output.Length, frame, (nuint)frame.Length);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new TranscriptStorageException(
                $"Transcript event {sessionId}#{seq} in {path} is Zstandard-compressed (the reference compresses larger events) "
                + "and this system has no libzstd to read it. Install libzstd (e.g. `apt-get install libzstd1`) and retry; nothing was changed.", ex);
        }

        if (ZSTD_isError(written) != 0 || (long)written != utf8Bytes)
        {
            throw new TranscriptStorageException($"Compressed transcript event {sessionId}#{seq} in {path} does not decode to its recorded {utf8Bytes} bytes.");
        }

        return new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output);
    }

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nuint ZSTD_decompress(byte[] dst, nuint dstCapacity, byte[] src, nuint compressedSize);

    [DllImport(Library, ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint ZSTD_isError(nuint code);
}
