using System.Formats.Asn1;
using System.Text;

namespace CasDirectory.Ldap.Exchange;

/// <summary>
/// The few LDAP messages (RFC 4511) the access-log subscription sends and reads, in BER with System.Formats.Asn1:
/// bind, StartTLS, a search with controls, unbind; entries, results and intermediate responses. Only what a sync
/// search (RFC 4533) needs, since S.DS.P cannot carry one (docs/rules.md, "The LDAP client on Linux").
/// </summary>
internal static class LdapWire
{
    /// <summary>Larger messages are taken for garbage: an access-log record as requested is a few kilobytes.</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    public const int BindResponse = 1, SearchResultEntry = 4, SearchResultDone = 5, SearchResultReference = 19, ExtendedResponse = 24, IntermediateResponse = 25;

    private static Asn1Tag App(int number, bool constructed = true) => new(TagClass.Application, number, constructed);
    private static Asn1Tag Context(int number, bool constructed = false) => new(TagClass.ContextSpecific, number, constructed);

    private static byte[] Message(int id, Action<AsnWriter> operation, IReadOnlyList<(string Oid, bool Critical, byte[]? Value)>? controls = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(id);
            operation(writer);
            if (controls is { Count: > 0 })
            {
                using (writer.PushSequence(Context(0, true)))
                    foreach (var (oid, critical, value) in controls)
                        using (writer.PushSequence())
                        {
                            writer.WriteOctetString(Encoding.UTF8.GetBytes(oid));
                            if (critical)
                                writer.WriteBoolean(true);
                            if (value is not null)
                                writer.WriteOctetString(value);
                        }
            }
        }
        return writer.Encode();
    }

    public static byte[] SimpleBind(int id, string dn, string password) => Message(id, w =>
    {
        using (w.PushSequence(App(0)))
        {
            w.WriteInteger(3);
            w.WriteOctetString(Encoding.UTF8.GetBytes(dn));
            w.WriteOctetString(Encoding.UTF8.GetBytes(password), Context(0));
        }
    });

    public static byte[] StartTls(int id) => Message(id, w =>
    {
        using (w.PushSequence(App(23)))
            w.WriteOctetString(Encoding.ASCII.GetBytes("1.3.6.1.4.1.1466.20037"), Context(0));
    });

    public static byte[] Unbind(int id) => Message(id, w => w.WriteNull(App(2, constructed: false)));

    /// <summary>A filter as a tree: And of its parts, or one assertion (equality, greater-or-equal, present).</summary>
    public abstract record Filter;
    public sealed record And(params Filter[] Parts) : Filter;
    public sealed record Equal(string Attribute, string Value) : Filter;
    public sealed record GreaterOrEqual(string Attribute, string Value) : Filter;
    public sealed record Present(string Attribute) : Filter;

    private static void Write(AsnWriter w, Filter filter)
    {
        switch (filter)
        {
            case And and:
                using (w.PushSetOf(Context(0, true)))
                    foreach (var part in and.Parts)
                        Write(w, part);
                break;
            case Equal equal:
                Assertion(w, 3, equal.Attribute, equal.Value);
                break;
            case GreaterOrEqual greater:
                Assertion(w, 5, greater.Attribute, greater.Value);
                break;
            case Present present:
                w.WriteOctetString(Encoding.UTF8.GetBytes(present.Attribute), Context(7));
                break;
        }
    }

    private static void Assertion(AsnWriter w, int choice, string attribute, string value)
    {
        using (w.PushSequence(Context(choice, true)))
        {
            w.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
            w.WriteOctetString(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <param name="scope">0 base, 1 one level, 2 subtree.</param>
    public static byte[] Search(int id, string baseDn, int scope, Filter filter, IReadOnlyList<string> attributes,
        IReadOnlyList<(string Oid, bool Critical, byte[]? Value)>? controls = null) => Message(id, w =>
    {
        using (w.PushSequence(App(3)))
        {
            w.WriteOctetString(Encoding.UTF8.GetBytes(baseDn));
            w.WriteEnumeratedValue((Scope)scope);
            w.WriteEnumeratedValue(Deref.Never);
            w.WriteInteger(0);
            w.WriteInteger(0);
            w.WriteBoolean(false);
            Write(w, filter);
            using (w.PushSequence())
                foreach (var attribute in attributes)
                    w.WriteOctetString(Encoding.UTF8.GetBytes(attribute));
        }
    }, controls);

    private enum Scope { Base = 0, OneLevel = 1, Subtree = 2 }
    private enum Deref { Never = 0 }

    /// <summary>The Sync Request control's value (RFC 4533 §2.2): refreshAndPersist, no cookie, no reload hint.</summary>
    public static byte[] SyncRequestValue(bool persist)
    {
        var writer = new AsnWriter(AsnEncodingRules.BER);
        using (writer.PushSequence())
            writer.WriteEnumeratedValue(persist ? SyncMode.RefreshAndPersist : SyncMode.RefreshOnly);
        return writer.Encode();
    }

    private enum SyncMode { RefreshOnly = 1, RefreshAndPersist = 3 }

    public const string SyncRequestOid = "1.3.6.1.4.1.4203.1.9.1.1";
    public const string SyncInfoOid = "1.3.6.1.4.1.4203.1.9.1.4";

    /// <summary>One message as read: its id, the operation's [APPLICATION n] number, and the operation's reader.</summary>
    public sealed record Received(int Id, int Operation, ReadOnlyMemory<byte> Body)
    {
        private AsnReader Operation_() => new(Body, AsnEncodingRules.BER);

        /// <summary>resultCode and diagnosticMessage of an LDAPResult (bind, search done, extended).</summary>
        public (int Code, string Message) Result()
        {
            var result = Operation_().ReadSequence(App(Operation));
            var code = 0;
            foreach (var b in result.ReadEnumeratedBytes().Span)
                code = (code << 8) | b;
            result.ReadOctetString();
            return (code, Encoding.UTF8.GetString(result.ReadOctetString()));
        }

        /// <summary>A search result entry: its DN and attributes (names as sent, values as text).</summary>
        public (string Dn, Dictionary<string, List<string>> Attributes) Entry()
        {
            var entry = Operation_().ReadSequence(App(SearchResultEntry));
            var dn = Encoding.UTF8.GetString(entry.ReadOctetString());
            var attributes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            var list = entry.ReadSequence();
            while (list.HasData)
            {
                var attribute = list.ReadSequence();
                var name = Encoding.UTF8.GetString(attribute.ReadOctetString());
                var values = attribute.ReadSetOf(skipSortOrderValidation: true);
                var texts = new List<string>();
                while (values.HasData)
                    texts.Add(Encoding.UTF8.GetString(values.ReadOctetString()));
                attributes[name] = texts;
            }
            return (dn, attributes);
        }

        /// <summary>For a Sync Info intermediate response (RFC 4533 §2.5): whether it ends the refresh phase.</summary>
        public bool EndsRefresh()
        {
            var response = Operation_().ReadSequence(App(IntermediateResponse));
            string? name = null;
            byte[]? value = null;
            if (response.HasData && response.PeekTag().HasSameClassAndValue(Context(0)))
                name = Encoding.ASCII.GetString(response.ReadOctetString(Context(0)));
            if (response.HasData && response.PeekTag().HasSameClassAndValue(Context(1)))
                value = response.ReadOctetString(Context(1));
            if (name != SyncInfoOid || value is null)
                return false;
            var info = new AsnReader(value, AsnEncodingRules.BER);
            var tag = info.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific || tag.TagValue is not (1 or 2))
                return false; // a new cookie or an id set
            var phase = info.ReadSequence(tag);
            if (phase.HasData && phase.PeekTag().HasSameClassAndValue(Asn1Tag.PrimitiveOctetString))
                phase.ReadOctetString();
            return !phase.HasData || phase.ReadBoolean(); // refreshDone DEFAULT TRUE
        }
    }

    /// <summary>Reads one LDAPMessage; null at the end of the stream. Anything not LDAP is an <see cref="InvalidDataException"/>.</summary>
    public static async Task<Received?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[1];
        if (await stream.ReadAsync(header, cancellationToken) == 0)
            return null;
        if (header[0] != 0x30)
            throw new InvalidDataException($"the server sent 0x{header[0]:x2} where an LDAP message begins");
        var length = await ReadByte(stream, cancellationToken);
        if (length == 0x80 || length > 0x84)
            throw new InvalidDataException("the server sent an LDAP message of unsupported length encoding");
        if (length > 0x80)
        {
            var bytes = length & 0x7F;
            length = 0;
            for (var i = 0; i < bytes; i++)
                length = checked((length << 8) | await ReadByte(stream, cancellationToken));
        }
        if (length is < 0 or > MaxMessageBytes)
            throw new InvalidDataException($"the server sent an LDAP message of {length} bytes (at most {MaxMessageBytes} are accepted)");
        var content = new byte[length];
        await stream.ReadExactlyAsync(content, cancellationToken);
        try
        {
            var message = new AsnReader(content, AsnEncodingRules.BER);
            var id = (int)message.ReadInteger();
            var tag = message.PeekTag();
            if (tag.TagClass != TagClass.Application)
                throw new InvalidDataException($"the server sent an LDAP message whose operation is tagged {tag}");
            return new Received(id, tag.TagValue, message.ReadEncodedValue());
        }
        catch (AsnContentException e)
        {
            throw new InvalidDataException($"the server sent a garbled LDAP message ({e.Message})", e);
        }
    }

    private static async Task<int> ReadByte(Stream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        await stream.ReadExactlyAsync(one, cancellationToken);
        return one[0];
    }
}
