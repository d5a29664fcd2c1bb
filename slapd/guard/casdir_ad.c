/*
 * casdir-guard, part two: Active Directory's own attributes, computed by slapd when an entry is read
 * (docs/rules.md, "Active Directory's own attributes"), so every entry has them however it was written
 * (casdir, raw ldapadd, slapadd) and nothing is stored twice:
 *   objectGUID              entryUUID in AD's byte order (the first three fields little-endian), 16 bytes
 *   whenCreated/whenChanged createTimestamp/modifyTimestamp as YYYYMMDDHHMMSS.0Z
 *   distinguishedName, name the DN and its first RDN's value
 *   objectCategory          CN=<the structural class's classSchema cn>,CN=Schema,<configuration DN>
 *   showInAdvancedViewOnly  TRUE; instanceType 4 (5 for a naming context's head: the domain's, the configuration's)
 * A pre-entry hook adds them to a copy of each entry a search returns when the request asks for them (by name,
 * with '*', or with no attribute list); slapd then applies the attribute list and the ACLs as for stored ones.
 * A pre-search hook rewrites filters on them to what is stored: whenChanged to modifyTimestamp, objectGUID to
 * entryUUID, distinguishedName to entryDN, and AD's objectCategory shorthand (a class name or its classSchema DN)
 * to the structural class.
 */
#define _GNU_SOURCE /* strcasestr */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <ldap.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"
#include "casdir_guard.h"

/* What one configuration partition's instances share (the guard's line on its database and casdir_ad_init's on the
 * domain's): its DN and its classes, read once from CN=Schema. A second partition gets state of its own. */
typedef struct classes {
    char *configuration_dn;
    char *domain_dn;   /* the configuration DN's parent: the domain (forest root) it names */
    char *schema_dn;
    Slapi_Mutex *lock;
    int loaded;        /* read and written with atomics: the hot path reads it without the lock */
    int count;
    char **names;      /* lDAPDisplayName */
    char **cns;        /* cn of the classSchema entry */
    char **parents;    /* subClassOf */
    int *structural;
    char ***attributes; /* mustContain and mayContain, each class its own (not its superclasses') */
    struct classes *next;
} classes;

/* Written while slapd reads its configuration (one thread), only read afterwards. */
static classes *partitions;

#define SUBSYSTEM "casdir-ad"

/* Bits of asked_mask(), in the order of casdir_ad_computed[]. The ones from CANONICAL_NAME on are constructed: AD
 * returns them only when a search names them, never for '*', and refuses them in a filter. */
enum { OBJECT_GUID = 1u << 0, OBJECT_CATEGORY = 1u << 1, WHEN_CREATED = 1u << 2, WHEN_CHANGED = 1u << 3,
       DISTINGUISHED_NAME = 1u << 4, NAME = 1u << 5, SHOW_IN_ADVANCED_VIEW_ONLY = 1u << 6, INSTANCE_TYPE = 1u << 7,
       USN_CHANGED = 1u << 8, USN_CREATED = 1u << 9, SYSTEM_FLAGS = 1u << 10,
       CANONICAL_NAME = 1u << 11, ALLOWED_CHILD_CLASSES = 1u << 12, ALLOWED_CHILD_CLASSES_EFFECTIVE = 1u << 13,
       APPROX_IMMED_SUBORDINATES = 1u << 14, ALLOWED_ATTRIBUTES = 1u << 15, ALLOWED_ATTRIBUTES_EFFECTIVE = 1u << 16 };
/* The back-links (casdir_backlinks.c), in casdir_backlinks[]' order: stored attributes in AD, so returned for '*' (and
 * an empty list) too, on a base search (one object, as ADSI Edit opens it: a few indexed reads); a wider search gives
 * them when it names them (for '*' alone, reading every link of the partition and copying each linked entry cost a
 * 10,000-entry read 1.8 times its time). Answered in a filter, unlike the constructed ones. */
#define FIRST_BACKLINK 17
#define BACKLINKS (((1u << CASDIR_BACKLINKS) - 1) << FIRST_BACKLINK)
/* The security descriptor (casdir_security.c), after them: returned when named, or for '*' and an empty list when the
 * SD flags control is sent (MS-ADTS 3.1.1.3.4.1.11); answered in a filter by presence only. */
#define SECURITY_DESCRIPTOR_INDEX (FIRST_BACKLINK + CASDIR_BACKLINKS)
#define NT_SECURITY_DESCRIPTOR (1u << SECURITY_DESCRIPTOR_INDEX)
#define COMPUTED_COUNT (SECURITY_DESCRIPTOR_INDEX + 1)
#define FIRST_CONSTRUCTED 11
/* The ones before it: given by the compute evaluator (ad_compute), without a copy of the entry. */
#define EVALUATED ((1u << FIRST_CONSTRUCTED) - 1)

const char *const casdir_ad_computed[] = {
    "objectGUID", "objectCategory", "whenCreated", "whenChanged", "distinguishedName", "name",
    "showInAdvancedViewOnly", "instanceType", "uSNChanged", "uSNCreated", "systemFlags",
    "canonicalName", "allowedChildClasses", "allowedChildClassesEffective", "msDS-Approx-Immed-Subordinates",
    "allowedAttributes", "allowedAttributesEffective",
    "siteObjectBL", "msExchServerSiteBL", "msExchMDBAvailabilityGroupBL", "msExchHostServerBL", "nTSecurityDescriptor", NULL
};
#define computed casdir_ad_computed

/* A class slapd itself knows, by a name that is a plain descriptor: anything else (an entry someone wrote by hand,
 * a class not in slapd's schema) would make every filter built from it undefined, or worse, let it into the text. */
static int known_class(const char *name)
{
    char filter[300];
    Slapi_Filter *parsed;
    int i, known;
    if (name == NULL || !isalpha((unsigned char)name[0]) || strlen(name) > 256)
        return 0;
    for (i = 1; name[i] != '\0'; i++)
        if (!isalnum((unsigned char)name[i]) && name[i] != '-')
            return 0;
    snprintf(filter, sizeof filter, "(objectClass=%s)", name);
    parsed = slapi_str2filter(filter);
    if (parsed == NULL)
        return 0;
    known = slapi_filter_get_choice(parsed) == LDAP_FILTER_EQUALITY; /* an unknown class parses as "undefined" */
    slapi_filter_free(parsed, 1);
    return known;
}

/* A classSchema entry's mustContain and mayContain values, NULL-terminated. */
static char **contained_attributes(Slapi_Entry *entry)
{
    static const char *types[] = { "mustContain", "mayContain" };
    Slapi_Attr *attribute;
    Slapi_Value *value;
    char **list = NULL;
    int n = 0, t, i;
    for (t = 0; t < 2; t++)
        if (slapi_entry_attr_find(entry, (char *)types[t], &attribute) == 0 && attribute != NULL)
            for (i = slapi_attr_first_value(attribute, &value); i != -1; i = slapi_attr_next_value(attribute, i, &value)) {
                const char *name = slapi_value_get_string(value);
                if (name == NULL)
                    continue;
                list = (char **)slapi_ch_realloc((char *)list, (n + 2) * sizeof(char *));
                list[n++] = slapi_ch_strdup(name);
                list[n] = NULL;
            }
    return list;
}

/* The classSchema entries of CN=Schema, read once (the partition is generated and only the rootdn writes it). A read
 * that fails is logged and tried again by a later search; a directory made before the schema partition existed has
 * none, and its entries get no objectCategory. */
static void load_classes(classes *p)
{
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    char *attributes[] = { "cn", "lDAPDisplayName", "subClassOf", "objectClassCategory", "mustContain", "mayContain", NULL };
    char *category;
    int result = LDAP_OTHER, i, n = 0;

    slapi_lock_mutex(p->lock);
    if (__atomic_load_n(&p->loaded, __ATOMIC_ACQUIRE)) {
        slapi_unlock_mutex(p->lock);
        return;
    }
    search = slapi_search_internal(p->schema_dn, LDAP_SCOPE_ONELEVEL, "(objectClass=classSchema)", NULL, attributes, 0);
    if (search != NULL) {
        slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
        slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
        if (result == LDAP_SUCCESS && entries != NULL) {
            for (n = 0; entries[n] != NULL; n++)
                ;
            p->names = (char **)slapi_ch_calloc(n + 1, sizeof(char *));
            p->cns = (char **)slapi_ch_calloc(n + 1, sizeof(char *));
            p->parents = (char **)slapi_ch_calloc(n + 1, sizeof(char *));
            p->structural = (int *)slapi_ch_calloc(n + 1, sizeof(int));
            p->attributes = (char ***)slapi_ch_calloc(n + 1, sizeof(char **));
            for (i = 0; i < n; i++) {
                int c = p->count;
                p->names[c] = slapi_entry_attr_get_charptr(entries[i], "lDAPDisplayName");
                p->cns[c] = slapi_entry_attr_get_charptr(entries[i], "cn");
                p->parents[c] = slapi_entry_attr_get_charptr(entries[i], "subClassOf");
                category = slapi_entry_attr_get_charptr(entries[i], "objectClassCategory");
                p->structural[c] = category != NULL && strcmp(category, "1") == 0;
                slapi_ch_free_string(&category);
                if (known_class(p->names[c]) && p->cns[c] != NULL) {
                    p->attributes[c] = contained_attributes(entries[i]);
                    p->count++;
                } else {
                    slapi_ch_free_string(&p->names[c]);
                    slapi_ch_free_string(&p->cns[c]);
                    slapi_ch_free_string(&p->parents[c]);
                }
            }
        }
        slapi_free_search_results_internal(search);
        slapi_pblock_destroy(search);
    }
    if (result == LDAP_SUCCESS || result == LDAP_NO_SUCH_OBJECT)
        __atomic_store_n(&p->loaded, 1, __ATOMIC_RELEASE);
    else
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "could not read the classes of %s (result %d); objectCategory waits for a later search\n",
                        p->schema_dn, result);
    slapi_unlock_mutex(p->lock);
}

static const char *class_cn(const classes *p, const char *name)
{
    int i;
    for (i = 0; i < p->count; i++)
        if (strcasecmp(p->names[i], name) == 0)
            return p->cns[i];
    return NULL;
}

static int class_index(const classes *p, const char *name_or_cn)
{
    int i;
    for (i = 0; i < p->count; i++)
        if (strcasecmp(p->cns[i], name_or_cn) == 0 || strcasecmp(p->names[i], name_or_cn) == 0)
            return i;
    return -1;
}

/* Is class i a subclass (at any depth, not itself) of class ancestor? */
static int descends_from(const classes *p, int i, int ancestor)
{
    int depth;
    for (depth = 0; depth < 32 && p->parents[i] != NULL && strcasecmp(p->parents[i], p->names[i]) != 0; depth++) {
        i = class_index(p, p->parents[i]);
        if (i < 0)
            return 0;
        if (i == ancestor)
            return 1;
    }
    return 0;
}

/* Entries whose category is class c: of class c and of none of its structural subclasses (an array is of the
 * server's class but of its own category). Nothing for a class that is not structural. */
static void append_category_filter(const classes *p, void (*add)(void *, const char *), void *b, int c)
{
    int i;
    if (c < 0 || !p->structural[c]) {
        add(b, "(!(objectClass=*))");
        return;
    }
    add(b, "(&(objectClass=");
    add(b, p->names[c]);
    add(b, ")");
    for (i = 0; i < p->count; i++)
        if (p->structural[i] && descends_from(p, i, c)) {
            add(b, "(!(objectClass=");
            add(b, p->names[i]);
            add(b, "))");
        }
    add(b, ")");
}

