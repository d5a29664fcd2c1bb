/*
 * nTSecurityDescriptor, synthesised when an entry is read from what slapd.conf's ACLs let each account do there
 * (docs/rules.md, "Security descriptors"), and AD's SD flags control, which picks its parts. Never stored: casdir-guard
 * refuses it to every writer, as it refuses objectSid.
 *
 * The descriptor says, in AD's shapes (MS-DTYP 2.4.6, self-relative), what slapd.conf's ACLs say:
 *   owner, group   Enterprise Admins in the configuration partition, Domain Admins in the domain's (the rootdn)
 *   DACL           full control for SYSTEM and that group (the rootdn, whom no ACL binds); the provisioning account's
 *                  slapd "write" (create and delete children, read and write every attribute, delete) where it has it;
 *                  the updater's write of msExchServerSite on an Exchange server and of legacyExchangeDN on a mailbox
 *                  database without one, as object ACEs naming the attribute's schemaIDGUID; read for Authenticated
 *                  Users (slapd's "users read"). Anonymous gets nothing, as it reads nothing.
 *   SACL           the access log's record of every successful write (an audit ACE for Everyone), configuration only;
 *                  given to the rootdn alone (AD: SeSecurityPrivilege). Anyone else who asks for it (no control, or
 *                  the control's SACL bit) gets no nTSecurityDescriptor at all, as from a domain controller.
 * The table below mirrors slapd.conf.template's ACLs; a test compares each ACE with what slapd lets each account do.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ldap.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"
#include "casdir_guard.h"

#define SUBSYSTEM "casdir-security"
#define SD_FLAGS_OID "1.2.840.113556.1.4.801"

enum { OWNER_SECURITY = 1, GROUP_SECURITY = 2, DACL_SECURITY = 4, SACL_SECURITY = 8 };

/* Access rights of directory objects (MS-ADTS 5.1.3.2) and the standard ones (MS-DTYP 2.4.3). */
#define CREATE_CHILD 0x1u
#define DELETE_CHILD 0x2u
#define LIST_CHILDREN 0x4u
#define READ_PROPERTY 0x10u
#define WRITE_PROPERTY 0x20u
#define LIST_OBJECT 0x80u
#define DELETE_RIGHT 0x10000u
#define READ_CONTROL 0x20000u
#define FULL_CONTROL 0xF01FFu
#define READ_RIGHTS (READ_PROPERTY | LIST_CHILDREN | LIST_OBJECT | READ_CONTROL)
/* slapd's "write": add and delete entries below, modify every attribute, delete the entry; no DACL or owner to write */
#define SLAPD_WRITE (CREATE_CHILD | DELETE_CHILD | READ_RIGHTS | WRITE_PROPERTY | DELETE_RIGHT)
#define AUDITED_WRITES (CREATE_CHILD | DELETE_CHILD | WRITE_PROPERTY | DELETE_RIGHT)

#define SID_MAX 68 /* 8 + 4 * 15 */
typedef struct {
    unsigned char bytes[SID_MAX];
    size_t length;
} sid;

static const sid local_system = { { 1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0 }, 12 };
static const sid authenticated_users = { { 1, 1, 0, 0, 0, 0, 0, 5, 11, 0, 0, 0 }, 12 };
static const sid everyone = { { 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 }, 12 };

/* schemaIDGUIDs in AD's byte order, as the schema partition has them (SchemaIdGuid.cs): legacyExchangeDN's is
 * Microsoft's (28630ebc-41d5-11d1-a9c1-0000f80367c1); msExchServerSite has our OID, so its GUID is the name-based (v5)
 * UUID of that OID (198b54bc-9282-5797-8f6e-25874dc7078c). */
static const unsigned char legacy_exchange_dn_guid[16] = { 0xbc, 0x0e, 0x63, 0x28, 0xd5, 0x41, 0xd1, 0x11, 0xa9, 0xc1, 0x00, 0x00, 0xf8, 0x03, 0x67, 0xc1 };
static const unsigned char server_site_guid[16] = { 0xbc, 0x54, 0x8b, 0x19, 0x82, 0x92, 0x97, 0x57, 0x8f, 0x6e, 0x25, 0x87, 0x4d, 0xc7, 0x07, 0x8c };

/* Set while slapd reads its configuration (one thread), read-only afterwards. */
static Slapi_DN *provisioning_dn, *updater_dn, *arrays_dn;
static Slapi_Mutex *lock;
/* Read once, by the first search that asks for a descriptor (its pre-search: back-mdb cannot read while it sends an
 * entry), under the lock; loaded is read with atomics. */
