/*
 * Server-side sort (RFC 2891, slapo-sssvlv) on the string attributes AD tools sort by (docs/rules.md, "Sorting").
 *
 * Active Directory sorts by any string attribute: `cn`, `displayName`, `ou`... slapo-sssvlv sorts with an attribute's
 * ORDERING rule, and slapd's own `cn` and `name` (RFC 4519, built into slapd, so no schema file can redefine them) have
 * none: `-E sss=cn` would be refused (Inappropriate matching). At start-up this gives every attribute type that
 * compares as a case-insensitive (or case-exact, or numeric) string, and has no ordering rule, the ordering rule of its
 * equality rule: caseIgnoreOrderingMatch and its kin, which slapd has built in. cn=Subschema then shows it too.
 *
 * slapd's schema API has no call for this, so it is done on slapd's own structures: the beginning of slapd 2.5's
 * struct AttributeType (casdir_slapd.h) is checked against `cn` (its OID, name, matching rules and syntax) before
 * anything is written. Another slapd whose structure differs is left as it was, and the log says so: sorting by cn is
 * then refused as before, nothing else changes. The attributes casdir-guard computes are not given one: they are not in
 * an entry when slapo-sssvlv reads it (casdir_ad.c refuses a sort by them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ldap.h>
#include <ldap_schema.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"
#include "casdir_slapd.h"

#define SUBSYSTEM "casdir-ordering"

static const struct {
    const char *equality, *ordering;
} rules[] = {
    { "caseIgnoreMatch", "caseIgnoreOrderingMatch" },
    { "caseExactMatch", "caseExactOrderingMatch" },
    { "numericStringMatch", "numericStringOrderingMatch" },
};
#define RULES (sizeof rules / sizeof rules[0])

/* Worked out once, while slapd reads its configuration (casdir_string_ordering runs then). */
int casdir_slapd_layout_checked(void)
{
    static int known = -1;
    casdir_attribute_type *cn;
    if (known >= 0)
        return known;
    cn = at_find("cn");
    return known = cn != NULL && cn->atype.at_oid != NULL && strcmp(cn->atype.at_oid, "2.5.4.3") == 0
        && cn->cname.bv_val != NULL && cn->cname.bv_len == 2 && strcasecmp(cn->cname.bv_val, "cn") == 0
        && cn->equality != NULL && cn->equality == mr_find("caseIgnoreMatch")
        && cn->substr != NULL && cn->substr == mr_find("caseIgnoreSubstringsMatch")
        && (cn->ordering == NULL || cn->ordering == mr_find("caseIgnoreOrderingMatch"))
        && cn->syntax != NULL && cn->syntax == syn_find("1.3.6.1.4.1.1466.115.121.1.15");
}

static int computed_here(const casdir_attribute_type *at)
{
    int i;
    for (i = 0; casdir_ad_computed[i] != NULL; i++)
        if (at->cname.bv_val != NULL && strcasecmp(at->cname.bv_val, casdir_ad_computed[i]) == 0)
            return 1;
    return 0;
}

int casdir_string_ordering(void)
{
    casdir_attribute_type *at = NULL;
    void *equality[RULES], *ordering[RULES];
    size_t r;
    int given = 0;
    if (!casdir_slapd_layout_checked()) {
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM,
                        "slapd's attribute types are not laid out as slapd 2.5's: cn and the other string attributes keep no ordering rule, so a server-side sort by them is refused\n");
        return -1;
    }
    for (r = 0; r < RULES; r++) {
        equality[r] = mr_find(rules[r].equality);
        ordering[r] = mr_find(rules[r].ordering);
    }
    for (at_start(&at); at != NULL; at_next(&at)) {
        if (at->ordering != NULL || at->equality == NULL || computed_here(at))
            continue;
        for (r = 0; r < RULES; r++)
            if (at->equality == equality[r] && ordering[r] != NULL) {
                at->ordering = ordering[r];
                /* what cn=Subschema publishes; slapd frees it with the type at shutdown */
                if (at->atype.at_ordering_oid == NULL)
                    at->atype.at_ordering_oid = strdup(rules[r].ordering);
                given++;
                break;
            }
    }
    return given;
}