/* An entry below dn's suffix? (both as slapd keeps them; case-insensitive) */
static int ends_with_dn(const char *dn, const char *suffix)
{
    size_t n = strlen(dn), m = strlen(suffix);
    return n >= m && strcasecmp(dn + n - m, suffix) == 0 && (n == m || dn[n - m - 1] == ',');
}

/* The partition whose configuration DN is dn or a suffix of it; else the one whose domain is (the domain's head,
 * CN=Users: they get their own attributes too, with that partition's classes); NULL for what is neither (the root
 * DSE, cn=Subschema, cn=accesslog: this plugin is slapd's frontend's, and sees those too). */
static classes *partition_for(const char *dn)
{
    classes *p;
    if (dn == NULL)
        return NULL;
    for (p = partitions; p != NULL; p = p->next)
        if (ends_with_dn(dn, p->configuration_dn))
            return p;
    for (p = partitions; p != NULL; p = p->next)
        if (ends_with_dn(dn, p->domain_dn))
            return p;
    return NULL;
}

static classes *loaded(classes *p)
{
    if (p != NULL && !__atomic_load_n(&p->loaded, __ATOMIC_ACQUIRE))
        load_classes(p);
    return p;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* entryUUID (RFC 4122 text) to AD's objectGUID bytes: Data1, Data2 and Data3 little-endian, Data4 as is. */
static int guid_from_uuid(const char *uuid, unsigned char guid[16])
{
    static const int order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
    unsigned char bytes[16];
    int i = 0, high, low;
    for (; *uuid != '\0' && i < 16; uuid++) {
        if (*uuid == '-')
            continue;
        high = hex_value(uuid[0]);
        low = uuid[1] != '\0' ? hex_value(uuid[1]) : -1;
        if (high < 0 || low < 0)
            return -1;
        bytes[i++] = (unsigned char)(high * 16 + low);
        uuid++;
    }
    if (i != 16)
        return -1;
    for (i = 0; i < 16; i++)
        guid[i] = bytes[order[i]];
    return 0;
}

static void uuid_from_guid(const unsigned char guid[16], char uuid[37])
{
    snprintf(uuid, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             guid[3], guid[2], guid[1], guid[0], guid[5], guid[4], guid[7], guid[6],
             guid[8], guid[9], guid[10], guid[11], guid[12], guid[13], guid[14], guid[15]);
}

/* The value of the DN's first RDN, unescaped (RFC 4514): "CN=10.1.0.0/16,CN=Subnets,..." -> "10.1.0.0/16". */
static char *first_rdn_value(const char *dn)
{
    const char *p = strchr(dn, '=');
    char *value, *out;
    int high, low;
    if (p == NULL)
        return NULL;
    value = out = slapi_ch_malloc(strlen(dn) + 1);
    for (p++; *p != '\0' && *p != ',' && *p != '+'; p++) {
        if (*p == '\\' && p[1] != '\0') {
            high = hex_value(p[1]);
            low = p[2] != '\0' ? hex_value(p[2]) : -1;
            if (high >= 0 && low >= 0) {
                *out++ = (char)(high * 16 + low);
                p += 2;
            } else {
                *out++ = *++p;
            }
        } else {
            *out++ = *p;
        }
    }
    *out = '\0';
    return value;
}

/* "20261130011500Z" (slapd) -> "20261130011500.0Z" (AD). */
static char *ad_time(const char *timestamp)
{
    char *value;
    size_t length;
    if (timestamp == NULL)
        return NULL;
    length = strlen(timestamp);
    value = slapi_ch_malloc(length + 3);
    if (length == 15 && timestamp[14] == 'Z')
        snprintf(value, length + 3, "%.14s.0Z", timestamp);
    else
        snprintf(value, length + 3, "%s", timestamp);
    return value;
}

/* Does requested name this attribute? By its name or its OID (1.2.840.113556.1.2.120 is uSNChanged), as slapd takes
 * either in an attribute list. */
static int names(const char *requested, const char *name)
{
    const char *canonical;
    if (strcasecmp(requested, name) == 0)
        return 1;
    if (!isdigit((unsigned char)requested[0]))
        return 0;
    canonical = slapi_attr_syntax_normalize(requested);
    return canonical != NULL && strcasecmp(canonical, name) == 0;
}

static int asked(char **attributes, const char *name, int by_name_only)
{
    int i;
    if (attributes == NULL || attributes[0] == NULL)
        return !by_name_only; /* no list: every user attribute */
    for (i = 0; attributes[i] != NULL; i++)
        if ((!by_name_only && strcmp(attributes[i], "*") == 0) || names(attributes[i], name))
            return 1;
    return 0;
}

/* The computed value, replacing any the entry holds: only the rootdn or slapadd could have stored one (casdir-guard
 * refuses it to everyone else), and a stored objectGUID must never pass for the entry's identity. */
static void set_string(Slapi_Entry *entry, const char *type, char *value)
{
    if (value != NULL) {
        slapi_entry_attr_delete(entry, (char *)type);
        slapi_entry_add_string(entry, type, value);
    }
    slapi_ch_free_string(&value);
}

static int ad_pre_search(Slapi_PBlock *pb);
static int extended_dn_flag(Slapi_PBlock *pb);

/* ---- naming-context boundaries ------------------------------------------------------------------------------ */

/* AD's search options control: SERVER_SEARCH_FLAG_PHANTOM_ROOT (2) lets a subtree search cross into every naming context
 * below its base, as a global catalog's would; and its domain scope control: no continuation references. */
#define SEARCH_OPTIONS_OID "1.2.840.113556.1.4.1340"
#define DOMAIN_SCOPE_OID "1.2.840.113556.1.4.1339"
#define PHANTOM_ROOT 2

static int phantom_root(Slapi_PBlock *pb)
{
    const LDAPControl *control = casdir_request_control(pb, SEARCH_OPTIONS_OID);
    BerElement *ber;
    ber_int_t flags = 0;
    int found = 0;
    if (control == NULL || control->ldctl_value.bv_val == NULL)
        return 0;
    if ((ber = ber_init((struct berval *)&control->ldctl_value)) != NULL) {
        found = ber_scanf(ber, "{i}", &flags) != LBER_ERROR && (flags & PHANTOM_ROOT) != 0;
        ber_free(ber, 1);
    }
    return found;
}

/* A later page of a paged search (the paged results control carries the server's cookie): its continuation reference
 * went with the first page, and is not repeated on every page. */
#define PAGED_RESULTS_OID "1.2.840.113556.1.4.319"
static int paged_continuation(Slapi_PBlock *pb)
{
    const LDAPControl *control = casdir_request_control(pb, PAGED_RESULTS_OID);
    BerElement *ber;
    ber_int_t size = 0;
    struct berval cookie = { 0, NULL };
    int later = 0;
    if (control == NULL || control->ldctl_value.bv_val == NULL || (ber = ber_init((struct berval *)&control->ldctl_value)) == NULL)
        return 0;
    later = ber_scanf(ber, "{im}", &size, &cookie) != LBER_ERROR && cookie.bv_len > 0;
    ber_free(ber, 1);
    return later;
}

/* Does this search stop at the configuration naming context p below its base, as a domain controller's does? */
static int stops_at(Slapi_PBlock *pb, const classes *p)
{
    char *base = NULL;
    int scope = LDAP_SCOPE_BASE;
    slapi_pblock_get(pb, SLAPI_SEARCH_TARGET, &base);
    slapi_pblock_get(pb, SLAPI_SEARCH_SCOPE, &scope);
    return scope != LDAP_SCOPE_BASE && base != NULL && strcasecmp(base, p->configuration_dn) != 0
        && ends_with_dn(p->configuration_dn, base) && !phantom_root(pb);
}

/* An operation as slapd numbers it. What this file remembers between a search's pre-search and its entries, or
 * between its entries, is kept per thread under the operation's key: every entry of a search is sent on its thread. */
typedef struct {
    long connection, operation;
} operation_key;

static const operation_key no_operation = { -1, -1 };

static operation_key key_of(Slapi_PBlock *pb)
{
    operation_key key = no_operation;
    slapi_pblock_get(pb, SLAPI_CONN_ID, &key.connection);
    slapi_pblock_get(pb, SLAPI_OPERATION_ID, &key.operation);
    return key;
}

static int same_operation(operation_key a, operation_key b)
{
    return a.connection != -1 && a.connection == b.connection && a.operation == b.operation;
}

/* The searches that stop at a configuration naming context, decided before the search starts (slapd's glue then
 * searches that database with its own suffix as the base). */
static __thread operation_key stopping = { -1, -1 };

/* ---- server-side sort -------------------------------------------------------------------------------------- */

#define SORT_OID "1.2.840.113556.1.4.473"

/* slapo-sssvlv reads a sort key's values from the entry as the database hands it over, before this plugin adds the
 * computed attributes: a sort by one of them would come back in no order at all. Refused instead, as slapo-sssvlv
 * refuses a key it cannot order (docs/rules.md, "Sorting"), naming what to sort by. */
static const char *sort_source(const char *name)
{
    static const char *const sources[][2] = {
        { "whenCreated", "createTimestamp" }, { "whenChanged", "modifyTimestamp" }, { "uSNCreated", "createTimestamp" },
        { "uSNChanged", "entryCSN" }, { "name", "cn" },
    };
    size_t i;
    for (i = 0; i < sizeof sources / sizeof sources[0]; i++)
        if (strcasecmp(name, sources[i][0]) == 0)
            return sources[i][1];
    return NULL;
}

/* The sorted search of this thread that holds its connection's turn (casdir_sort_turns.c). */
static __thread operation_key sort_turn = { -1, -1 };

static const char *computed_sort_key(Slapi_PBlock *pb)
{
    const LDAPControl *control = casdir_request_control(pb, SORT_OID);
    BerElement *ber, *key;
    ber_tag_t tag;
    ber_len_t length;
    char *end;
    struct berval element, type;
    const char *found = NULL;
    char name[128];
    int i;
    if (control == NULL || control->ldctl_value.bv_val == NULL || (ber = ber_init((struct berval *)&control->ldctl_value)) == NULL)
        return NULL;
    /* Any tag, not only SEQUENCE: slapo-sssvlv has parsed this value in place before us, and liblber ends each string
     * it reads there with a NUL, over the tag of the key after it. The lengths are intact. */
    for (tag = ber_first_element(ber, &length, &end); tag != LBER_DEFAULT && found == NULL; tag = ber_next_element(ber, &length, end)) {
        if (ber_skip_element(ber, &element) == LBER_DEFAULT) /* the key's SEQUENCE, without its header */
            break;
        if ((key = ber_init(&element)) == NULL)
            break;
        if (ber_scanf(key, "m", &type) != LBER_ERROR && type.bv_len > 0 && type.bv_len < sizeof name) {
            memcpy(name, type.bv_val, type.bv_len);
            name[type.bv_len] = '\0';
            name[strcspn(name, ";")] = '\0'; /* options */
            for (i = 0; computed[i] != NULL; i++)
                if (slapi_attr_types_equivalent(name, computed[i])) {
                    found = computed[i];
                    break;
                }
        }
        ber_free(key, 1);
    }
    ber_free(ber, 1);
    return found;
}

static int refuse_computed_sort(Slapi_PBlock *pb)
{
    const char *key, *source;
    char text[200], *base = NULL;
    if (casdir_request_control(pb, SORT_OID) == NULL)
        return 0;
    /* slapo-sssvlv's instance on cn=accesslog is there to free closed connections' sorts (slapd.conf.template): a
     * sorted search of the log would be taken up by it and by the global one at once */
    slapi_pblock_get(pb, SLAPI_SEARCH_TARGET, &base);
    if (base != NULL && ends_with_dn(base, "cn=accesslog")) {
        slapi_send_ldap_result(pb, LDAP_UNWILLING_TO_PERFORM, NULL, "serverSort control: the access log is not sorted; read it in reqStart order as it is stored", 0, NULL);
        return -1;
    }
    if ((key = computed_sort_key(pb)) == NULL)
        return 0;
    source = sort_source(key);
    snprintf(text, sizeof text, "serverSort control: %s is computed when an entry is sent and cannot be sorted by%s%s",
             key, source != NULL ? "; sort by " : "", source != NULL ? source : "");
    slapi_send_ldap_result(pb, LDAP_INAPPROPRIATE_MATCHING, NULL, text, 0, NULL);
    return -1;
}

/* Before every search (this plugin is the frontend's): for a search of the domain, a continuation reference to each configuration naming context the search stops at,
 * ldap://<DNS domain>/<configuration DN> as AD writes it (none with the domain scope control). */
static unsigned asked_mask(Slapi_PBlock *pb, operation_key key);

static int ad_pre_search_frontend(Slapi_PBlock *pb)
{
    classes *p;
    int stops = 0, flag;
    char *base = NULL;
    if (refuse_computed_sort(pb) != 0)
        return -1;
    if ((flag = extended_dn_flag(pb)) == -2) {
        slapi_send_ldap_result(pb, LDAP_PROTOCOL_ERROR, NULL, "extended DN control: its value is { INTEGER 0 } (hex GUIDs) or { INTEGER 1 } (dashed GUIDs), or none", 0, NULL);
        return -1;
    }
    if (casdir_sd_flags(pb) == -2) {
        slapi_send_ldap_result(pb, LDAP_PROTOCOL_ERROR, NULL, "SD flags control: its value is { INTEGER flags } (1 owner, 2 group, 4 DACL, 8 SACL)", 0, NULL);
        return -1;
    }
    if (slapi_pblock_get(pb, SLAPI_SEARCH_TARGET, &base) == 0 && base != NULL && (p = partition_for(base)) != NULL) {
        int scope = LDAP_SCOPE_SUBTREE;
        slapi_pblock_get(pb, SLAPI_SEARCH_SCOPE, &scope);
        if (flag >= 0)
            casdir_extended_dn_collect(p->domain_dn, p->schema_dn, base, scope); /* before the search: back-mdb cannot read while it sends an entry */
        if ((asked_mask(pb, key_of(pb)) & NT_SECURITY_DESCRIPTOR))
            casdir_security_load(p->domain_dn); /* the SIDs, read once */
    }
    for (p = partitions; p != NULL; p = p->next)
        if (stops_at(pb, p)) {
            char *canonical = casdir_canonical_name(p->configuration_dn), *url;
            size_t size;
            struct berval reference, *references[2] = { &reference, NULL };
            stops = 1;
            if (canonical == NULL || casdir_request_control(pb, DOMAIN_SCOPE_OID) != NULL || paged_continuation(pb)) {
                slapi_ch_free_string(&canonical);
                continue;
            }
            canonical[strcspn(canonical, "/")] = '\0';
            size = strlen(canonical) + strlen(p->configuration_dn) + 9;
            url = slapi_ch_malloc(size);
            snprintf(url, size, "ldap://%s/%s", canonical, p->configuration_dn);
            reference.bv_val = url;
            reference.bv_len = strlen(url);
            slapi_send_ldap_search_reference(pb, NULL, references, NULL, NULL);
            slapi_ch_free_string(&url);
            slapi_ch_free_string(&canonical);
        }
    stopping = stops ? key_of(pb) : no_operation;
    if (ad_pre_search(pb) != 0)
        return -1;
    if (casdir_request_control(pb, SORT_OID) != NULL) {
        operation_key key = key_of(pb);
        if (casdir_sort_turn_take(key.connection))
            sort_turn = key; /* given back by ad_post_search, once slapo-sssvlv below has returned */
    }
    return 0;
}

/* After the search, once everything below casdir-guard has returned (slapd calls post-search plugins then). */
static int ad_post_search(Slapi_PBlock *pb)
{
    operation_key key = key_of(pb);
    /* every entry is sent: what the pre-search read for them goes, rather than stay with the thread */
    casdir_backlinks_release();
    casdir_extended_dn_release();
    if (same_operation(key, sort_turn)) {
        sort_turn = no_operation;
        casdir_sort_turn_give(key.connection);
    }
    return 0;
}

/* The SD flags control's parts (casdir_sd_flags), worked out once per operation. */
static int sd_flags_of(Slapi_PBlock *pb, operation_key key)
{
    static __thread operation_key cached = { -1, -1 };
    static __thread int cached_flags;
    if (!same_operation(key, cached)) {
        cached_flags = casdir_sd_flags(pb);
        cached = key;
    }
    return cached_flags;
}

/* The replicator account (CN=casdir-replicator,CN=Users,<domain>; docs/replication.md) asks: only replicas bind as it. */
static int requested_by_replicator(Slapi_PBlock *pb)
{
    static const char prefix[] = "cn=casdir-replicator,cn=users,";
    char *requestor = NULL;
    slapi_pblock_get(pb, SLAPI_REQUESTOR_DN, &requestor);
    return requestor != NULL && strncasecmp(requestor, prefix, sizeof prefix - 1) == 0;
}

/* Which computed attributes the operation asks for (bit i: computed[i]), worked out once per operation: every entry
 * of a search is sent on the operation's thread, so the last answer is kept per thread with the operation's ids. */
static unsigned asked_mask(Slapi_PBlock *pb, operation_key key)
{
    static __thread operation_key cached = { -1, -1 };
    static __thread unsigned cached_mask;
    char **attributes = NULL;
    unsigned mask = 0;
    int i, scope = LDAP_SCOPE_SUBTREE;
    if (same_operation(key, cached))
        return cached_mask;
    /* A replica's sync search (RFC 4533, syncrepl, as the replicator account) gets every entry as stored: a replica
     * stores what it is sent, and a computed objectGUID, whenCreated, name... stored there breaks the next write to
     * that entry on it ("attribute 'objectGUID' not allowed"). Told by the control in the refresh phase and by the
     * requestor in the persist phase (syncprov sends those entries on its own copy of the operation, without controls).
     * (Edit by engineer C for docker-compose.ha.yml's failover; slapd/guard is R's.) */
    if (casdir_request_control(pb, "1.3.6.1.4.1.4203.1.9.1.1") != NULL || requested_by_replicator(pb)) {
        cached = key;
        cached_mask = 0;
        return 0;
    }
    slapi_pblock_get(pb, SLAPI_SEARCH_ATTRS, &attributes);
    slapi_pblock_get(pb, SLAPI_SEARCH_SCOPE, &scope);
    for (i = 0; computed[i] != NULL; i++)
        if (asked(attributes, computed[i], i >= FIRST_CONSTRUCTED && !(((1u << i) & BACKLINKS) && scope == LDAP_SCOPE_BASE)))
            mask |= 1u << i;
    if (sd_flags_of(pb, key) > 0 && asked(attributes, computed[SECURITY_DESCRIPTOR_INDEX], 0))
        mask |= NT_SECURITY_DESCRIPTOR; /* with the control, '*' and an empty list bring it too */
    cached = key;
    cached_mask = mask;
    return mask;
}

static void set_integer(Slapi_Entry *entry, const char *type, long long value)
{
    char text[24];
    slapi_entry_attr_delete(entry, (char *)type);
    snprintf(text, sizeof text, "%lld", value);
    slapi_entry_add_string(entry, type, text);
}

/* msDS-Approx-Immed-Subordinates: AD's count of an entry's children, counted by the pre-search of a base search that
 * names it (one indexed one-level read), as back-mdb cannot read another entry while it sends one. A one-level or
 * subtree search does not get it (docs/directory.md, "Active Directory's own attributes"). Per thread, as the entries of a search
 * are sent on its thread. */
static __thread long long children_counted = -1;
static __thread char children_of[8192]; /* a base DN this long gets no count */

static void count_children_of(const char *base)
{
    char *no_attributes[] = { "1.1", NULL };
    int result = LDAP_OTHER;
    Slapi_PBlock *children;
    Slapi_Entry **found = NULL;
    children_counted = -1;
    if (base == NULL || strlen(base) >= sizeof children_of)
        return;
    children = slapi_search_internal((char *)base, LDAP_SCOPE_ONELEVEL, "(objectClass=*)", NULL, no_attributes, 1);
    if (children == NULL)
        return;
    slapi_pblock_get(children, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(children, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &found);
    if (result == LDAP_SUCCESS) {
        for (children_counted = 0; found != NULL && found[children_counted] != NULL; children_counted++)
            ;
        memcpy(children_of, base, strlen(base) + 1);
    }
    slapi_free_search_results_internal(children);
    slapi_pblock_destroy(children);
}

static void count_children(Slapi_PBlock *pb)
{
    char *base = NULL, **attributes = NULL;
    int scope = LDAP_SCOPE_SUBTREE, i;
    children_counted = -1;
    slapi_pblock_get(pb, SLAPI_SEARCH_SCOPE, &scope);
    slapi_pblock_get(pb, SLAPI_SEARCH_TARGET, &base);
    slapi_pblock_get(pb, SLAPI_SEARCH_ATTRS, &attributes);
    if (scope != LDAP_SCOPE_BASE || attributes == NULL)
        return;
    for (i = 0; attributes[i] != NULL && !names(attributes[i], "msDS-Approx-Immed-Subordinates"); i++)
        ;
    if (attributes[i] != NULL)
        count_children_of(base);
}

/* The back-links a search asks for (by name; a base search also by '*' or an empty list), read before it starts
 * (back-mdb cannot read while it sends an entry). Only the configuration partition has them: a search of the domain
 * that does not cross into it reads none. */
static void collect_backlinks(Slapi_PBlock *pb, classes *p)
{
    char *base = NULL, **attributes = NULL;
    int scope = LDAP_SCOPE_SUBTREE, i;
    unsigned wanted = 0;
    slapi_pblock_get(pb, SLAPI_SEARCH_SCOPE, &scope);
    slapi_pblock_get(pb, SLAPI_SEARCH_TARGET, &base);
    slapi_pblock_get(pb, SLAPI_SEARCH_ATTRS, &attributes);
    if (base == NULL || (!ends_with_dn(base, p->configuration_dn) && (scope != LDAP_SCOPE_SUBTREE || !phantom_root(pb)))) {
        casdir_backlinks_collect(p->configuration_dn, NULL, scope, 0); /* forget the last search's */
        return;
    }
    for (i = 0; i < CASDIR_BACKLINKS; i++)
        if (asked(attributes, casdir_backlinks[i].backlink, scope != LDAP_SCOPE_BASE)) /* as asked_mask */
            wanted |= 1u << i;
    if (wanted != 0)
        casdir_backlinks_collect(p->configuration_dn, base, scope, wanted);
}

/* What every entry may hold (AD's top, as far as this directory has it): every class inherits it. */
static const char *top_attributes[] = {
    "objectClass", "cn", "description", "name", "distinguishedName", "objectGUID", "objectCategory", "whenCreated",
    "whenChanged", "uSNChanged", "uSNCreated", "instanceType", "showInAdvancedViewOnly", "systemFlags", "canonicalName",
    "allowedAttributes", "allowedAttributesEffective", "allowedChildClasses", "allowedChildClassesEffective",
    "msDS-Approx-Immed-Subordinates", NULL
};

typedef struct {
    const char **names;
    int count;
} name_list;

/* Adds name unless the list has it (case-insensitive; a class's attributes repeat its superclasses' at most). */
static void add_once(name_list *list, const char *name)
{
    int i;
    for (i = 0; i < list->count; i++)
        if (strcasecmp(list->names[i], name) == 0)
            return;
    list->names = (const char **)slapi_ch_realloc((char *)list->names, (list->count + 1) * sizeof(char *));
    list->names[list->count++] = name;
}

static int is_computed(const char *name)
{
    int i;
    for (i = 0; computed[i] != NULL; i++)
        if (strcasecmp(computed[i], name) == 0)
            return 1;
    return 0;
}

/* allowedAttributes: what the entry's classes and their superclasses may hold (the schema partition's mustContain and
 * mayContain, and top's); Effective: those of them the reading account may write (never a computed one). */
static void add_allowed_attributes(Slapi_PBlock *pb, Slapi_Entry *entry, Slapi_Entry *copy, classes *p, unsigned mask)
{
    Slapi_Attr *object_classes = NULL;
    Slapi_Value *value;
    name_list allowed = { NULL, 0 };
    int i, c, depth, j;
    for (j = 0; top_attributes[j] != NULL; j++)
        add_once(&allowed, top_attributes[j]);
    if (slapi_entry_attr_find(entry, "objectClass", &object_classes) == 0 && object_classes != NULL)
        for (i = slapi_attr_first_value(object_classes, &value); i != -1; i = slapi_attr_next_value(object_classes, i, &value)) {
            const char *name = slapi_value_get_string(value);
            for (c = name != NULL ? class_index(p, name) : -1, depth = 0; c >= 0 && depth < 32; depth++) {
                for (j = 0; p->attributes[c] != NULL && p->attributes[c][j] != NULL; j++)
                    add_once(&allowed, p->attributes[c][j]);
                if (p->parents[c] == NULL || strcasecmp(p->parents[c], p->names[c]) == 0)
                    break;
                c = class_index(p, p->parents[c]);
            }
        }
    slapi_entry_attr_delete(copy, "allowedAttributes");
    slapi_entry_attr_delete(copy, "allowedAttributesEffective");
    for (i = 0; i < allowed.count; i++) {
        if ((mask & ALLOWED_ATTRIBUTES))
            slapi_entry_add_string(copy, "allowedAttributes", allowed.names[i]);
        if ((mask & ALLOWED_ATTRIBUTES_EFFECTIVE) && !is_computed(allowed.names[i])
            && slapi_access_allowed(pb, entry, (char *)allowed.names[i], NULL, SLAPI_ACL_WRITE) == LDAP_SUCCESS)
            slapi_entry_add_string(copy, "allowedAttributesEffective", allowed.names[i]);
    }
    slapi_ch_free((void **)&allowed.names);
}

static void replace_evaluated(Slapi_Entry *copy, const char *dn, classes *p, unsigned mask);

/* A copy of entry (DN dn, in partition p) with the computed attributes of mask in place of any stored ones. */
static Slapi_Entry *with_computed(Slapi_PBlock *pb, Slapi_Entry *entry, const char *dn, classes *p, unsigned mask)
{
    char *structural;
    int i;
    Slapi_Entry *copy = slapi_entry_dup(entry);
    int in_configuration = ends_with_dn(dn, p->configuration_dn);

    replace_evaluated(copy, dn, p, mask & EVALUATED);
    if ((mask & CANONICAL_NAME))
        set_string(copy, "canonicalName", casdir_canonical_name(dn));
    if ((mask & (ALLOWED_ATTRIBUTES | ALLOWED_ATTRIBUTES_EFFECTIVE)))
        add_allowed_attributes(pb, entry, copy, loaded(p), mask);
    if ((mask & APPROX_IMMED_SUBORDINATES)) {
        /* counted before the search began (count_children): back-mdb cannot read while it sends an entry */
        slapi_entry_attr_delete(copy, "msDS-Approx-Immed-Subordinates");
        if (children_counted >= 0 && strcasecmp(dn, children_of) == 0)
            set_integer(copy, "msDS-Approx-Immed-Subordinates", children_counted);
    }
    if ((mask & BACKLINKS))
        casdir_backlinks_put(copy, dn, (mask & BACKLINKS) >> FIRST_BACKLINK); /* read in the pre-search (collect_backlinks) */
    if ((mask & NT_SECURITY_DESCRIPTOR)) {
        int flags = sd_flags_of(pb, key_of(pb));
        struct berval *descriptor = casdir_security_descriptor(entry, dn, in_configuration, ends_with_dn(dn, p->schema_dn),
                                                               flags > 0 ? flags : 0xF, casdir_requested_by_rootdn(pb));
        slapi_entry_attr_delete(copy, "nTSecurityDescriptor");
        if (descriptor != NULL) {
            Slapi_Value *value = slapi_value_new_berval(descriptor);
            slapi_entry_add_value(copy, "nTSecurityDescriptor", value);
            slapi_value_free(&value);
            slapi_ch_free((void **)&descriptor->bv_val);
            slapi_ch_free((void **)&descriptor);
        } /* else withheld, as AD withholds it (a SACL asked for without the privilege) */
    }
    for (i = FIRST_CONSTRUCTED; i < COMPUTED_COUNT; i++)
        if (!(mask & (1u << i)))
            slapi_entry_attr_delete(copy, (char *)computed[i]); /* a value only the rootdn or slapadd could store */
    if ((mask & (ALLOWED_CHILD_CLASSES | ALLOWED_CHILD_CLASSES_EFFECTIVE))
        && (structural = slapi_entry_attr_get_charptr(copy, "structuralObjectClass")) != NULL) {
        /* The classes the model lets an application account add here; Effective: if this account may add below it. */
        if ((mask & ALLOWED_CHILD_CLASSES))
            casdir_add_child_classes(copy, "allowedChildClasses", in_configuration ? structural : NULL);
        if ((mask & ALLOWED_CHILD_CLASSES_EFFECTIVE))
            casdir_add_child_classes(copy, "allowedChildClassesEffective",
                                     in_configuration && slapi_access_allowed(pb, entry, "children", NULL, SLAPI_ACL_ADD) == LDAP_SUCCESS
                                         ? structural : NULL);
        slapi_ch_free_string(&structural);
    }
    return copy;
}

/* An entry of an operation, remembered per thread (every entry of a search is sent on the operation's thread) by the
 * operation's ids, the DN and the entryCSN: a search never returns a DN twice, and the pre-read and post-read of a
 * write are the same DN at two CSNs. Not the entry's address: slapd reuses a freed entry's memory for the next one.
 * slapd hands an entry to the frontend's plugins once for each SLAPI overlay on its operation (the frontend's, and the
 * configuration database's guard line), so each piece of work is marked done. */
typedef struct {
    operation_key key;
    char dn[1024];
    char csn[64];
} entry_mark;

/* Can this entry be marked? A DN or CSN this long cannot: its work is done each time, on a copy, which is idempotent. */
static int markable(const char *dn, const struct berval *csn)
{
    return strlen(dn) < sizeof ((entry_mark *)0)->dn && (csn == NULL || csn->bv_len < sizeof ((entry_mark *)0)->csn);
}

static int marked(const entry_mark *m, operation_key key, const char *dn, const struct berval *csn)
{
    return same_operation(key, m->key) && strcmp(dn, m->dn) == 0
        && (csn == NULL ? m->csn[0] == '\0' : strlen(m->csn) == csn->bv_len && memcmp(m->csn, csn->bv_val, csn->bv_len) == 0);
}

static void mark(entry_mark *m, operation_key key, const char *dn, const struct berval *csn)
{
    m->key = no_operation;
    if (!markable(dn, csn))
        return;
    memcpy(m->dn, dn, strlen(dn) + 1);
    m->csn[0] = '\0';
    if (csn != NULL) {
        memcpy(m->csn, csn->bv_val, csn->bv_len);
        m->csn[csn->bv_len] = '\0';
    }
    m->key = key;
}

static __thread entry_mark copied = { { -1, -1 }, "", "" };    /* given its copy by casdir_ad_pre_entry */
static __thread entry_mark evaluated = { { -1, -1 }, "", "" }; /* given its attributes by ad_compute */

/* ---- the computed attributes, added as slapd adds its operational ones ---------------------------------------- */

/* The attributes a search may get without the entry being copied (EVALUATED): slapd asks SLAPI's compute evaluators
 * for them (backend_operational, before the pre-entry plugins) and sends what they give after the entry's own
 * attributes, through the same ACLs. The constructed ones, asked for by name, are still added to a copy
 * (casdir_ad_pre_entry). */

/* Attribute descriptions compared by address: slapd gives each one canonical name (slapi_attr_get_type), so one
 * pointer comparison per attribute of an entry replaces a schema lookup by name (an AVL tree of a few thousand types,
 * compared with strncasecmp), which was most of the cost of a '*' read. */
enum { SOURCE_ENTRY_UUID, SOURCE_CREATE_TIMESTAMP, SOURCE_MODIFY_TIMESTAMP, SOURCE_ENTRY_CSN, SOURCE_STRUCTURAL, SOURCES };
static const char *const source_names[SOURCES] = { "entryUUID", "createTimestamp", "modifyTimestamp", "entryCSN", "structuralObjectClass" };
static const char *source_types[SOURCES];
static Slapi_Attr *source_attributes[SOURCES];
static Slapi_Attr *templates[FIRST_CONSTRUCTED]; /* one per evaluated attribute, no values */
static const char *evaluated_types[FIRST_CONSTRUCTED];
/* The constructed attributes and back-links: never stored but by the rootdn or slapadd, and then never shown. */
static Slapi_Attr *constructed_templates[COMPUTED_COUNT];
static const char *constructed_types[COMPUTED_COUNT];

static const char *resolve(const char *name, Slapi_Attr **template)
{
    Slapi_Attr *a = slapi_attr_new();
    char *type = NULL;
    if (slapi_attr_init(a, name) == NULL || slapi_attr_get_type(a, &type) != 0) {
        slapi_attr_free(&a);
        return NULL;
    }
    *template = a; /* kept for slapd's life: slapi_attr_free would hand it to slapd's pool of attributes, never freed */
    return type;
}

/* While slapd reads its configuration: every name must be in its schema. */
static int resolve_types(void)
{
    int i;
    for (i = 0; i < SOURCES; i++)
        if ((source_types[i] = resolve(source_names[i], &source_attributes[i])) == NULL)
            return -1;
    for (i = 0; i < FIRST_CONSTRUCTED; i++)
        if ((evaluated_types[i] = resolve(computed[i], &templates[i])) == NULL)
            return -1;
    for (i = FIRST_CONSTRUCTED; i < COMPUTED_COUNT; i++)
        if ((constructed_types[i] = resolve(computed[i], &constructed_templates[i])) == NULL)
            return -1;
    return 0;
}

/* A source value as a C string, copied (an attribute's value need not end in NUL). */
static const char *source_text(const struct berval *bv, char *buffer, size_t size)
{
    if (bv == NULL || bv->bv_val == NULL || bv->bv_len >= size)
        return NULL;
    memcpy(buffer, bv->bv_val, bv->bv_len);
    buffer[bv->bv_len] = '\0';
    return buffer;
}

/* The entry's source values (sources[i]: the first value of source_names[i], or NULL) in one pass over its
 * attributes; 1 if it holds a stored value of one of the attributes of mask. */
static int collect_sources(Slapi_Entry *e, unsigned mask, const struct berval *sources[SOURCES])
{
    Slapi_Attr *a = NULL;
    Slapi_Value *v = NULL;
    char *attribute_type;
    int i, stored = 0;
    for (i = 0; i < SOURCES; i++)
        sources[i] = NULL;
    for (slapi_entry_first_attr(e, &a); a != NULL; slapi_entry_next_attr(e, a, &a)) {
        if (slapi_attr_get_type(a, &attribute_type) != 0)
            continue;
        for (i = 0; i < SOURCES; i++)
            if (attribute_type == source_types[i] && slapi_attr_first_value(a, &v) != -1)
                sources[i] = slapi_value_get_berval(v);
        for (i = 0; i < FIRST_CONSTRUCTED; i++)
            if (attribute_type == evaluated_types[i] && (mask & (1u << i)))
                stored = 1;
        for (i = FIRST_CONSTRUCTED; i < COMPUTED_COUNT; i++)
            if (attribute_type == constructed_types[i])
                stored = 1; /* whatever is asked: with '*' slapd would send it */
    }
    return stored;
}

static const struct berval *entry_csn(Slapi_Entry *e)
{
    const struct berval *sources[SOURCES];
    collect_sources(e, 0, sources);
    return sources[SOURCE_ENTRY_CSN];
}

/* Gives each evaluated attribute of mask its value (computed[i], the value's bytes) through emit. */
typedef void (*emit_value)(void *context, int i, const char *value, size_t length);

static void emit_string(emit_value emit, void *context, int i, char *value)
{
    if (value != NULL)
        emit(context, i, value, strlen(value));
    slapi_ch_free_string(&value);
}

static void emit_integer(emit_value emit, void *context, int i, long long value)
{
    char text[24];
    snprintf(text, sizeof text, "%lld", value);
    emit(context, i, text, strlen(text));
}

static void evaluate(const char *dn, classes *p, unsigned mask, const struct berval *sources[SOURCES], emit_value emit, void *context)
{
    char text[128];
    const char *value, *cn;
    long long usn;
    long flags;
    if ((mask & OBJECT_GUID) && (value = source_text(sources[SOURCE_ENTRY_UUID], text, sizeof text)) != NULL) {
        unsigned char guid[16];
        if (guid_from_uuid(value, guid) == 0)
            emit(context, 0, (const char *)guid, 16);
    }
    if ((mask & OBJECT_CATEGORY) && (value = source_text(sources[SOURCE_STRUCTURAL], text, sizeof text)) != NULL
        && __atomic_load_n(&p->loaded, __ATOMIC_ACQUIRE) && (cn = class_cn(p, value)) != NULL) {
        size_t size = strlen(cn) + strlen(p->schema_dn) + 5;
        char *category = slapi_ch_malloc(size);
        snprintf(category, size, "CN=%s,%s", cn, p->schema_dn);
        emit_string(emit, context, 1, category);
    }
    if ((mask & WHEN_CREATED))
        emit_string(emit, context, 2, ad_time(source_text(sources[SOURCE_CREATE_TIMESTAMP], text, sizeof text)));
    if ((mask & WHEN_CHANGED))
        emit_string(emit, context, 3, ad_time(source_text(sources[SOURCE_MODIFY_TIMESTAMP], text, sizeof text)));
    if ((mask & DISTINGUISHED_NAME))
        emit(context, 4, dn, strlen(dn));
    if ((mask & NAME))
        emit_string(emit, context, 5, first_rdn_value(dn));
    if ((mask & SHOW_IN_ADVANCED_VIEW_ONLY))
        emit(context, 6, "TRUE", 4);
    if ((mask & INSTANCE_TYPE))
        emit(context, 7, strcasecmp(dn, p->configuration_dn) == 0 || strcasecmp(dn, p->domain_dn) == 0 ? "5" : "4", 1);
    if ((mask & USN_CHANGED) && (usn = casdir_usn_from_csn(source_text(sources[SOURCE_ENTRY_CSN], text, sizeof text))) >= 0)
        emit_integer(emit, context, 8, usn);
    if ((mask & USN_CREATED) && (usn = casdir_usn_from_timestamp(source_text(sources[SOURCE_CREATE_TIMESTAMP], text, sizeof text))) >= 0)
        emit_integer(emit, context, 9, usn);
    if ((mask & SYSTEM_FLAGS) && ends_with_dn(dn, p->configuration_dn)
        && (value = source_text(sources[SOURCE_STRUCTURAL], text, sizeof text)) != NULL
        && casdir_system_flags(value, dn, p->configuration_dn, &flags))
        emit_integer(emit, context, 10, flags);
}

typedef struct {
    computed_attr_context *c;
    Slapi_Entry *e;
    slapi_compute_output_t out;
} output_context;

static void emit_output(void *context, int i, const char *value, size_t length)
{
    output_context *o = (output_context *)context;
    struct berval bv;
    Slapi_Value *v;
    Slapi_Attr *a = slapi_attr_dup(templates[i]);
    bv.bv_val = (char *)value;
    bv.bv_len = length;
    v = slapi_value_new_berval(&bv);
    if (slapi_attr_add_value(a, v) == 0)
        o->out(o->c, a, o->e); /* slapd keeps a copy (slapi_over_compute_output) */
    slapi_value_free(&v);
    slapi_attr_free(&a);
}

static void emit_into_entry(void *context, int i, const char *value, size_t length)
{
    struct berval bv;
    Slapi_Value *v;
    bv.bv_val = (char *)value;
    bv.bv_len = length;
    v = slapi_value_new_berval(&bv);
    slapi_entry_add_value((Slapi_Entry *)context, computed[i], v);
    slapi_value_free(&v);
}

/* On a copy (with_computed): the evaluated attributes of mask, every stored value of them removed first. */
static void replace_evaluated(Slapi_Entry *copy, const char *dn, classes *p, unsigned mask)
{
    const struct berval *sources[SOURCES];
    int i;
    if (mask == 0)
        return;
    for (i = 0; i < FIRST_CONSTRUCTED; i++)
        if ((mask & (1u << i)))
            slapi_entry_attr_delete(copy, (char *)computed[i]);
    collect_sources(copy, mask, sources);
    evaluate(dn, p, mask, sources, emit_into_entry, copy);
}

/* slapd calls it for each attribute the search names (or once with "*"), and once more for each further SLAPI overlay
 * on the operation: it gives every asked-for attribute at the first call and answers 1 (done) at the others. An entry
 * holding a stored value of one of them (only the rootdn or slapadd could have written it) is left to
 * casdir_ad_pre_entry, which replaces it on a copy. */
static int extended_dn_of(Slapi_PBlock *pb, operation_key key);

static int ad_compute(computed_attr_context *c, char *type, Slapi_Entry *e, slapi_compute_output_t out)
{
    Slapi_PBlock *pb = NULL;
    const struct berval *sources[SOURCES];
    output_context context;
    char *dn;
    classes *p;
    operation_key key;
    unsigned mask;

    if (e == NULL || slapi_x_compute_get_pblock(c, &pb) != 0 || pb == NULL)
        return -1;
    key = key_of(pb);
    mask = asked_mask(pb, key) & EVALUATED;
    if (mask == 0)
        return 1; /* nothing of ours asked for: no further call for this entry's other attribute names */
    if (extended_dn_of(pb, key) >= 0)
        return -1; /* the copy gets them (casdir_ad_pre_entry), where objectCategory's DN takes the extended form */
    if ((dn = slapi_entry_get_dn(e)) == NULL || (p = partition_for(dn)) == NULL)
        return -1;
    if (same_operation(key, stopping) && ends_with_dn(dn, p->configuration_dn))
        return 1; /* not sent (casdir_ad_pre_entry) */
    if (collect_sources(e, mask, sources))
        return -1; /* a stored value: casdir_ad_pre_entry replaces it */
    if (!markable(dn, sources[SOURCE_ENTRY_CSN]))
        return -1; /* casdir_ad_pre_entry could not tell it was given them: it gives them, on a copy */
    if (marked(&evaluated, key, dn, sources[SOURCE_ENTRY_CSN]))
        return 1;
    context.c = c;
    context.e = e;
    context.out = out;
    evaluate(dn, p, mask, sources, emit_output, &context);
    mark(&evaluated, key, dn, sources[SOURCE_ENTRY_CSN]);
    return 1;
}

/* After the evaluator: a search of the domain that stops at a configuration naming context drops its entries; the
 * constructed attributes (and the evaluated ones of an entry that stores a value of one) are put on a copy. */
/* ---- AD's extended DN control ------------------------------------------------------------------------------ */

/* LDAP_SERVER_EXTENDED_DN_OID: each entry's DN, and each DN-valued attribute's value that names an entry, comes as
 * "<GUID=…>;<DN>" (docs/rules.md, "Active Directory's controls"). The value is { INTEGER 0 } (the GUID as hex of its
 * 16 bytes, AD's byte order) or { INTEGER 1 } (as a dashed string), or absent (0). An entry with an objectSid (the
 * domain head, the accounts) gets "<SID=…>;" after it, hex or S-1-… by the same flag. The GUIDs of the entries values name are read before the search (casdir_extended_dn.c). */
#define EXTENDED_DN_OID "1.2.840.113556.1.4.529"
#define SHOW_DELETED_OID "1.2.840.113556.1.4.417"

/* -1: not asked; 0, 1: the form; -2: a value that is not { INTEGER 0 or 1 }. */
static int extended_dn_flag(Slapi_PBlock *pb)
{
    const LDAPControl *control = casdir_request_control(pb, EXTENDED_DN_OID);
    BerElement *ber;
    ber_int_t flag = 0;
    int result = -2;
    if (control == NULL)
        return -1;
    if (control->ldctl_value.bv_val == NULL || control->ldctl_value.bv_len == 0)
        return 0;
    if ((ber = ber_init((struct berval *)&control->ldctl_value)) != NULL) {
        if (ber_scanf(ber, "{i}", &flag) != LBER_ERROR && (flag == 0 || flag == 1)) {
            /* exactly { INTEGER flag } as DER writes it: no second value, no trailing byte, no long length */
            BerElement *der = ber_alloc_t(LBER_USE_DER);
            struct berval *expected = NULL;
            if (der != NULL && ber_printf(der, "{i}", flag) != -1 && ber_flatten(der, &expected) == 0
                && expected->bv_len == control->ldctl_value.bv_len
                && memcmp(expected->bv_val, control->ldctl_value.bv_val, expected->bv_len) == 0)
                result = flag;
            if (expected != NULL)
                ber_bvfree(expected);
            if (der != NULL)
                ber_free(der, 1);
        }
        ber_free(ber, 1);
    }
    return result;
}

/* The flag, worked out once per operation (as asked_mask is). */
static int extended_dn_of(Slapi_PBlock *pb, operation_key key)
{
    static __thread operation_key cached = { -1, -1 };
    static __thread int cached_flag;
    if (!same_operation(key, cached)) {
        cached_flag = extended_dn_flag(pb);
        cached = key;
    }
    return cached_flag;
}

/* slapd's struct Entry begins with its ID and then the DN slapd sends (servers/slapd/slap.h); SLAPI can only set both
 * the DN and its normalised form, which slapd's ACLs read and which "<GUID=…>;" is not. Checked on each entry: the DN
 * found there must be the one SLAPI gives. slapd frees it with free(). */
static struct berval *sent_dn(Slapi_Entry *entry)
{
    struct berval *name = (struct berval *)((char *)entry + sizeof(unsigned long));
    const char *dn = slapi_entry_get_dn(entry);
    return dn != NULL && name->bv_val == dn && name->bv_len == strlen(dn) ? name : NULL;
}

/* "<GUID=…>;" for the entry whose entryUUID is uuid, in the control's form; 0 if uuid is not one. */
static int guid_prefix(const char *uuid, int flag, char out[48])
{
    unsigned char guid[16];
    char text[40];
    int i;
    if (uuid == NULL || guid_from_uuid(uuid, guid) != 0)
        return 0;
    if (flag == 1) {
        uuid_from_guid(guid, text);
    } else {
        for (i = 0; i < 16; i++)
            snprintf(text + 2 * i, 3, "%02x", guid[i]);
    }
    snprintf(out, 48, "<GUID=%s>;", text);
    return 1;
}

/* Each DN-valued attribute's values that name an entry, as "<GUID=…>;<DN>" (the GUIDs read before the search). */
static void give_extended_values(Slapi_Entry *copy, int flag)
{
    Slapi_Attr *a = NULL;
    Slapi_Value *v = NULL;
    char *type, prefix[48], *extended;
    const char *value;
    size_t size;
    int i;
    for (slapi_entry_first_attr(copy, &a); a != NULL; slapi_entry_next_attr(copy, a, &a)) {
        /* objectCategory is a DN in AD (and its value one here); its type is a string only so that AD's shorthand
         * filters parse */
        if (slapi_attr_get_type(a, &type) != 0 || !(casdir_dn_syntax(type) || strcasecmp(type, "objectCategory") == 0))
            continue;
        for (i = slapi_attr_first_value(a, &v); i != -1; i = slapi_attr_next_value(a, i, &v)) {
            if ((value = slapi_value_get_string(v)) == NULL || !guid_prefix(casdir_extended_dn_uuid(value), flag, prefix))
                continue;
            size = strlen(prefix) + strlen(value) + 1;
            extended = slapi_ch_malloc(size);
            snprintf(extended, size, "%s%s", prefix, value);
            slapi_value_set_string(v, extended); /* in place, on the copy that is sent */
            slapi_ch_free_string(&extended);
        }
    }
}

static void give_extended_dn(Slapi_Entry *copy, int flag)
{
    const struct berval *sources[SOURCES];
    struct berval *name = sent_dn(copy);
    char uuid[64], guid_text[40], sid_text[160], *extended;
    unsigned char guid[16];
    Slapi_Attr *sid_attribute = NULL;
    Slapi_Value *sid_value = NULL;
    const struct berval *sid;
    size_t size;
    int i;
    collect_sources(copy, 0, sources);
    if (name == NULL) {
        static int told;
        if (!told++)
            slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "slapd's entries are not laid out as slapd 2.5's: the extended DN control leaves DNs as they are\n");
        return;
    }
    if (source_text(sources[SOURCE_ENTRY_UUID], uuid, sizeof uuid) == NULL || guid_from_uuid(uuid, guid) != 0)
        return; /* no entryUUID (written by slapadd without one): AD has no object without a GUID, the DN stays plain */
    if (flag == 1) {
        uuid_from_guid(guid, guid_text); /* the dashed form of objectGUID: entryUUID as slapd writes it */
    } else {
        for (i = 0; i < 16; i++)
            snprintf(guid_text + 2 * i, 3, "%02x", guid[i]);
    }
    sid_text[0] = '\0';
    if (slapi_entry_attr_find(copy, "objectSid", &sid_attribute) == 0 && slapi_attr_first_value(sid_attribute, &sid_value) != -1
        && (sid = slapi_value_get_berval(sid_value)) != NULL) {
        /* a security principal's: "<SID=…>;" after the GUID, as hex of its bytes or in its string form */
        if (flag == 1) {
            if (!casdir_sid_text((const unsigned char *)sid->bv_val, sid->bv_len, sid_text, sizeof sid_text))
                sid_text[0] = '\0';
        } else if (casdir_sid_valid((const unsigned char *)sid->bv_val, sid->bv_len)) {
            for (i = 0; i < (int)sid->bv_len; i++)
                snprintf(sid_text + 2 * i, 3, "%02x", (unsigned char)sid->bv_val[i]);
        }
    }
    size = strlen(guid_text) + strlen(sid_text) + name->bv_len + 20;
    if ((extended = malloc(size)) == NULL)
        return;
    if (sid_text[0] != '\0')
        snprintf(extended, size, "<GUID=%s>;<SID=%s>;%s", guid_text, sid_text, name->bv_val);
    else
        snprintf(extended, size, "<GUID=%s>;%s", guid_text, name->bv_val);
    free(name->bv_val);
    name->bv_val = extended;
    name->bv_len = strlen(extended);
}

/* Does a collected back-link name this entry? Its normalised DN is slapd's own, after the DN in struct Entry (the
 * layout sent_dn checks); with another layout it is normalised here. */
static int backlinked(Slapi_Entry *entry, unsigned wanted)
{
    struct berval *name = sent_dn(entry);
    char *ndn;
    int any;
    if (name != NULL) {
        struct berval *nname = name + 1;
        if (nname->bv_val != NULL && nname->bv_len > 0 && nname->bv_val[nname->bv_len] == '\0')
            return casdir_backlinks_any(nname->bv_val, wanted);
    }
    ndn = casdir_normalised_dn(slapi_entry_get_dn(entry));
    any = casdir_backlinks_any(ndn, wanted);
    slapi_ch_free_string(&ndn);
    return any;
}

int casdir_ad_pre_entry(Slapi_PBlock *pb)
{
    const struct berval *csn;
    char *dn;
    Slapi_Entry *entry = NULL;
    classes *p;
    operation_key key = key_of(pb);
    unsigned mask = asked_mask(pb, key);
    int extended = extended_dn_of(pb, key);
    Slapi_Entry *copy;

    /* casdir's own reads name their attributes and search the configuration: they pay three comparisons here */
    if (mask == 0 && extended < 0 && !same_operation(key, stopping))
        return 0;
    if (slapi_pblock_get(pb, SLAPI_SEARCH_RESULT_ENTRY, &entry) != 0 || entry == NULL)
        return 0;
    dn = slapi_entry_get_dn(entry);
    if (dn == NULL || (p = partition_for(dn)) == NULL)
        return 0;
    if (same_operation(key, stopping) && ends_with_dn(dn, p->configuration_dn))
        return -1; /* a search of the domain stops at this naming context: slapd does not send the entry */
    csn = entry_csn(entry);
    if (marked(&evaluated, key, dn, csn))
        mask &= ~EVALUATED;
    if ((mask & BACKLINKS) && !(mask & ~BACKLINKS) && !backlinked(entry, (mask & BACKLINKS) >> FIRST_BACKLINK))
        mask = 0; /* '*' asks every entry for back-links; most have none, and need no copy (a stored one is not evaluated) */
    if ((mask == 0 && extended < 0) || marked(&copied, key, dn, csn))
        return 0;
    copy = mask != 0 ? with_computed(pb, entry, dn, p, mask) : slapi_entry_dup(entry);
    if (extended >= 0) {
        give_extended_values(copy, extended);
        give_extended_dn(copy, extended);
    }
    slapi_pblock_set(pb, SLAPI_SEARCH_RESULT_ENTRY, copy); /* slapd frees the copy once it is sent */
    mark(&copied, key, dn, csn);
    return 0;
}

/* ---- filters ------------------------------------------------------------------------------------------------- */

typedef struct {
    char *text;
    size_t length, size;
} buffer;

static void append(buffer *b, const char *s, size_t n)
{
    if (b->length + n + 1 > b->size) {
        b->size = (b->length + n + 1) * 2;
        b->text = slapi_ch_realloc(b->text, b->size);
    }
    memcpy(b->text + b->length, s, n);
    b->length += n;
    b->text[b->length] = '\0';
}

static void appends(buffer *b, const char *s) { append(b, s, strlen(s)); }

static void add_text(void *b, const char *s) { appends((buffer *)b, s); }

/* A filter value as slapd writes it (RFC 4515 escapes) to bytes; returns the byte count. */
static size_t unescape_value(const char *value, size_t length, unsigned char *out)
{
    size_t i, n = 0;
    int high, low;
    for (i = 0; i < length; i++) {
        if (value[i] == '\\' && i + 2 < length + 1 && (high = hex_value(value[i + 1])) >= 0 && (low = hex_value(value[i + 2])) >= 0) {
            out[n++] = (unsigned char)(high * 16 + low);
            i += 2;
        } else {
            out[n++] = (unsigned char)value[i];
        }
    }
    out[n] = '\0';
    return n;
}

static const char *nothing = "(!(objectClass=*))";
/* An attribute slapd's schema does not know makes an assertion undefined, neither true nor false. */
static const char *undefined = "(casdirNoSuchAttribute=x)";

/* The entries whose systemFlags pass: how 0 equal to wanted (or any, with presence), 1 every bit of wanted set (AD's
 * 1.2.840.113556.1.4.803), 2 any bit of wanted set (.804). AD's Integer is 32 bits. */
static void append_flagged(const classes *p, buffer *b, int presence, int how, long wanted)
{
    const char *flagged;
    char services[1000], text[1100];
    long flags;
    size_t i;
#define PASSES(f) (presence || (how == 0 ? (f) == wanted \
                                : how == 1 ? ((uint32_t)(f) & (uint32_t)wanted) == (uint32_t)wanted \
                                           : ((uint32_t)(f) & (uint32_t)wanted) != 0))
    appends(b, "(|");
    for (i = 0; (flagged = casdir_flagged_class(i)) != NULL; i++)
        if (casdir_system_flags(flagged, NULL, p->configuration_dn, &flags) && PASSES(flags)) {
            snprintf(text, sizeof text, "(objectClass=%s)", flagged);
            appends(b, text);
        }
    snprintf(services, sizeof services, "CN=Services,%.900s", p->configuration_dn);
    if (casdir_system_flags("container", services, p->configuration_dn, &flags) && PASSES(flags)) {
        snprintf(text, sizeof text, "(entryDN=%s)", services);
        appends(b, text);
    }
