using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace UpworkAssist.Core.Json;

/// <summary>Writes JSON documents as text, readable (non-ASCII letters kept as they are).</summary>
internal static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var buffer = new MemoryStream();
        using (
            var writer = new Utf8JsonWriter(
                buffer,
                new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
            )
        )
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
