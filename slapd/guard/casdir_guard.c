/*
 * casdir-guard: a SLAPI pre-operation plugin for the configuration database.
 *
 * It enforces the rules slapd's own overlays cannot (docs/rules.md, "What the directory enforces"):
 *   - the Relax control (which `ldapmodify -e relax` and `-e manageDIT` send) is refused for everyone
 *     but the rootdn: slapo-constraint and the schema's structural-class check both give way to it
 *     (OpenLDAP 2.5 asks no privilege of the sender for that), so an application account could
 *     otherwise write any value the rules forbid;
 *   - no password (userPassword) is written into the configuration partition;
 *   - cn holds at most 64 characters (slapo-constraint's `size` counts bytes); a subnet's cn is a
 *     canonical CIDR (no leading zeros, no host bits); ipHostNumber is an IPv4 or IPv6 address
 *     (inet_pton, as casdir parses them: exact where a regex is not, e.g. 10.2.0.050 or 1:2:3:4:5:6:7:8:9);
 *   - an entry that another entry references (site, server, database, DAG) cannot be deleted,
 *     as Active Directory refuses it; slapo-refint would otherwise silently strip the references;
 *   - entries are renamed in place only (a move to another container is refused), and CN=Arrays,
 *     CN=Subnets and the containers above them are not renamed at all: that would carry arrays out
 *     of CN=Arrays, where one-array-per-site is checked, and subnets out of casdir's and the rules' sight.
 *
 * It also computes Active Directory's own attributes on read (casdir_ad.c).
 *
 * Configured as:   plugin preoperation <this .so> casdir_guard_init <base DN> <subnets DN> <arrays DN> <reference attribute>...
 * The rootdn (set-up, repairs) is never refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"

#define RELAX_OID "1.3.6.1.4.1.4203.666.5.12"
#define MAX_CN_CHARACTERS 64
#define MAX_REFERENCE_ATTRIBUTES 32

static char *search_base;
static Slapi_DN *subnets_container;
static char *fixed_containers[3];
static char *reference_attributes[MAX_REFERENCE_ATTRIBUTES + 1];

static Slapi_PluginDesc description = {
    "casdir-guard", "CasDirectory", "1", "CasDirectory's own rules for the configuration partition"
};

static int refuse(Slapi_PBlock *pb, int code, char *text)
{
    slapi_send_ldap_result(pb, code, NULL, text, 0, NULL);
    return -1;
}

static int requested_by_rootdn(Slapi_PBlock *pb)
{
    int root = 0;
    slapi_pblock_get(pb, SLAPI_REQUESTOR_ISROOT, &root);
    return root;
}

static int relax_requested(Slapi_PBlock *pb)
{
    LDAPControl **controls = NULL;
    int i;
    if (slapi_pblock_get(pb, SLAPI_REQCONTROLS, &controls) != 0 || controls == NULL)
        return 0;
    for (i = 0; controls[i] != NULL; i++)
        if (controls[i]->ldctl_oid != NULL && strcmp(controls[i]->ldctl_oid, RELAX_OID) == 0)
            return 1;
    return 0;
}

/* Characters, not bytes: UTF-8 continuation bytes (10xxxxxx) do not start a character. */
static size_t utf8_characters(const char *value, size_t length)
{
    size_t i, count = 0;
    for (i = 0; i < length; i++)
        if (((unsigned char)value[i] & 0xC0) != 0x80)
            count++;
    return count;
}

static int is_cn(const char *type)
{
    return strcasecmp(type, "cn") == 0 || strcasecmp(type, "commonName") == 0 || strcmp(type, "2.5.4.3") == 0;
}

static int is_ip_host_number(const char *type)
{
    return strcasecmp(type, "ipHostNumber") == 0 || strcmp(type, "1.3.6.1.1.1.1.19") == 0;
}

static int is_secret(const char *type)
{
    return strcasecmp(type, "userPassword") == 0 || strcmp(type, "2.5.4.35") == 0
        || strcasecmp(type, "authPassword") == 0 || strcmp(type, "1.3.6.1.4.1.4203.1.3.4") == 0;
}