#undef PASSES
    appends(b, nothing);
    appends(b, ")");
}

/* An LDAP Integer as RFC 4517 writes it: an optional '-', no '+', no leading zero. */
static int integer_syntax(const char *value, size_t length)
{
    size_t i = value[0] == '-' ? 1 : 0;
    if (length <= i || (value[i] == '0' && length > i + 1) || (value[i] == '0' && i == 1))
        return 0;
    for (; i < length; i++)
        if (value[i] < '0' || value[i] > '9')
            return 0;
    return 1;
}

/* The entries whose instanceType (4, or 5 on a naming context's head: the domain's, the configuration's) passes. */
static void append_instance_type(const classes *p, buffer *b, int four, int five)
{
    const char *heads[2] = { p->domain_dn, p->configuration_dn };
    int h;
    size_t i;
    if (four && five) {
        appends(b, "(objectClass=*)");
        return;
    }
    if (!four && !five) {
        appends(b, nothing);
        return;
    }
    appends(b, four ? "(!(|" : "(|");
    for (h = 0; h < 2; h++) {
        appends(b, "(entryDN=");
        for (i = 0; heads[h][i] != '\0'; i++) {
            char escaped[4];
            if (strchr("*()\\", heads[h][i]) != NULL) {
                snprintf(escaped, sizeof escaped, "\\%02x", (unsigned char)heads[h][i]);
                appends(b, escaped);
            } else {
                append(b, heads[h] + i, 1);
            }
        }
        appends(b, ")");
    }
    appends(b, four ? "))" : ")");
}

