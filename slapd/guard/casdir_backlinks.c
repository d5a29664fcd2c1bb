/*
 * Back-links (docs/rules.md, "Back-links"): AD keeps, on the entry a DN-valued forward link names, the back-link
 * listing the entries that name it: a site's siteObjectBL (its subnets) and msExchServerSiteBL (its Exchange servers
 * and arrays), a DAG's msExchMDBAvailabilityGroupBL (its member servers), a server's msExchHostServerBL (the database
 * copies it hosts). Here they are computed from the forward links, so they are never stale and cannot be forged.
 *
 * back-mdb cannot read another entry while it sends one, so the links are read before the search starts (its
 * pre-search), once: for a base search the entries naming the base, (link=<base>), from the link's equality index;
 * for a wider one every entry holding a wanted link in the configuration partition. As in AD a base search gets them
 * with '*' too; an entry no link names is sent as it is (no copy). They are kept per thread (a
 * search's entries are all sent on its thread) until the next search that asks for back-links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ldap.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"

const casdir_backlink casdir_backlinks[CASDIR_BACKLINKS] = {
    { "siteObjectBL", "siteObject" },
    { "msExchServerSiteBL", "msExchServerSite" },
    { "msExchMDBAvailabilityGroupBL", "msExchMDBAvailabilityGroupLink" },
    { "msExchHostServerBL", "msExchHostServerLink" },
};

typedef struct {
    char *target; /* normalised DN of the entry the link names */
    int link;     /* index in casdir_backlinks */
    char *source; /* DN of the entry holding the link, as stored */
} link_record;

typedef struct {
    link_record *records;
    size_t count, capacity;
} link_set;

/* What the last search that asked for back-links collected, on this thread. */
static __thread link_set collected;

static void clear(link_set *set)
{
    size_t i;
    for (i = 0; i < set->count; i++) {
        slapi_ch_free_string(&set->records[i].target);
        slapi_ch_free_string(&set->records[i].source);
    }
    set->count = 0;
}

char *casdir_normalised_dn(const char *dn)
{
    Slapi_DN *sdn = slapi_sdn_new_dn_byval(dn);
    const char *ndn = slapi_sdn_get_ndn(sdn);
    char *copy = ndn != NULL ? slapi_ch_strdup(ndn) : NULL;
    slapi_sdn_free(&sdn);
    return copy;
}

static void add(link_set *set, const char *target, int link, const char *source)
{
    char *ndn = casdir_normalised_dn(target);
    if (ndn == NULL)
        return;
    if (set->count == set->capacity) {
        set->capacity = set->capacity ? set->capacity * 2 : 64;
        set->records = (link_record *)slapi_ch_realloc((char *)set->records, set->capacity * sizeof(link_record));
    }
    set->records[set->count].target = ndn;
    set->records[set->count].link = link;
    set->records[set->count].source = slapi_ch_strdup(source);
    set->count++;
}

static int by_target(const void *a, const void *b)
{
    const link_record *x = a, *y = b;
    int c = strcmp(x->target, y->target);
    return c != 0 ? c : x->link - y->link;
}

/* The filter value of a DN, escaped (RFC 4515); free with slapi_ch_free_string. */
static char *escaped(const char *value)
{
    struct berval in, out = { 0, NULL };
    char *copy;
    in.bv_val = (char *)value;
    in.bv_len = strlen(value);
    if (ldap_bv2escaped_filter_value(&in, &out) != 0)
        return NULL;
    copy = slapi_ch_strdup(out.bv_val);
    ber_memfree(out.bv_val);
    return copy;
}

/* Runs an internal search of the configuration partition (as the rootdn: every account may read the whole partition,
 * and anonymous is not given back-links) and records each wanted link's values. */
static int read_links(link_set *set, const char *partition_dn, const char *filter, unsigned wanted)
{
    char *attributes[CASDIR_BACKLINKS + 1];
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    int result = LDAP_OTHER, n = 0, i, e;
    for (i = 0; i < CASDIR_BACKLINKS; i++)
        if (wanted & (1u << i))
            attributes[n++] = (char *)casdir_backlinks[i].forward;
    attributes[n] = NULL;
    search = slapi_search_internal((char *)partition_dn, LDAP_SCOPE_SUBTREE, (char *)filter, NULL, attributes, 0);
    if (search == NULL)
        return -1;
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    for (e = 0; result == LDAP_SUCCESS && entries != NULL && entries[e] != NULL; e++) {
        const char *source = slapi_entry_get_dn(entries[e]);
        for (i = 0; i < CASDIR_BACKLINKS; i++) {
            Slapi_Attr *attribute = NULL;
            Slapi_Value *value;
            int v;
            if (!(wanted & (1u << i)) || slapi_entry_attr_find(entries[e], (char *)casdir_backlinks[i].forward, &attribute) != 0 || attribute == NULL)
                continue;
            for (v = slapi_attr_first_value(attribute, &value); v != -1; v = slapi_attr_next_value(attribute, v, &value))
                if (slapi_value_get_string(value) != NULL)
                    add(set, slapi_value_get_string(value), i, source);
        }
    }
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
    if (result != LDAP_SUCCESS)
        slapi_log_error(SLAPI_LOG_FATAL, "casdir-backlinks", "could not read the links %s (result %d): back-links are left out\n", filter, result);
    return result == LDAP_SUCCESS ? 0 : -1;
}

