using System.Text;

namespace CasDirectory.Cli.Engine;

/// <summary>
/// Reads a script strictly as UTF-8: a byte that is not UTF-8 would otherwise become U+FFFD and be written
/// into the directory as part of a name (a script once created "Site-��").
/// </summary>
public static class ScriptText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string file, Func<Stream>? standardInput, string source)
    {
        byte[] bytes;
        try
        {
            if (file == "-")
            {
                using var input = standardInput!();
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else
            {
                bytes = File.ReadAllBytes(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The script {file} could not be read: {e.Message}");
        }
        return Decode(bytes, source);
    }

    public static string Decode(byte[] bytes, string source)
    {
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        try
        {
            return Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var offset = start + Math.Max(e.Index, 0);
            var line = 1 + bytes.AsSpan(0, Math.Min(offset, bytes.Length)).Count((byte)'\n');
            throw new UsageException($"{source}:{line}: the script is not valid UTF-8 (byte 0x{bytes[Math.Min(offset, bytes.Length - 1)]:X2}); save it as UTF-8. Nothing was run.");
        }
    }
}