/* One simple item "(attribute OP value)", rewritten into b when it names a computed attribute; 0 if it does not. */
static int rewrite_item(const classes *p, buffer *b, const char *attribute, size_t attribute_length, const char *op, const char *value, size_t value_length)
{
    unsigned char bytes[1024];
    char text[1100];
    int presence = strcmp(op, "=") == 0 && value_length == 1 && value[0] == '*';
    const char *mapped = NULL;
    int c;

    /* The type, whatever options follow it: whenChanged;x is still whenChanged (casdir-guard stores no option). */
    const char *semicolon = memchr(attribute, ';', attribute_length);
    if (semicolon != NULL)
        attribute_length = (size_t)(semicolon - attribute);
#define IS(n) (attribute_length == strlen(n) && strncasecmp(attribute, n, attribute_length) == 0)
    if (IS("whenCreated")) mapped = "createTimestamp";
    else if (IS("whenChanged")) mapped = "modifyTimestamp";
    else if (IS("distinguishedName")) mapped = "entryDN";
    if (mapped != NULL) {
        appends(b, "(");
        appends(b, mapped);
        appends(b, op);
        append(b, value, value_length);
        appends(b, ")");
        return 1;
    }
    for (c = FIRST_BACKLINK; c < FIRST_BACKLINK + CASDIR_BACKLINKS; c++)
        if (IS(computed[c])) {
            /* equality: the entries the named entry links to; presence: every entry something links to */
            char *alternatives = NULL;
            if (presence) {
                alternatives = casdir_backlink_filter(p->configuration_dn, c - FIRST_BACKLINK, NULL);
            } else if (strcmp(op, "=") == 0 && value_length < sizeof bytes) {
                size_t n = unescape_value(value, value_length, bytes);
                if (memchr(bytes, '\0', n) == NULL) /* a DN holds no NUL: it would cut the value short */
                    alternatives = casdir_backlink_filter(p->configuration_dn, c - FIRST_BACKLINK, (const char *)bytes);
            }
            appends(b, alternatives != NULL ? alternatives : nothing);
            slapi_ch_free_string(&alternatives);
            return 1;
        }
    for (c = FIRST_CONSTRUCTED; c < FIRST_BACKLINK; c++)
        if (IS(computed[c]))
            return -c; /* AD: a constructed attribute cannot be used in a filter */
    if (IS(computed[SECURITY_DESCRIPTOR_INDEX])) {
        appends(b, presence ? "(objectClass=*)" : nothing); /* every object has one; no value is matched */
        return 1;
    }
    if (IS("objectSid") && !presence && strcmp(op, "=") == 0) {
        /* AD's string form, (objectSid=S-1-5-21-…): the binary value, escaped */
        unsigned char sid[68];
        size_t length, i;
        char escaped[4];
        if (!casdir_sid_parse(value, value_length, sid, &length))
            return 0;
        appends(b, "(objectSid=");
        for (i = 0; i < length; i++) {
            snprintf(escaped, sizeof escaped, "\\%02x", sid[i]);
            appends(b, escaped);
        }
        appends(b, ")");
        return 1;
    }
    if (IS("uSNChanged") || IS("uSNCreated")) {
        char low[64], high[64], *end;
        long long usn;
        int created = IS("uSNCreated"), below, beyond;
        errno = 0;
        usn = strtoll(value, &end, 10);
        /* A number no entry's USN can reach: every USN is above a negative one and below one past the year 9999. */
        below = usn < 0;
        beyond = (errno == ERANGE && usn > 0) || (!below && casdir_csn_bound(usn, 0, low, sizeof low) != 0);
        if (presence) {
            appends(b, created ? "(objectClass=*)" : "(entryCSN=*)");
        } else if (value_length == 0 || end != value + value_length) {
            appends(b, undefined); /* not a number: undefined, as slapd makes it, so (!(...)) matches nothing either */
        } else if (below || beyond) {
            appends(b, (op[0] == '>' && below) || (op[0] == '<' && beyond) ? "(objectClass=*)" : nothing);
        } else if (created) {
            /* uSNCreated is the add's second (createTimestamp) * 16,000,000: exact bounds on createTimestamp */
            const long long unit = 16000000LL;
            long long second = op[0] == '>' ? (usn + unit - 1) / unit : usn / unit;
            time_t seconds = (time_t)second;
            struct tm tm;
            if ((op[0] != '>' && op[0] != '<' && usn % unit != 0) || gmtime_r(&seconds, &tm) == NULL) {
                appends(b, nothing);
            } else {
                snprintf(text, sizeof text, "(createTimestamp%s%04d%02d%02d%02d%02d%02dZ)", op[0] == '~' ? "=" : op,
                         tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
                appends(b, text);
            }
        } else if (casdir_csn_bound(usn, 0, low, sizeof low) != 0 || casdir_csn_bound(usn, 1, high, sizeof high) != 0) {
            appends(b, nothing);
        } else if (op[0] == '>') {
            snprintf(text, sizeof text, "(entryCSN>=%s)", low);
            appends(b, text);
        } else if (op[0] == '<') {
            snprintf(text, sizeof text, "(entryCSN<=%s)", high);
            appends(b, text);
        } else {
            snprintf(text, sizeof text, "(&(entryCSN>=%s)(entryCSN<=%s))", low, high);
            appends(b, text);
        }
        return 1;
    }
    if (IS("systemFlags")) {
        char *end;
        long wanted = strtol(value, &end, 10);
        if (!presence && (value_length == 0 || end != value + value_length))
            appends(b, undefined);
        else if (!presence && strcmp(op, "=") != 0)
            appends(b, nothing);
        else
            append_flagged(p, b, presence, 0, wanted);
        return 1;
    }
    if (IS("instanceType")) {
        char *end;
        long wanted = strtol(value, &end, 10);
        if (presence)
            append_instance_type(p, b, 1, 1);
        else if (value_length == 0 || end != value + value_length || !integer_syntax(value, value_length))
            appends(b, undefined);
        else if (op[0] == '>')
            append_instance_type(p, b, 4 >= wanted, 5 >= wanted);
        else if (op[0] == '<')
            append_instance_type(p, b, 4 <= wanted, 5 <= wanted);
        else
            append_instance_type(p, b, wanted == 4, wanted == 5);
        return 1;
    }
    if (IS("showInAdvancedViewOnly")) {
        appends(b, presence || (value_length == 4 && strncasecmp(value, "TRUE", 4) == 0) ? "(objectClass=*)" : nothing);
        return 1;
    }
    if (IS("objectGUID")) {
        if (presence) {
            appends(b, "(entryUUID=*)");
        } else if (strcmp(op, "=") == 0 && value_length < sizeof bytes && unescape_value(value, value_length, bytes) == 16) {
            char uuid[37];
            uuid_from_guid(bytes, uuid);
            snprintf(text, sizeof text, "(entryUUID=%s)", uuid);
            appends(b, text);
        } else {
            appends(b, nothing);
        }
        return 1;
    }
    if (IS("objectCategory")) {
        if (presence) {
            appends(b, "(objectClass=*)");
            return 1;
        }
        if (strcmp(op, "=") != 0 || value_length >= sizeof bytes) {
            appends(b, nothing);
            return 1;
        }
        unescape_value(value, value_length, bytes);
        /* AD accepts the class name or the DN of its classSchema entry. */
        if (strchr((char *)bytes, '=') != NULL) {
            char *cn = first_rdn_value((char *)bytes);
            c = cn != NULL ? class_index(p, cn) : -1;
            slapi_ch_free_string(&cn);
        } else {
            c = class_index(p, (char *)bytes);
        }
        append_category_filter(p, add_text, b, c); /* objectClass is indexed: no scan of the partition */
        return 1;
    }
#undef IS
    return 0;
}

/* An extensible match "(attribute[:dn][:rule]:=value)" on a computed attribute: the same as equality without a rule
 * or with integerMatch; AD's bitwise rules (1.2.840.113556.1.4.803 AND, .804 OR) on systemFlags become the classes
 * whose flags pass; a constructed attribute is refused as in any filter; anything else matches nothing. 0 when the
 * attribute is not computed (slapd answers it). */
static int rewrite_extensible(const classes *p, buffer *b, const char *attribute, size_t attribute_length, const char *colon, const char *end)
{
    const char *assign = colon, *rule = colon + 1, *value;
    size_t rule_length;
    char *number_end;
    long wanted;
    int c, and, or;
    while (assign < end && !(assign[0] == ':' && assign[1] == '='))
        assign++;
    if (assign >= end)
        return 0;
    value = assign + 2;
    if (attribute_length == 0)
        return 0;
    for (c = 0; computed[c] != NULL; c++)
        if (strlen(computed[c]) == attribute_length && strncasecmp(attribute, computed[c], attribute_length) == 0)
            break;
    if (computed[c] == NULL)
        return 0;
    if (c == SECURITY_DESCRIPTOR_INDEX) {
        appends(b, nothing);
        return 1;
    }
    if (c >= FIRST_BACKLINK) {
        /* (backlink:=dn), (backlink:dn:=dn), (backlink:distinguishedNameMatch:=dn): equality; any other rule nothing */
        size_t length = assign > colon ? (size_t)(assign - colon - 1) : 0;
        const char *r = colon + 1;
        if (length >= 3 && strncasecmp(r, "dn:", 3) == 0) {
            r += 3;
            length -= 3;
        } else if (length == 2 && strncasecmp(r, "dn", 2) == 0) {
            length = 0;
        }
        if (length == 0 || (length == 22 && strncasecmp(r, "distinguishedNameMatch", 22) == 0) || (length == 8 && strncmp(r, "2.5.13.1", 8) == 0))
            return rewrite_item(p, b, attribute, attribute_length, "=", value, (size_t)(end - value));
        appends(b, nothing);
        return 1;
    }
    if (c >= FIRST_CONSTRUCTED)
        return -c;
    rule_length = assign > colon ? (size_t)(assign - rule) : 0; /* "(a:=v)": no rule */
    if (rule_length >= 3 && strncasecmp(rule, "dn:", 3) == 0) {
        rule += 3; /* the DN's attributes: none of them is computed */
        rule_length -= 3;
    } else if (rule_length == 2 && strncasecmp(rule, "dn", 2) == 0) {
        rule_length = 0;
    }
    if (rule_length == 0 || (rule_length == 9 && strncasecmp(rule, "2.5.13.14", 9) == 0)
        || (rule_length == 12 && strncasecmp(rule, "integerMatch", 12) == 0))
        return rewrite_item(p, b, attribute, attribute_length, "=", value, (size_t)(end - value));
    and = rule_length == 22 && strncmp(rule, "1.2.840.113556.1.4.803", 22) == 0;
    or = rule_length == 22 && strncmp(rule, "1.2.840.113556.1.4.804", 22) == 0;
    if (!(and || or) || (strncasecmp(attribute, "systemFlags", attribute_length) != 0 && strncasecmp(attribute, "instanceType", attribute_length) != 0)) {
        appends(b, nothing);
        return 1;
    }
    wanted = strtol(value, &number_end, 10);
    if (number_end == value || number_end != end)
        appends(b, undefined);
    else if (strncasecmp(attribute, "instanceType", attribute_length) == 0 && (!integer_syntax(value, (size_t)(end - value)) || wanted < INT32_MIN || wanted > (long)UINT32_MAX))
        appends(b, nothing); /* AD's Integer is 32 bits */
    else if (strncasecmp(attribute, "instanceType", attribute_length) == 0)
        /* AD's (instanceType:1.2.840.113556.1.4.803:=1) finds the naming contexts' heads */
        append_instance_type(p, b, and ? (4 & (uint32_t)wanted) == (uint32_t)wanted : (4 & (uint32_t)wanted) != 0,
                             and ? (5 & (uint32_t)wanted) == (uint32_t)wanted : (5 & (uint32_t)wanted) != 0);
    else
        append_flagged(p, b, 0, and ? 1 : 2, wanted);
    return 1;
}

/* Rewrites a filter string as slapd normalises it; NULL when nothing in it is computed, or when it names a constructed
 * attribute (*refused is then its name). */
static char *rewrite_filter(const classes *partition, const char *filter, const char **refused)
{
    int rewritten;
    buffer b = { NULL, 0, 0 };
    const char *p = filter, *start, *end, *op_start;
    int changed = 0;
    while (*p != '\0') {
        if (*p != '(' || p[1] == '&' || p[1] == '|' || p[1] == '!' || p[1] == '(') {
            append(&b, p, 1);
            p++;
            continue;
        }
        start = p + 1;
        if (*start == '?')
            start++; /* slapd marks an assertion its syntax rejects ("(?objectCategory=msExchExchangeServer)": not a DN) */
        for (op_start = start; *op_start != '\0' && strchr("=~<>:", *op_start) == NULL; op_start++)
            ;
        for (end = op_start; *end != '\0' && *end != ')'; end++)
            if (*end == '\\' && end[1] != '\0')
                end++;
        if (*op_start == '\0' || *end != ')') {
            appends(&b, p);
            break;
        }
        {
            char op[3] = { 0, 0, 0 };
            const char *value = op_start;
            if (*op_start == '=') { op[0] = '='; value = op_start + 1; }
            else if (op_start[1] == '=') { op[0] = op_start[0]; op[1] = '='; value = op_start + 2; }
            if (*op_start == ':')
                rewritten = rewrite_extensible(partition, &b, start, (size_t)(op_start - start), op_start, end);
            else
                rewritten = op[0] != '\0' ? rewrite_item(partition, &b, start, (size_t)(op_start - start), op, value, (size_t)(end - value)) : 0;
            if (rewritten < 0) {
                *refused = computed[-rewritten];
                slapi_ch_free_string(&b.text);
                return NULL;
            }
            if (rewritten > 0) {
                changed = 1;
            } else {
                append(&b, p, (size_t)(end - p + 1));
            }
        }
        p = end + 1;
    }
    if (!changed) {
        slapi_ch_free_string(&b.text);
        return NULL;
    }
    return b.text;
}

static int mentions_computed(const char *filter)
{
    int i;
    for (i = 0; computed[i] != NULL; i++)
        if (strcasestr(filter, computed[i]) != NULL)
            return 1;
    return strcasestr(filter, "objectSid") != NULL; /* AD's string form of a SID, (objectSid=S-1-…), with any option */
}

static int ad_pre_search(Slapi_PBlock *pb)
{
    const char *refused = NULL;
    char *filter = NULL, *base = NULL, *rewritten;
    Slapi_Filter *parsed;
    classes *p;
    slapi_pblock_get(pb, SLAPI_SEARCH_TARGET, &base);
    /* The classes are read here, outside the backend's read, not while an entry is being sent; so are the children. */
    if ((p = loaded(partition_for(base))) == NULL)
        return 0;
    count_children(pb);
    collect_backlinks(pb, p);
    if (slapi_pblock_get(pb, SLAPI_SEARCH_STRFILTER, &filter) != 0 || filter == NULL || !mentions_computed(filter))
        return 0;
    rewritten = rewrite_filter(p, filter, &refused);
    if (refused != NULL) {
        char text[160];
        snprintf(text, sizeof text, "%s is constructed when an entry is read: Active Directory does not use it in a search filter", refused);
        slapi_send_ldap_result(pb, LDAP_INAPPROPRIATE_MATCHING, NULL, text, 0, NULL);
        return -1;
    }
    if (rewritten == NULL)
        return 0;
    parsed = slapi_str2filter(rewritten);
    if (parsed != NULL)
        slapi_pblock_set(pb, SLAPI_SEARCH_FILTER, parsed); /* slapd frees it with the operation */
    else
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "could not parse the rewritten filter %s (from %s); the search goes on with the original\n",
                        rewritten, filter);
    slapi_ch_free_string(&rewritten);
    return 0;
}