void casdir_backlinks_collect(const char *partition_dn, const char *base, int scope, unsigned wanted)
{
    char *filter, *value;
    size_t size, used;
    int i;
    clear(&collected);
    if (wanted == 0 || partition_dn == NULL)
        return;
    size = 8;
    if (scope == LDAP_SCOPE_BASE) {
        if (base == NULL || (value = escaped(base)) == NULL)
            return;
        size += CASDIR_BACKLINKS * (strlen(value) + 40);
        filter = slapi_ch_malloc(size);
        used = snprintf(filter, size, "(|");
        for (i = 0; i < CASDIR_BACKLINKS; i++)
            if (wanted & (1u << i))
                used += snprintf(filter + used, size - used, "(%s=%s)", casdir_backlinks[i].forward, value);
        slapi_ch_free_string(&value);
    } else {
        size += CASDIR_BACKLINKS * 40;
        filter = slapi_ch_malloc(size);
        used = snprintf(filter, size, "(|");
        for (i = 0; i < CASDIR_BACKLINKS; i++)
            if (wanted & (1u << i))
                used += snprintf(filter + used, size - used, "(%s=*)", casdir_backlinks[i].forward);
    }
    snprintf(filter + used, size - used, ")");
    read_links(&collected, partition_dn, filter, wanted);
    slapi_ch_free_string(&filter);
    if (collected.count > 1)
        qsort(collected.records, collected.count, sizeof(link_record), by_target);
}

/* The first record for this normalised target (the records are sorted by target, then link), or the end. */
static size_t first_of(const link_set *set, const char *ndn)
{
    size_t low = 0, high = set->count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (strcmp(set->records[middle].target, ndn) < 0)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

void casdir_backlinks_release(void)
{
    clear(&collected);
    slapi_ch_free((void **)&collected.records);
    collected.capacity = 0;
}

int casdir_backlinks_any(const char *ndn, unsigned wanted)
{
    size_t r;
    if (ndn == NULL || collected.count == 0)
        return 0;
    for (r = first_of(&collected, ndn); r < collected.count && strcmp(collected.records[r].target, ndn) == 0; r++)
        if (wanted & (1u << collected.records[r].link))
            return 1;
    return 0;
}

void casdir_backlinks_put(Slapi_Entry *copy, const char *dn, unsigned wanted)
{
    char *ndn;
    size_t r;
    int i;
    for (i = 0; i < CASDIR_BACKLINKS; i++)
        if (wanted & (1u << i))
            slapi_entry_attr_delete(copy, (char *)casdir_backlinks[i].backlink); /* only the rootdn could have stored one */
    if (collected.count == 0 || (ndn = casdir_normalised_dn(dn)) == NULL)
        return;
    for (r = first_of(&collected, ndn); r < collected.count && strcmp(collected.records[r].target, ndn) == 0; r++)
        if (wanted & (1u << collected.records[r].link))
            slapi_entry_add_string(copy, (char *)casdir_backlinks[collected.records[r].link].backlink, collected.records[r].source);
    slapi_ch_free_string(&ndn);
}

/* The entry dn's own forward link (the entries it names), recorded as if named by it. */
static void read_forward_link(link_set *set, const char *dn, int link)
{
    char *attributes[] = { (char *)casdir_backlinks[link].forward, NULL };
    Slapi_PBlock *search = slapi_search_internal((char *)dn, LDAP_SCOPE_BASE, "(objectClass=*)", NULL, attributes, 0);
    Slapi_Entry **entries = NULL;
    Slapi_Attr *attribute = NULL;
    Slapi_Value *value;
    int result = LDAP_OTHER, v;
    if (search == NULL)
        return;
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    if (result == LDAP_SUCCESS && entries != NULL && entries[0] != NULL
        && slapi_entry_attr_find(entries[0], (char *)casdir_backlinks[link].forward, &attribute) == 0 && attribute != NULL)
        for (v = slapi_attr_first_value(attribute, &value); v != -1; v = slapi_attr_next_value(attribute, v, &value))
            if (slapi_value_get_string(value) != NULL)
                add(set, slapi_value_get_string(value), link, dn);
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
}

char *casdir_backlink_filter(const char *partition_dn, int link, const char *dn)
{
    char *filter, *value, *result;
    size_t size, used, i;
    link_set found = { NULL, 0, 0 };
    if (dn != NULL) {
        read_forward_link(&found, dn, link); /* (backlink=<DN>): the entries <DN> links to */
    } else {
        size = strlen(casdir_backlinks[link].forward) + 8; /* (backlink=*): every entry some entry links to */
        filter = slapi_ch_malloc(size);
        snprintf(filter, size, "(%s=*)", casdir_backlinks[link].forward);
        read_links(&found, partition_dn, filter, 1u << link);
        slapi_ch_free_string(&filter);
    }
    if (found.count == 0) {
        slapi_ch_free((void **)&found.records);
        return NULL;
    }
    size = 4;
    for (i = 0; i < found.count; i++)
        size += strlen(found.records[i].target) * 3 + 12;
    result = slapi_ch_malloc(size);
    used = snprintf(result, size, "(|");
    for (i = 0; i < found.count; i++) {
        if ((value = escaped(found.records[i].target)) == NULL)
            continue;
        used += snprintf(result + used, size - used, "(entryDN=%s)", value);
        slapi_ch_free_string(&value);
    }
    snprintf(result + used, size - used, ")");
    clear(&found);
    slapi_ch_free((void **)&found.records);
    return result;
}
