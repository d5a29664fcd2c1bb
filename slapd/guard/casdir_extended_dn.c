/*
 * AD's extended DN control on DN-valued attributes (docs/rules.md, "Active Directory's controls"): a value that names
 * an entry of the directory is sent as "<GUID=…>;<DN>", as the entry's own DN is (casdir_ad.c, give_extended_dn).
 *
 * The GUIDs are other entries', which back-mdb cannot read while it sends one: so a search asking for the control
 * reads them before it starts, kept per thread (a search's entries are all sent on its thread) until the next such
 * search. A base search (ADSI binding one object) reads only what its entry's values name: the entry, its DN-valued
 * attributes' targets and its objectCategory's classSchema entry. Any other reads every entry's entryUUID below the
 * domain (the configuration included, through slapd's glue): about 0.3 s for 10,000 entries. Whether an attribute
 * is DN-valued is slapd's own answer, its syntax (casdir_slapd.h). A value naming no entry stays as it is, as in AD.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ldap.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"
#include "casdir_slapd.h"

typedef struct {
    char *ndn;
    char *uuid;
} guid_record;

static __thread guid_record *records;
static __thread size_t count, capacity;

static void clear(void)
{
    size_t i;
    for (i = 0; i < count; i++) {
        slapi_ch_free_string(&records[i].ndn);
        slapi_ch_free_string(&records[i].uuid);
    }
    count = 0;
}

static int by_ndn(const void *a, const void *b)
{
    return strcmp(((const guid_record *)a)->ndn, ((const guid_record *)b)->ndn);
}

/* Reads the entryUUIDs of the entries below (or at) base that filter matches into the records; the result code. */
static int read_uuids(const char *base, int scope, const char *filter)
{
    char *attributes[] = { "entryUUID", NULL };
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    int result = LDAP_OTHER, e;
    if (base == NULL || (search = slapi_search_internal((char *)base, scope, (char *)filter, NULL, attributes, 0)) == NULL)
        return LDAP_OTHER;
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    for (e = 0; result == LDAP_SUCCESS && entries != NULL && entries[e] != NULL; e++) {
        char *uuid = slapi_entry_attr_get_charptr(entries[e], "entryUUID"), *ndn;
        if (uuid == NULL)
            continue;
        if ((ndn = casdir_normalised_dn(slapi_entry_get_dn(entries[e]))) == NULL) {
            slapi_ch_free_string(&uuid);
            continue;
        }
        if (count == capacity) {
            capacity = capacity ? capacity * 2 : 256;
            records = (guid_record *)slapi_ch_realloc((char *)records, capacity * sizeof(guid_record));
        }
        records[count].ndn = ndn;
        records[count].uuid = uuid;
        count++;
    }
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
    return result;
}

/* Is dn a DN below (or at) the domain, whose normalised form is domain? */
static int inside(const char *dn, const char *domain)
{
    char *ndn = casdir_normalised_dn(dn);
    size_t n = ndn != NULL ? strlen(ndn) : 0, d = strlen(domain);
    int in = ndn != NULL && n >= d && strcmp(ndn + n - d, domain) == 0 && (n == d || ndn[n - d - 1] == ',');
    slapi_ch_free_string(&ndn);
    return in;
}

/* A class name as slapd's schema has them (letters, digits, hyphens): safe in a filter as it is. */
static int plain_name(const char *value)
{
    const char *c;
    for (c = value; *c != '\0'; c++)
        if (!(isalnum((unsigned char)*c) || *c == '-'))
            return 0;
    return c != value;
}

/* What a base search's entry names: its DN-valued attributes' values below the domain and, for objectCategory
 * (computed, so not in the stored entry), the classSchema entry of its structural class. */