/* ---- compare ------------------------------------------------------------------------------------------------- */

/* A compare on a computed attribute, answered as AD answers it (slapd stores none, so it would say noSuchAttribute):
 * the entry is read as the requester, so slapd's ACLs decide as for any read (an entry the account may not read does
 * not exist for it), the value computed as a search would return it and compared with the attribute's matching rule.
 * An anonymous request gets slapd's own answer: anonymous reads nothing here. (slapi_access_allowed cannot be asked
 * instead: inside an overlay's operation it does not find the database's ACLs.) */
static int ad_pre_compare(Slapi_PBlock *pb)
{
    char *target = NULL, *type = NULL, *requestor = NULL, *attributes[] = { "*", "+", NULL };
    struct berval *value = NULL;
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL, *copy;
    Slapi_Attr *attribute = NULL;
    classes *p;
    size_t length;
    int i, index = -1, result = LDAP_OTHER, answer, is_root = 0;

    if (slapi_pblock_get(pb, SLAPI_COMPARE_TARGET, &target) != 0 || target == NULL
        || slapi_pblock_get(pb, SLAPI_COMPARE_TYPE, &type) != 0 || type == NULL
        || slapi_pblock_get(pb, SLAPI_COMPARE_VALUE, &value) != 0 || value == NULL)
        return 0;
    if (casdir_sd_flags(pb) == -2) {
        slapi_send_ldap_result(pb, LDAP_PROTOCOL_ERROR, NULL, "SD flags control: its value is { INTEGER flags } (1 owner, 2 group, 4 DACL, 8 SACL)", 0, NULL);
        return -1;
    }
    length = strcspn(type, ";");
    for (i = 0; computed[i] != NULL && index < 0; i++)
        if (strlen(computed[i]) == length && strncasecmp(type, computed[i], length) == 0)
            index = i;
    if (index < 0 || (p = loaded(partition_for(target))) == NULL)
        return 0;
    /* What the requester may write is slapd's ACLs' answer for the entry's database, which a compare (answered here, at
     * the frontend, from an internal read) cannot ask: refused, as a filter on them is (docs/directory.md, "Active Directory's own
     * attributes"), rather than answered wrongly. A search returns them. */
    if ((1u << index) == ALLOWED_ATTRIBUTES_EFFECTIVE || (1u << index) == ALLOWED_CHILD_CLASSES_EFFECTIVE) {
        char text[160];
        snprintf(text, sizeof text, "%s depends on the reading account's rights: read it with a search, it is not compared", computed[index]);
        slapi_send_ldap_result(pb, LDAP_INAPPROPRIATE_MATCHING, NULL, text, 0, NULL);
        return -1;
    }
    is_root = casdir_requested_by_rootdn(pb); /* the frontend has no rootdn of its own to ask slapd about */
    slapi_pblock_get(pb, SLAPI_REQUESTOR_DN, &requestor);
    if (!is_root && (requestor == NULL || requestor[0] == '\0'))
        return 0;
    search = slapi_pblock_new();
    slapi_search_internal_set_pb(search, target, LDAP_SCOPE_BASE, "(objectClass=*)", attributes, 0, NULL, NULL, NULL, 0);
    if (!is_root)
        slapi_pblock_set(search, SLAPI_REQUESTOR_DN, requestor); /* otherwise an internal read is the rootdn's */
    slapi_search_internal_pb(search);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    if (result == LDAP_NO_SUCH_OBJECT || (result == LDAP_SUCCESS && (entries == NULL || entries[0] == NULL))) {
        answer = LDAP_NO_SUCH_OBJECT;
    } else if (result != LDAP_SUCCESS) {
        answer = result;
    } else {
        children_counted = -1;
        if ((1u << index) == APPROX_IMMED_SUBORDINATES)
            count_children_of(slapi_entry_get_dn(entries[0])); /* no entry is being sent: back-mdb may read */
        if (((1u << index) & BACKLINKS))
            casdir_backlinks_collect(p->configuration_dn, slapi_entry_get_dn(entries[0]), LDAP_SCOPE_BASE, (1u << index) >> FIRST_BACKLINK);
        if ((1u << index) == NT_SECURITY_DESCRIPTOR)
            casdir_security_load(p->domain_dn);
        copy = with_computed(pb, entries[0], slapi_entry_get_dn(entries[0]), p, 1u << index);
        if (slapi_entry_attr_find(copy, (char *)computed[index], &attribute) != 0 || attribute == NULL)
            answer = LDAP_NO_SUCH_ATTRIBUTE;
        else
            answer = slapi_attr_value_find(attribute, value) == 0 ? LDAP_COMPARE_TRUE : LDAP_COMPARE_FALSE;
        slapi_entry_free(copy);
        casdir_backlinks_release();
    }
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
    slapi_send_ldap_result(pb, answer, NULL, NULL, 0, NULL);
    return -1; /* answered: the backend is not asked */
}

