/*
 * AD's extended DN control on DN-valued attributes (docs/rules.md, "Active Directory's controls"): a value that names
 * an entry of the directory is sent as "<GUID=…>;<DN>", as the entry's own DN is (casdir_ad.c, give_extended_dn).
 *
 * The GUIDs are other entries', which back-mdb cannot read while it sends one: so a search asking for the control
 * reads every entry's entryUUID below the domain (the configuration included, through slapd's glue) before it starts,
 * kept per thread (a search's entries are all sent on its thread) until the next such search. Whether an attribute
 * is DN-valued is slapd's own answer, its syntax (casdir_slapd.h). A value naming no entry stays as it is, as in AD.
 */
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

void casdir_extended_dn_collect(const char *domain_dn)
{
    char *attributes[] = { "entryUUID", NULL };
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    int result = LDAP_OTHER, e;
    clear();
    if (domain_dn == NULL || (search = slapi_search_internal((char *)domain_dn, LDAP_SCOPE_SUBTREE, "(objectClass=*)", NULL, attributes, 0)) == NULL)
        return;
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
    if (result != LDAP_SUCCESS)
        slapi_log_error(SLAPI_LOG_FATAL, "casdir-extended-dn", "could not read the entries' GUIDs (result %d): DN values stay plain\n", result);
    if (count > 1)
        qsort(records, count, sizeof(guid_record), by_ndn);
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