static int read_named(const char *domain_dn, const char *schema_dn, const char *base)
{
    char *attributes[] = { "*", "structuralObjectClass", NULL }, *type, *domain = casdir_normalised_dn(domain_dn);
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    Slapi_Attr *a = NULL;
    Slapi_Value *v = NULL;
    const char *value;
    int result = LDAP_OTHER, i;
    if (domain == NULL || (search = slapi_search_internal((char *)base, LDAP_SCOPE_BASE, "(objectClass=*)", NULL, attributes, 0)) == NULL) {
        slapi_ch_free_string(&domain);
        return LDAP_OTHER;
    }
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    if (result == LDAP_SUCCESS && entries != NULL && entries[0] != NULL) {
        result = read_uuids(slapi_entry_get_dn(entries[0]), LDAP_SCOPE_BASE, "(objectClass=*)"); /* distinguishedName */
        for (slapi_entry_first_attr(entries[0], &a); a != NULL && result == LDAP_SUCCESS; slapi_entry_next_attr(entries[0], a, &a)) {
            if (slapi_attr_get_type(a, &type) != 0)
                continue;
            if (strcasecmp(type, "structuralObjectClass") == 0) {
                if (slapi_attr_first_value(a, &v) != -1 && (value = slapi_value_get_string(v)) != NULL && plain_name(value)) {
                    size_t filter_size = strlen(value) + 64;
                    char *filter = slapi_ch_malloc(filter_size);
                    snprintf(filter, filter_size, "(&(objectClass=classSchema)(lDAPDisplayName=%s))", value);
                    read_uuids(schema_dn, LDAP_SCOPE_ONELEVEL, filter); /* a class without a schema entry has no objectCategory */
                    slapi_ch_free_string(&filter);
                }
                continue;
            }
            if (!casdir_dn_syntax(type))
                continue;
            for (i = slapi_attr_first_value(a, &v); i != -1; i = slapi_attr_next_value(a, i, &v))
                if ((value = slapi_value_get_string(v)) != NULL && inside(value, domain)) {
                    int found = read_uuids(value, LDAP_SCOPE_BASE, "(objectClass=*)");
                    if (found != LDAP_SUCCESS && found != LDAP_NO_SUCH_OBJECT)
                        result = found; /* a value naming no entry stays as it is, as in AD */
                }
        }
    }
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
    slapi_ch_free_string(&domain);
    return result;
}

void casdir_extended_dn_collect(const char *domain_dn, const char *schema_dn, const char *base, int scope)
{
    int result;
    clear();
    if (domain_dn == NULL)
        return;
    result = scope == LDAP_SCOPE_BASE && base != NULL ? read_named(domain_dn, schema_dn, base) : read_uuids(domain_dn, LDAP_SCOPE_SUBTREE, "(objectClass=*)");
    if (result != LDAP_SUCCESS && result != LDAP_NO_SUCH_OBJECT)
        slapi_log_error(SLAPI_LOG_FATAL, "casdir-extended-dn", "could not read the entries' GUIDs (result %d): DN values stay plain\n", result);
    if (count > 1)
        qsort(records, count, sizeof(guid_record), by_ndn);
}

void casdir_extended_dn_release(void)
{
    clear();
    slapi_ch_free((void **)&records);
    capacity = 0;
}

const char *casdir_extended_dn_uuid(const char *dn)
{
    guid_record key, *found;
    if (count == 0 || dn == NULL || (key.ndn = casdir_normalised_dn(dn)) == NULL)
        return NULL;
    found = bsearch(&key, records, count, sizeof(guid_record), by_ndn);
    slapi_ch_free_string(&key.ndn);
    return found != NULL ? found->uuid : NULL;
}

int casdir_dn_syntax(const char *type)
{
    static void *dn_syntax;
    casdir_attribute_type *at;
    if (!casdir_slapd_layout_checked())
        return 0;
    if (dn_syntax == NULL)
        dn_syntax = syn_find("1.3.6.1.4.1.1466.115.121.1.12");
    return dn_syntax != NULL && (at = at_find(type)) != NULL && at->syntax == dn_syntax;
}
