/*
 * Attributes a domain controller works out from an entry's place and class (docs/rules.md, "Active Directory's own
 * attributes"): canonicalName and allowedChildClasses(Effective), which AD constructs and returns only when asked by
 * name, and systemFlags, which AD stores on the containers and sites it protects. Here all three are computed from
 * the DN, the structural class and casdir_tree.c, so no writer can set them.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ldap.h>
#include "casdir_ad.h"
#include "casdir_guard.h"

/* AD's canonicalName (DsCrackNames' canonical form): the domain's DNS name, then each RDN's value from the top,
 * each after a '/', with '/' and '\' in a value escaped by '\'. A naming context of DC parts only ends in '/'. */
char *casdir_canonical_name(const char *dn)
{
    LDAPDN parsed = NULL;
    int count, first_dc, i;
    size_t size = 1, at = 0, j;
    char *out;

    if (dn == NULL || ldap_str2dn(dn, &parsed, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS || parsed == NULL)
        return NULL;
    for (count = 0; parsed[count] != NULL; count++)
        size += 2 * parsed[count][0]->la_value.bv_len + 2;
    for (first_dc = count; first_dc > 0; first_dc--) {
        LDAPAVA *ava = parsed[first_dc - 1][0];
        if (ava->la_attr.bv_len != 2 || strncasecmp(ava->la_attr.bv_val, "DC", 2) != 0)
            break;
    }
    out = slapi_ch_malloc(size + 1);
    for (i = first_dc; i < count; i++) {
        if (i > first_dc)
            out[at++] = '.';
        memcpy(out + at, parsed[i][0]->la_value.bv_val, parsed[i][0]->la_value.bv_len);
        at += parsed[i][0]->la_value.bv_len;
    }
    if (first_dc == 0)
        out[at++] = '/';
    for (i = first_dc - 1; i >= 0; i--) {
        const struct berval *v = &parsed[i][0]->la_value;
        out[at++] = '/';
        for (j = 0; j < v->bv_len; j++) {
            if (v->bv_val[j] == '/' || v->bv_val[j] == '\\')
                out[at++] = '\\';
            out[at++] = v->bv_val[j];
        }
    }
    out[at] = '\0';
    ldap_dnfree(parsed);
    return out;
}

/* systemFlags as a Windows Server 2008 R2 forest stores them on the configuration objects CasDirectory models
 * (FLAG_DISALLOW_DELETE 0x80000000, FLAG_CONFIG_ALLOW_RENAME 0x40000000, FLAG_DISALLOW_MOVE_ON_DELETE 0x02000000);
 * AD's Integer syntax is signed. 0 and no value for the classes where AD stores none. */
static const struct { const char *class_name; long flags; } by_class[] = {
    { "sitesContainer", -2113929216L },  /* 0x82000000 */
    { "site", 1107296256L },             /* 0x42000000 */
    { "subnetContainer", -2147483647L - 1 }, /* 0x80000000 */
    { "subnet", 1073741824L },           /* 0x40000000 */
    { "serversContainer", 33554432L },   /* 0x02000000 */
};

const char *casdir_flagged_class(size_t i)
{
    return i < sizeof by_class / sizeof by_class[0] ? by_class[i].class_name : NULL;
}

int casdir_system_flags(const char *structural, const char *dn, const char *configuration_dn, long *flags)
{
    size_t i, n;
    char services[512];
    if (structural == NULL)
        return 0;
    for (i = 0; i < sizeof by_class / sizeof by_class[0]; i++)
        if (strcasecmp(structural, by_class[i].class_name) == 0) {
            *flags = by_class[i].flags;
            return 1;
        }
    /* CN=Services, the container of every service's configuration (Exchange's among them) */
    n = (size_t)snprintf(services, sizeof services, "CN=Services,%s", configuration_dn);
    if (n < sizeof services && dn != NULL && strcasecmp(dn, services) == 0) {
        *flags = -2147483647L - 1;
        return 1;
    }
    return 0;
}

/* The classes an application account may add below an entry of this structural class (casdir_tree.c), as values
 * of type on entry. */
void casdir_add_child_classes(Slapi_Entry *entry, const char *type, const char *structural)
{
    const casdir_tree_class *c;
    size_t i;
    slapi_entry_attr_delete(entry, (char *)type);
    if (structural == NULL)
        return;
    for (i = 0; (c = casdir_tree_at(i)) != NULL; i++)
        if (casdir_tree_in(c->parents, structural))
            slapi_entry_add_string(entry, type, c->name);
}