static int ip_address(const char *text, unsigned char *bytes)
{
    if (inet_pton(AF_INET, text, bytes) == 1)
        return 4;
    if (inet_pton(AF_INET6, text, bytes) == 1)
        return 16;
    return 0;
}

/* A subnet is named by its canonical CIDR, as AD requires: 10.1.0.0/16, 2001:db8::/32. */
static int canonical_cidr(const char *text)
{
    char address[64], canonical[64], *slash, *end;
    unsigned char bytes[16];
    long length;
    int size, i;
    if (strlen(text) >= sizeof address)
        return 0;
    strcpy(address, text);
    slash = strchr(address, '/');
    if (slash == NULL || slash[1] == '\0' || (slash[1] == '0' && slash[2] != '\0'))
        return 0;
    *slash = '\0';
    length = strtol(slash + 1, &end, 10);
    if (*end != '\0' || slash[1] == '-' || slash[1] == '+' || (size = ip_address(address, bytes)) == 0 || length > size * 8)
        return 0;
    for (i = 0; i < size; i++) {
        int bits = (int)length - i * 8;
        unsigned char mask = bits >= 8 ? 0xFF : bits <= 0 ? 0 : (unsigned char)(0xFF << (8 - bits));
        if (bytes[i] & ~mask)
            return 0;
    }
    return inet_ntop(size == 4 ? AF_INET : AF_INET6, bytes, canonical, sizeof canonical) != NULL
        && strcmp(canonical, address) == 0;
}

static int under_subnets(const char *dn)
{
    Slapi_DN *entry, *parent;
    int under;
    if (dn == NULL || subnets_container == NULL)
        return 0;
    entry = slapi_sdn_new_dn_byval(dn);
    parent = slapi_sdn_new();
    slapi_sdn_get_parent(entry, parent);
    under = slapi_sdn_compare(parent, subnets_container) == 0;
    slapi_sdn_free(&entry);
    slapi_sdn_free(&parent);
    return under;
}

/* Returns non-zero (and has sent the refusal) when a value breaks one of the rules above. */
static int refuse_value(Slapi_PBlock *pb, const char *target, const char *type, const char *bytes, size_t length)
{
    char text[256], value[160];
    unsigned char address[16];
    snprintf(value, sizeof value, "%.*s", (int)(length < 120 ? length : 120), bytes);
    if (is_secret(type)) {
        refuse(pb, LDAP_UNWILLING_TO_PERFORM,
               "passwords belong to the accounts in CN=Users, never to the configuration partition");
        return 1;
    }
    if (is_cn(type)) {
        size_t characters = utf8_characters(bytes, length);
        if (characters > MAX_CN_CHARACTERS) {
            snprintf(text, sizeof text, "cn is %lu characters long; the maximum is %d",
                     (unsigned long)characters, MAX_CN_CHARACTERS);
            refuse(pb, LDAP_CONSTRAINT_VIOLATION, text);
            return 1;
        }
        if (under_subnets(target) && (length != strlen(value) || !canonical_cidr(value))) {
            snprintf(text, sizeof text, "'%s' is not a subnet in canonical CIDR form, such as 10.1.0.0/16 (no leading zeros, no host bits)", value);
            refuse(pb, LDAP_CONSTRAINT_VIOLATION, text);
            return 1;
        }
    } else if (is_ip_host_number(type)) {
        if (length != strlen(value) || ip_address(value, address) == 0) {
            snprintf(text, sizeof text, "ipHostNumber '%s' is not an IPv4 address in dotted decimal without leading zeros, nor an IPv6 address", value);
            refuse(pb, LDAP_CONSTRAINT_VIOLATION, text);
            return 1;
        }
    }
    return 0;
}

static int common_checks(Slapi_PBlock *pb)
{
    if (requested_by_rootdn(pb))
        return 1;
    if (relax_requested(pb)) {
        refuse(pb, LDAP_UNWILLING_TO_PERFORM,
               "the Relax (ManageDIT) control is reserved for the directory administrator");
        return -1;
    }
    return 0;
}