static sid domain_sid, provisioning_sid, updater_sid;
static int loaded;

int casdir_security_init(const char *provisioning, const char *updater, const char *arrays)
{
    if (provisioning == NULL || updater == NULL || arrays == NULL)
        return -1;
    provisioning_dn = slapi_sdn_new_dn_byval(provisioning);
    updater_dn = slapi_sdn_new_dn_byval(updater);
    arrays_dn = slapi_sdn_new_dn_byval(arrays);
    lock = slapi_new_mutex();
    return lock != NULL ? 0 : -1;
}

int casdir_sid_valid(const unsigned char *bytes, size_t length)
{
    return length >= 8 && bytes[0] == 1 && bytes[1] <= 15 && length == 8 + 4 * (size_t)bytes[1];
}

/* "S-1-5-21-…" for a binary SID; 0 if it is not one. */
int casdir_sid_text(const unsigned char *bytes, size_t length, char *out, size_t size)
{
    unsigned long long authority = 0;
    size_t i, used;
    if (!casdir_sid_valid(bytes, length) || size < 24)
        return 0;
    for (i = 2; i < 8; i++)
        authority = (authority << 8) | bytes[i];
    used = (size_t)snprintf(out, size, "S-1-%llu", authority);
    for (i = 0; i < bytes[1] && used < size; i++) {
        const unsigned char *p = bytes + 8 + 4 * i;
        unsigned long value = (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
        used += (size_t)snprintf(out + used, size - used, "-%lu", value);
    }
    return used < size;
}

/* The binary form of "S-1-<authority>-<sub>…" (AD's string form in a filter); 0 if text is not exactly one. */
int casdir_sid_parse(const char *text, size_t length, unsigned char out[SID_MAX], size_t *out_length)
{
    size_t i = 4, count = 0;
    unsigned long long value;
    int digits;
    if (length < 5 || (text[0] != 'S' && text[0] != 's') || strncmp(text + 1, "-1-", 3) != 0)
        return 0;
    memset(out, 0, SID_MAX);
    out[0] = 1;
    for (;;) {
        for (value = 0, digits = 0; i < length && text[i] >= '0' && text[i] <= '9' && digits < 16; i++, digits++)
            value = value * 10 + (unsigned long long)(text[i] - '0');
        if (digits == 0 || (i < length && text[i] != '-'))
            return 0;
        if (count == 0) {
            int b;
            if (value > 0xFFFFFFFFFFFFull)
                return 0;
            for (b = 0; b < 6; b++)
                out[2 + b] = (unsigned char)(value >> (8 * (5 - b)));
        } else {
            unsigned char *p = out + 8 + 4 * (count - 1);
            if (count > 15 || value > 0xFFFFFFFFull)
                return 0;
            p[0] = (unsigned char)value;
            p[1] = (unsigned char)(value >> 8);
            p[2] = (unsigned char)(value >> 16);
            p[3] = (unsigned char)(value >> 24);
        }
        count++;
        if (i == length)
            break;
        i++; /* the '-' */
        if (i == length)
            return 0;
    }
    out[1] = (unsigned char)(count - 1);
    *out_length = 8 + 4 * (count - 1);
    return 1;
}

/* -1: no control; -2: a value that is not { INTEGER }; else the parts asked for (none asked: all four, MS-ADTS).
 * Read by hand, strictly: SEQUENCE (short length) holding exactly one INTEGER of 1 to 5 content bytes, so the flags
 * may come signed or as unsigned 32 bits (a leading zero); only the low four bits count ("other bits ignored"). */
int casdir_sd_flags(Slapi_PBlock *pb)
{
    const LDAPControl *control = casdir_request_control(pb, SD_FLAGS_OID);
    const unsigned char *v;
    size_t n;
    int flags;
    if (control == NULL)
        return -1;
    v = (const unsigned char *)control->ldctl_value.bv_val;
    n = control->ldctl_value.bv_len;
    if (v == NULL || n < 5 || n > 9 || v[0] != 0x30 || v[1] != n - 2 || v[2] != 0x02 || v[3] != n - 4 || v[3] == 0)
        return -2;
    if (v[3] == 5 && v[4] != 0x00)
        return -2; /* five bytes only for an unsigned 32-bit value's leading zero */
    flags = v[n - 1] & 0xF;
    return flags != 0 ? flags : 0xF;
}

void casdir_sd_flags_register(void)
{
    slapi_register_supported_control(SD_FLAGS_OID, SLAPI_OPERATION_SEARCH | SLAPI_OPERATION_COMPARE | SLAPI_OPERATION_ADD
                                                       | SLAPI_OPERATION_MODIFY | SLAPI_OPERATION_MODDN | SLAPI_OPERATION_DELETE);
}

static int read_sid(const char *dn, sid *out)
{
    char *attributes[] = { "objectSid", NULL };
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    Slapi_Attr *a = NULL;
    Slapi_Value *v = NULL;
    const struct berval *bv;
    int result = LDAP_OTHER, found = 0;
    if ((search = slapi_search_internal((char *)dn, LDAP_SCOPE_BASE, "(objectClass=*)", NULL, attributes, 0)) == NULL)
        return 0;
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    if (result == LDAP_SUCCESS && entries != NULL && entries[0] != NULL && slapi_entry_attr_find(entries[0], "objectSid", &a) == 0
        && slapi_attr_first_value(a, &v) != -1 && (bv = slapi_value_get_berval(v)) != NULL
        && casdir_sid_valid((const unsigned char *)bv->bv_val, bv->bv_len)) {
        memcpy(out->bytes, bv->bv_val, bv->bv_len);
        out->length = bv->bv_len;
        found = 1;
    }
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
    return found;
}

int casdir_security_load(const char *domain_dn)
{
    static int told;
    int ok;
    if (__atomic_load_n(&loaded, __ATOMIC_ACQUIRE))
        return 1;
    if (lock == NULL || domain_dn == NULL)
        return 0;
    slapi_lock_mutex(lock);
    ok = loaded || (read_sid(domain_dn, &domain_sid) && domain_sid.bytes[1] == 4
                    && read_sid(slapi_sdn_get_dn(provisioning_dn), &provisioning_sid)
                    && read_sid(slapi_sdn_get_dn(updater_dn), &updater_sid));
    if (ok)
        __atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
    else if (!told++)
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "the domain head or an application account has no objectSid (a directory made before they were given): no nTSecurityDescriptor is given\n");
    slapi_unlock_mutex(lock);
    return ok;
}