/* A DN without its first RDN (the text after its first unescaped comma). */
static const char *parent_dn(const char *dn)
{
    const char *p;
    for (p = dn; *p != '\0'; p++) {
        if (*p == '\\' && p[1] != '\0')
            p++;
        else if (*p == ',')
            return p + 1;
    }
    return p;
}

/* The partition of this configuration DN. */
static classes *partition_of(const char *configuration)
{
    classes *p;
    size_t size;
    for (p = partitions; p != NULL; p = p->next)
        if (strcasecmp(p->configuration_dn, configuration) == 0)
            return p;
    p = (classes *)slapi_ch_calloc(1, sizeof(classes));
    p->configuration_dn = slapi_ch_strdup(configuration);
    p->domain_dn = slapi_ch_strdup(parent_dn(configuration));
    size = strlen(configuration) + 12;
    p->schema_dn = slapi_ch_malloc(size);
    snprintf(p->schema_dn, size, "CN=Schema,%s", configuration);
    p->lock = slapi_new_mutex();
    p->next = partitions;
    partitions = p;
    return p;
}

/* The hooks of casdir_frontend_init's line, slapd's frontend: every search, entry and compare passes them once, whatever
 * database answers it (a plugin on each database would see an entry once per SLAPI overlay on its operation). */
int casdir_ad_register(Slapi_PBlock *pb, const char *configuration)
{
    /* CASDIR_AD_ATTRIBUTES=off in slapd's environment leaves them out: the benchmark measures their cost with it. */
    const char *switch_ = getenv("CASDIR_AD_ATTRIBUTES");
    LDAPDN dn = NULL;
    if (configuration == NULL || ldap_str2dn(configuration, &dn, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS || dn == NULL || dn[1] == NULL) {
        fprintf(stderr, "casdir-ad: '%s' is not a configuration DN (CN=Configuration below the domain)\n", configuration != NULL ? configuration : "(none)");
        if (dn != NULL)
            ldap_dnfree(dn);
        return -1;
    }
    ldap_dnfree(dn);
    if (switch_ != NULL && strcmp(switch_, "off") == 0)
        return 1;
    partition_of(configuration);
    if (resolve_types() != 0) {
        fprintf(stderr, "casdir-ad: slapd's schema lacks an attribute the computed ones are made from or named (casdirectory.schema not included?)\n");
        return -1;
    }
    if (slapi_compute_add_evaluator(ad_compute) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_SEARCH_FN, (void *)ad_pre_search_frontend) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_COMPARE_FN, (void *)ad_pre_compare) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_POST_SEARCH_FN, (void *)ad_post_search) != 0)
        return -1;
    /* AD's search options and domain scope controls are slapd's own (it parses them, without listing them). */
    slapi_register_supported_control(EXTENDED_DN_OID, SLAPI_OPERATION_SEARCH);
    /* AD's show-deleted control, accepted as AD answers it here: no deleted object is kept, there is nothing more to
     * show. (Its lazy commit slapd honours itself, without listing it: the root DSE file lists it.) */
    slapi_register_supported_control(SHOW_DELETED_OID, SLAPI_OPERATION_SEARCH | SLAPI_OPERATION_COMPARE);
    /* AD's SD flags control (casdir_security.c), on every operation S.DS and ADSI send it with: only a search's matters,
     * as no account writes nTSecurityDescriptor. */
    casdir_sd_flags_register();
    return 0;
}