static int guard_add(Slapi_PBlock *pb)
{
    Slapi_Entry *entry = NULL;
    Slapi_Attr *attribute = NULL;
    Slapi_Value *value = NULL;
    char *target = NULL, *type = NULL;
    int state = common_checks(pb), i;
    if (state != 0)
        return state < 0 ? -1 : 0;
    if (slapi_pblock_get(pb, SLAPI_ADD_ENTRY, &entry) != 0 || entry == NULL)
        return 0;
    slapi_pblock_get(pb, SLAPI_ADD_TARGET, &target);
    for (slapi_entry_first_attr(entry, &attribute); attribute != NULL; slapi_entry_next_attr(entry, attribute, &attribute)) {
        if (slapi_attr_get_type(attribute, &type) != 0 || type == NULL)
            continue;
        for (i = slapi_attr_first_value(attribute, &value); i != -1; i = slapi_attr_next_value(attribute, i, &value)) {
            const struct berval *bv = slapi_value_get_berval(value);
            if (bv != NULL && refuse_value(pb, target, type, bv->bv_val, bv->bv_len))
                return -1;
        }
    }
    return 0;
}

static int guard_modify(Slapi_PBlock *pb)
{
    LDAPMod **mods = NULL;
    char *target = NULL;
    int state = common_checks(pb), i, j;
    if (state != 0)
        return state < 0 ? -1 : 0;
    if (slapi_pblock_get(pb, SLAPI_MODIFY_MODS, &mods) != 0 || mods == NULL)
        return 0;
    slapi_pblock_get(pb, SLAPI_MODIFY_TARGET, &target);
    for (i = 0; mods[i] != NULL; i++) {
        if ((mods[i]->mod_op & ~LDAP_MOD_BVALUES) == LDAP_MOD_DELETE)
            continue;
        if (mods[i]->mod_op & LDAP_MOD_BVALUES) {
            for (j = 0; mods[i]->mod_bvalues != NULL && mods[i]->mod_bvalues[j] != NULL; j++)
                if (refuse_value(pb, target, mods[i]->mod_type, mods[i]->mod_bvalues[j]->bv_val, mods[i]->mod_bvalues[j]->bv_len))
                    return -1;
        } else {
            for (j = 0; mods[i]->mod_values != NULL && mods[i]->mod_values[j] != NULL; j++)
                if (refuse_value(pb, target, mods[i]->mod_type, mods[i]->mod_values[j], strlen(mods[i]->mod_values[j])))
                    return -1;
        }
    }
    return 0;
}

static int same_parent(const char *target, const char *newsuperior)
{
    Slapi_DN *entry = slapi_sdn_new_dn_byval(target), *parent = slapi_sdn_new(),
             *superior = slapi_sdn_new_dn_byval(newsuperior);
    int same;
    slapi_sdn_get_parent(entry, parent);
    same = slapi_sdn_compare(parent, superior) == 0;
    slapi_sdn_free(&entry);
    slapi_sdn_free(&parent);
    slapi_sdn_free(&superior);
    return same;
}

/* Is the entry CN=Arrays, CN=Subnets, or one of the containers above them? */
static int fixed_container(const char *target)
{
    int i;
    for (i = 0; fixed_containers[i] != NULL; i++)
        if (slapi_dn_issuffix(fixed_containers[i], (char *)target))
            return 1;
    return 0;
}