/* ---- writing the descriptor ---------------------------------------------------------------------------------- */

typedef struct {
    unsigned char *bytes;
    size_t length, size;
} bytes_buffer;

static void put(bytes_buffer *b, const void *data, size_t n)
{
    if (b->length + n > b->size) {
        b->size = (b->length + n) * 2;
        b->bytes = (unsigned char *)slapi_ch_realloc((char *)b->bytes, b->size);
    }
    memcpy(b->bytes + b->length, data, n);
    b->length += n;
}

static void put16(bytes_buffer *b, unsigned v)
{
    unsigned char p[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
    put(b, p, 2);
}

static void put32(bytes_buffer *b, unsigned long v)
{
    unsigned char p[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24) };
    put(b, p, 4);
}

static void set16(bytes_buffer *b, size_t at, unsigned v)
{
    b->bytes[at] = (unsigned char)v;
    b->bytes[at + 1] = (unsigned char)(v >> 8);
}

static void set32(bytes_buffer *b, size_t at, unsigned long v)
{
    int i;
    for (i = 0; i < 4; i++)
        b->bytes[at + i] = (unsigned char)(v >> (8 * i));
}

/* The domain's SID with one more sub-authority. */
static sid domain_account(unsigned long rid)
{
    sid s = domain_sid;
    unsigned char *p = s.bytes + s.length;
    p[0] = (unsigned char)rid;
    p[1] = (unsigned char)(rid >> 8);
    p[2] = (unsigned char)(rid >> 16);
    p[3] = (unsigned char)(rid >> 24);
    s.length += 4;
    s.bytes[1]++;
    return s;
}

typedef struct {
    unsigned char type, flags;
    unsigned long mask;
    const unsigned char *object_type; /* an object ACE's ObjectType, or NULL */
    sid trustee;
} ace;

#define ALLOWED 0x00
#define AUDIT 0x02
#define ALLOWED_OBJECT 0x05
#define SUCCESSFUL_ACCESS 0x40

static void put_acl(bytes_buffer *b, const ace *aces, int count)
{
    size_t start = b->length;
    int i, objects = 0;
    for (i = 0; i < count; i++)
        objects |= aces[i].object_type != NULL;
    put(b, (unsigned char[]){ objects ? 4 : 2, 0 }, 2); /* ACL_REVISION_DS when an object ACE is there */
    put16(b, 0);                                       /* size, set below */
    put16(b, (unsigned)count);
    put16(b, 0);
    for (i = 0; i < count; i++) {
        size_t at = b->length;
        put(b, (unsigned char[]){ aces[i].object_type != NULL ? ALLOWED_OBJECT : aces[i].type, aces[i].flags }, 2);
        put16(b, 0);
        put32(b, aces[i].mask);
        if (aces[i].object_type != NULL) {
            put32(b, 1); /* ACE_OBJECT_TYPE_PRESENT */
            put(b, aces[i].object_type, 16);
        }
        put(b, aces[i].trustee.bytes, aces[i].trustee.length);
        set16(b, at + 2, (unsigned)(b->length - at));
    }
    set16(b, start + 2, (unsigned)(b->length - start));
}

static int in_arrays(const char *dn)
{
    Slapi_DN *entry = slapi_sdn_new_dn_byval(dn), *parent = slapi_sdn_new();
    int inside;
    slapi_sdn_get_parent(entry, parent);
    inside = slapi_sdn_compare(parent, arrays_dn) == 0;
    slapi_sdn_free(&entry);
    slapi_sdn_free(&parent);
    return inside;
}

struct berval *casdir_security_descriptor(Slapi_Entry *entry, const char *dn, int in_configuration, int in_schema, int flags, int privileged)
{
    ace dacl[6], sacl[1];
    Slapi_Attr *attribute = NULL;
    int aces = 0, audits = 0;
    bytes_buffer b = { NULL, 0, 0 };
    sid group;
    struct berval *value;
    unsigned control = 0x8000; /* SE_SELF_RELATIVE */
    int array = 0;
    if ((flags & SACL_SECURITY) && !privileged)
        return NULL;
    if (!__atomic_load_n(&loaded, __ATOMIC_ACQUIRE))
        return NULL;
    group = domain_account(in_configuration ? 519 : 512); /* Enterprise Admins : Domain Admins */

    dacl[aces++] = (ace){ ALLOWED, 0, FULL_CONTROL, NULL, local_system };
    dacl[aces++] = (ace){ ALLOWED, 0, FULL_CONTROL, NULL, group };
    if (in_configuration && !in_schema) {
        array = slapi_entry_attr_hasvalue(entry, "objectClass", "msExchClientAccessArray");
        /* slapd.conf: an array outside CN=Arrays is read-only, even to the provisioning account */
        if (!array || in_arrays(dn))
            dacl[aces++] = (ace){ ALLOWED, 0, SLAPD_WRITE, NULL, provisioning_sid };
        if (!array && slapi_entry_attr_hasvalue(entry, "objectClass", "msExchExchangeServer"))
            dacl[aces++] = (ace){ ALLOWED, 0, WRITE_PROPERTY, server_site_guid, updater_sid };
        if (slapi_entry_attr_hasvalue(entry, "objectClass", "msExchPrivateMDB") && slapi_entry_attr_find(entry, "legacyExchangeDN", &attribute) != 0)
            dacl[aces++] = (ace){ ALLOWED, 0, WRITE_PROPERTY, legacy_exchange_dn_guid, updater_sid };
    }
    dacl[aces++] = (ace){ ALLOWED, 0, READ_RIGHTS, NULL, authenticated_users };
    if (in_configuration)
        sacl[audits++] = (ace){ AUDIT, SUCCESSFUL_ACCESS, AUDITED_WRITES, NULL, everyone };

    put(&b, (unsigned char[20]){ 1, 0 }, 20); /* revision, Sbz1, control and four offsets, set below */
    if ((flags & SACL_SECURITY) && audits > 0) {
        control |= 0x0010; /* SE_SACL_PRESENT */
        set32(&b, 12, b.length);
        put_acl(&b, sacl, audits);
    }
    if ((flags & DACL_SECURITY)) {
        control |= 0x0004; /* SE_DACL_PRESENT */
        set32(&b, 16, b.length);
        put_acl(&b, dacl, aces);
    }
    if ((flags & OWNER_SECURITY)) {
        set32(&b, 4, b.length);
        put(&b, group.bytes, group.length);
    }
    if ((flags & GROUP_SECURITY)) {
        set32(&b, 8, b.length);
        put(&b, group.bytes, group.length);
    }
    set16(&b, 2, control);
    value = (struct berval *)slapi_ch_malloc(sizeof *value);
    value->bv_val = (char *)b.bytes;
    value->bv_len = b.length;
    return value;
}