static int guard_modrdn(Slapi_PBlock *pb)
{
    char *newrdn = NULL, *newsuperior = NULL, *target = NULL;
    LDAPRDN rdn = NULL;
    char *next = NULL;
    int state = common_checks(pb), i, refused = 0;
    if (state != 0)
        return state < 0 ? -1 : 0;
    slapi_pblock_get(pb, SLAPI_MODRDN_TARGET, &target);
    slapi_pblock_get(pb, SLAPI_MODRDN_NEWSUPERIOR, &newsuperior);
    if (target != NULL && newsuperior != NULL && !same_parent(target, newsuperior))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM,
                      "entries are renamed in place only; moving one to another container is reserved for the directory administrator");
    if (target != NULL && fixed_container(target))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM,
                      "CN=Arrays, CN=Subnets and the containers above them keep their names (arrays and subnets are checked there); only the directory administrator may rename them");
    if (slapi_pblock_get(pb, SLAPI_MODRDN_NEWRDN, &newrdn) != 0 || newrdn == NULL)
        return 0;
    if (ldap_str2rdn(newrdn, &rdn, &next, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
        return 0; /* slapd itself refuses a malformed RDN */
    for (i = 0; rdn[i] != NULL && !refused; i++)
        if (rdn[i]->la_attr.bv_val != NULL) {
            char type[64];
            snprintf(type, sizeof type, "%.*s", (int)rdn[i]->la_attr.bv_len, rdn[i]->la_attr.bv_val);
            refused = refuse_value(pb, target, type, rdn[i]->la_value.bv_val, rdn[i]->la_value.bv_len);
        }
    ldap_rdnfree(rdn);
    return refused ? -1 : 0;
}

/* RFC 4515 escaping: a DN holds parentheses ("(FYDIBOHF23SPDLT)") and may hold * or \. */
static char *append_escaped(char *out, const char *value)
{
    for (; *value != '\0'; value++) {
        unsigned char c = (unsigned char)*value;
        if (c == '(' || c == ')' || c == '*' || c == '\\' || c < 0x20)
            out += sprintf(out, "\\%02x", c);
        else
            *out++ = (char)c;
    }
    *out = '\0';
    return out;
}

static int guard_delete(Slapi_PBlock *pb)
{
    char *target = NULL, *filter, *end;
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    size_t size = 4;
    int state = common_checks(pb), i, result = LDAP_OTHER;
    if (state != 0)
        return state < 0 ? -1 : 0;
    if (search_base == NULL || reference_attributes[0] == NULL)
        return 0;
    if (slapi_pblock_get(pb, SLAPI_DELETE_TARGET, &target) != 0 || target == NULL)
        return 0;
    for (i = 0; reference_attributes[i] != NULL; i++)
        size += strlen(reference_attributes[i]) + 3 * strlen(target) + 4;
    filter = slapi_ch_malloc(size);
    end = filter + sprintf(filter, "(|");
    for (i = 0; reference_attributes[i] != NULL; i++) {
        end += sprintf(end, "(%s=", reference_attributes[i]);
        end = append_escaped(end, target);
        end += sprintf(end, ")");
    }
    sprintf(end, ")");

    search = slapi_search_internal(search_base, LDAP_SCOPE_SUBTREE, filter, NULL, NULL, 1);
    slapi_ch_free_string(&filter);
    if (search == NULL)
        return refuse(pb, LDAP_OTHER, "could not check the entry for references");
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    if (result == LDAP_SUCCESS && entries != NULL && entries[0] != NULL) {
        char text[1024];
        snprintf(text, sizeof text, "the entry is still referenced by %s; remove or re-point that first",
                 slapi_entry_get_dn(entries[0]));
        slapi_free_search_results_internal(search);
        slapi_pblock_destroy(search);
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM, text);
    }
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
    if (result != LDAP_SUCCESS)
        return refuse(pb, LDAP_OTHER, "could not check the entry for references");
    return 0;
}

int casdir_guard_init(Slapi_PBlock *pb)
{
    int argc = 0, i;
    char **argv = NULL;
    slapi_pblock_get(pb, SLAPI_PLUGIN_ARGC, &argc);
    slapi_pblock_get(pb, SLAPI_PLUGIN_ARGV, &argv);
    if (argc >= 1 && argv != NULL) {
        search_base = slapi_ch_strdup(argv[0]);
        if (argc >= 2) {
            subnets_container = slapi_sdn_new_dn_byval(argv[1]);
            fixed_containers[0] = slapi_ch_strdup(argv[1]);
        }
        if (argc >= 3)
            fixed_containers[1] = slapi_ch_strdup(argv[2]);
        for (i = 3; i < argc && i - 3 < MAX_REFERENCE_ATTRIBUTES; i++)
            reference_attributes[i - 3] = slapi_ch_strdup(argv[i]);
    }
    if (slapi_pblock_set(pb, SLAPI_PLUGIN_VERSION, SLAPI_PLUGIN_VERSION_01) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_DESCRIPTION, &description) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_ADD_FN, (void *)guard_add) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_MODIFY_FN, (void *)guard_modify) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_MODRDN_FN, (void *)guard_modrdn) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_DELETE_FN, (void *)guard_delete) != 0)
        return -1;
    return casdir_ad_register(pb, search_base);
}
