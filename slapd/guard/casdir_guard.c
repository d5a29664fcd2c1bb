/*
 * casdir-guard: a SLAPI pre-operation plugin for the configuration database. It holds the rules slapd's own overlays
 * cannot (docs/rules.md, "What the directory enforces itself"), for every account but the rootdn:
 *   - the Relax control is refused: slapo-constraint and the schema's structural-class check give way to it and
 *     OpenLDAP 2.5 asks no privilege of its sender;
 *   - attribute descriptions are resolved to their type (names, aliases and OIDs alike) and none may carry options:
 *     cn;lang-en, msExchServerSite;x would each be a second attribute that slapo-unique, slapo-constraint and the
 *     schema's SINGLE-VALUE judge apart from the real one;
 *   - the attributes Active Directory computes (objectGUID, whenCreated, ...; casdir_ad.c) are never stored;
 *   - entries are added only of the classes the partition holds, below the classes they belong under, with their own
 *     superclasses and auxiliary classes only (casdir_tree.c): no extensibleObject;
 *   - a name (cn) is one value, at most 64 characters, nothing invisible (casdir_values.c); a rename replaces it;
 *   - a subnet's cn is a canonical CIDR, ipHostNumber an address, an array always has its site, no password is written;
 *   - an entry another entry references (site, server, database, DAG) is not deleted, as AD refuses it (slapo-refint
 *     would otherwise strip the references), and that check is serialised against writes that add references;
 *   - entries are renamed in place only, and CN=Arrays, CN=Subnets and the containers above them not at all.
 *
 * Configured as:  plugin preoperation <this .so> casdir_guard_init <base DN> <subnets DN> <arrays DN> <reference attribute>...
 * A line slapd cannot use stops slapd at start, saying why. Failures at run time go to slapd's plugin log (pluginlog).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <ldap.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"
#include "casdir_guard.h"

#define RELAX_OID "1.3.6.1.4.1.4203.666.5.12"
#define TXN_SPEC_OID "1.3.6.1.1.21.2"
#define REFERENCE_LOCK_SECONDS 10
#define MAX_REFERENCE_ATTRIBUTES 32
#define SUBSYSTEM "casdir-guard"

typedef struct guard {
    Slapi_DN *base;        /* the configuration partition: where references are searched */
    Slapi_DN *subnets;     /* CN=Subnets: its children are named by CIDRs */
    char *fixed[3];        /* CN=Subnets and CN=Arrays: they and the containers above them keep their names */
    char *references[MAX_REFERENCE_ATTRIBUTES + 1];
    pthread_mutex_t reference_lock; /* a delete's reference check against writes that add a reference */
    struct guard *next;
} guard;

/* Written while slapd reads its configuration (one thread), only read afterwards. */
static guard *guards;

/* The lock a write of this thread holds from its pre-operation to its post-operation (one write per thread). */
static __thread pthread_mutex_t *held_lock;

static Slapi_PluginDesc description = {
    "casdir-guard", "CasDirectory", "2", "CasDirectory's own rules for the configuration partition"
};

static int refuse(Slapi_PBlock *pb, int code, const char *text)
{
    slapi_send_ldap_result(pb, code, NULL, (char *)text, 0, NULL);
    return -1;
}

static int refusef(Slapi_PBlock *pb, int code, const char *format, ...) __attribute__((format(printf, 3, 4)));
static int refusef(Slapi_PBlock *pb, int code, const char *format, ...)
{
    char text[512];
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(text, sizeof text, format, arguments);
    va_end(arguments);
    return refuse(pb, code, text);
}

static guard *guard_for(const char *dn)
{
    guard *g;
    Slapi_DN *target;
    if (dn == NULL)
        return NULL;
    target = slapi_sdn_new_dn_byval(dn);
    for (g = guards; g != NULL; g = g->next)
        if (slapi_sdn_issuffix(target, g->base))
            break;
    slapi_sdn_free(&target);
    return g;
}

const LDAPControl *casdir_request_control(Slapi_PBlock *pb, const char *oid)
{
    LDAPControl **controls = NULL;
    int i;
    if (slapi_pblock_get(pb, SLAPI_REQCONTROLS, &controls) != 0 || controls == NULL)
        return NULL;
    for (i = 0; controls[i] != NULL; i++)
        if (controls[i]->ldctl_oid != NULL && strcmp(controls[i]->ldctl_oid, oid) == 0)
            return controls[i];
    return NULL;
}

static int control_sent(Slapi_PBlock *pb, const char *oid)
{
    return casdir_request_control(pb, oid) != NULL;
}

static int relax_requested(Slapi_PBlock *pb)
{
    return control_sent(pb, RELAX_OID);
}

/* 1: the rootdn, no rule applies; -1: refused (sent); 0: go on with the rules. The rootdn is the frontend line's
 * (casdir_frontend.c): this line is the frontend's too, where SLAPI_REQUESTOR_ISROOT would ask a database without one. */
static int common_checks(Slapi_PBlock *pb)
{
    if (casdir_requested_by_rootdn(pb))
        return 1;
    if (relax_requested(pb))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM, "the Relax (ManageDIT) control is reserved for the directory administrator");
    /* slapd 2.5 applies a transaction's writes at its end under the database's write transaction: there slapo-accesslog
     * can deadlock against a concurrent write, logs writes the transaction then rolls back as done, and the guard's
     * reference check cannot see the transaction's own writes (docs/directory.md, "Known limits"). */
    if (control_sent(pb, TXN_SPEC_OID))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM, "LDAP transactions are not accepted in the configuration partition (slapd 2.5's access log and reference checks are not safe inside one); send the writes one by one");
    return 0;
}

static int is_type(const char *canonical, const char *name)
{
    return canonical != NULL && strcasecmp(canonical, name) == 0;
}

static int is_reference(const guard *g, const char *canonical)
{
    int i;
    for (i = 0; g->references[i] != NULL; i++)
        if (is_type(canonical, g->references[i]))
            return 1;
    return 0;
}

/* The attribute description as slapd resolves it: the type's first name, then its options ("cn;lang-en" for
 * "commonName;lang-en" or "2.5.4.3;lang-en"); NULL for a type slapd does not know (slapd refuses the write itself). */
static const char *canonical_type(const char *description)
{
    return description != NULL ? slapi_attr_syntax_normalize(description) : NULL;
}

/* Rules on an attribute description. Returns 0 or -1 (refused, sent). */
static int refuse_description(Slapi_PBlock *pb, const char *written, const char *canonical)
{
    int i;
    if (canonical == NULL)
        return 0;
    if (strchr(canonical, ';') != NULL)
        return refusef(pb, LDAP_CONSTRAINT_VIOLATION,
                       "attribute options are not used in the configuration partition: write %.*s, not %.100s",
                       (int)strcspn(canonical, ";"), canonical, written);
    if (is_type(canonical, "userPassword") || is_type(canonical, "authPassword"))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM, "passwords belong to the accounts in CN=Users, never to the configuration partition");
    if (is_type(canonical, "objectSid"))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM, "objectSid is given by the directory when it is set up (the domain's and its accounts'); it is never written");
    for (i = 0; casdir_ad_computed[i] != NULL; i++)
        if (is_type(canonical, casdir_ad_computed[i]))
            return refusef(pb, LDAP_UNWILLING_TO_PERFORM,
                           "%s is computed by the directory when an entry is read; it is never stored", casdir_ad_computed[i]);
    return 0;
}

static int under_subnets(const guard *g, const char *dn)
{
    Slapi_DN *entry, *parent;
    int under;
    if (dn == NULL || g->subnets == NULL)
        return 0;
    entry = slapi_sdn_new_dn_byval(dn);
    parent = slapi_sdn_new();
    slapi_sdn_get_parent(entry, parent);
    under = slapi_sdn_compare(parent, g->subnets) == 0;
    slapi_sdn_free(&entry);
    slapi_sdn_free(&parent);
    return under;
}

/* Rules on one value of a (resolved) attribute. Returns 0 or -1 (refused, sent). */
static int refuse_value(Slapi_PBlock *pb, const guard *g, const char *target, const char *canonical, const char *bytes, size_t length)
{
    /* The value as a refusal quotes it: its first 100 bytes (formatted only when a write is refused). */
    const int shown = (int)(length < 100 ? length : 100);
    if (is_type(canonical, "cn")) {
        size_t characters, position;
        unsigned long code_point;
        const char *problem = casdir_name_problem(bytes, length, &characters, &code_point, &position);
        if (problem != NULL && strcmp(problem, "is too long") == 0)
            return refusef(pb, LDAP_CONSTRAINT_VIOLATION, "cn is %lu characters long; the maximum is 64", (unsigned long)characters);
        if (problem != NULL && code_point != 0)
            return refusef(pb, LDAP_CONSTRAINT_VIOLATION, "the name '%.*s' %s (U+%04lX at character %lu); names may not hold control, format or other invisible characters, nor begin or end with a space",
                           shown, bytes, problem, code_point, (unsigned long)position);
        if (problem != NULL)
            return refusef(pb, LDAP_CONSTRAINT_VIOLATION, "the name '%.*s' %s", shown, bytes, problem);
        if (under_subnets(g, target) && !casdir_canonical_cidr(bytes, length))
            return refusef(pb, LDAP_CONSTRAINT_VIOLATION, "'%.*s' is not a subnet in canonical CIDR form, such as 10.1.0.0/16 (no leading zeros, no host bits)", shown, bytes);
    } else if (is_type(canonical, "ipHostNumber")) {
        if (!casdir_ip_address(bytes, length))
            return refusef(pb, LDAP_CONSTRAINT_VIOLATION, "ipHostNumber '%.*s' is not an IPv4 address in dotted decimal without leading zeros, nor an IPv6 address", shown, bytes);
    }
    return 0;
}

/* ---- one internal read ---------------------------------------------------------------------------------------- */

/* The structural class of an entry, or NULL (no such entry); *failed when the read itself failed. Free the result. */
static char *structural_class_of(const char *dn, int *failed)
{
    char *attributes[] = { "structuralObjectClass", NULL };
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    char *structural = NULL;
    int result = LDAP_OTHER;
    *failed = 0;
    search = slapi_search_internal((char *)dn, LDAP_SCOPE_BASE, "(objectClass=*)", NULL, attributes, 0);
    if (search == NULL) {
        *failed = 1;
        return NULL;
    }
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
    slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    if (result == LDAP_SUCCESS && entries != NULL && entries[0] != NULL)
        structural = slapi_entry_attr_get_charptr(entries[0], "structuralObjectClass");
    else if (result != LDAP_NO_SUCH_OBJECT)
        *failed = 1;
    slapi_free_search_results_internal(search);
    slapi_pblock_destroy(search);
    if (*failed)
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "could not read the class of %s (result %d)\n", dn, result);
    return structural;
}

/* ---- serialising reference checks ------------------------------------------------------------------------------ */

/* Held from the pre-operation to the post-operation, which slapd's SLAPI layer always calls once the pre-operation
 * let the write through: a delete's reference check and the write that adds a reference cannot interleave.
 * Never waited on for more than REFERENCE_LOCK_SECONDS, so no chain of waits in slapd can hang its threads for good.
 * Returns 0, or -1 (refused, sent). */
static int hold_reference_lock(Slapi_PBlock *pb, guard *g)
{
    struct timespec deadline;
    int result;
    if (held_lock != NULL)
        return 0;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += REFERENCE_LOCK_SECONDS;
    result = pthread_mutex_timedlock(&g->reference_lock, &deadline);
    if (result != 0) {
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "the reference lock was not free within %d s (%s); a write was refused busy\n",
                        REFERENCE_LOCK_SECONDS, result == ETIMEDOUT ? "timed out" : "error");
        return refuse(pb, LDAP_BUSY, "another write that checks references is taking long; try again");
    }
    held_lock = &g->reference_lock;
    return 0;
}

static int release_reference_lock(Slapi_PBlock *pb)
{
    if (held_lock != NULL) {
        pthread_mutex_t *lock = held_lock;
        held_lock = NULL;
        pthread_mutex_unlock(lock);
    }
    return 0;
}

/* ---- add ---------------------------------------------------------------------------------------------------------- */

static int refuse_classes(Slapi_PBlock *pb, Slapi_Entry *entry, const char *target, const casdir_tree_class **found)
{
    Slapi_Attr *classes = NULL;
    Slapi_Value *value = NULL;
    const casdir_tree_class *structural = NULL, *c;
    char *parent_dn, *parent_class;
    int i, failed = 0, refused = 0;
    Slapi_DN *sdn, *parent;

    if (slapi_entry_attr_find(entry, "objectClass", &classes) != 0)
        return 0; /* slapd refuses an entry without one */
    /* The structural class: the listed class of the table whose superclasses hold every other listed table class. */
    for (i = slapi_attr_first_value(classes, &value); i != -1; i = slapi_attr_next_value(classes, i, &value)) {
        const struct berval *bv = slapi_value_get_berval(value);
        if (bv == NULL || (c = casdir_tree_find(bv->bv_val)) == NULL)
            continue;
        if (structural == NULL || casdir_tree_in(c->superclasses, structural->name))
            structural = c;
    }
    if (structural == NULL)
        return refuse(pb, LDAP_OBJECT_CLASS_VIOLATION, "the configuration partition holds no entry of these classes; see docs/rules.md, \"The shape of the tree\"");
    for (i = slapi_attr_first_value(classes, &value); i != -1; i = slapi_attr_next_value(classes, i, &value)) {
        const struct berval *bv = slapi_value_get_berval(value);
        if (bv != NULL && !casdir_tree_allows_value(structural, bv->bv_val))
            return refusef(pb, LDAP_OBJECT_CLASS_VIOLATION, "an entry of class %s cannot also be of class %.64s%s", structural->name, bv->bv_val,
                           strcasecmp(bv->bv_val, "extensibleObject") == 0 ? " (it would let the entry hold any attribute)" : "");
    }

    sdn = slapi_sdn_new_dn_byval(target);
    parent = slapi_sdn_new();
    slapi_sdn_get_parent(sdn, parent);
    parent_dn = slapi_ch_strdup(slapi_sdn_get_dn(parent));
    slapi_sdn_free(&sdn);
    slapi_sdn_free(&parent);
    parent_class = structural_class_of(parent_dn, &failed);
    if (failed)
        refused = refuse(pb, LDAP_OTHER, "could not read the class of the parent entry");
    else if (parent_class != NULL && !casdir_tree_in(structural->parents, parent_class))
        refused = refusef(pb, LDAP_NAMING_VIOLATION, "an entry of class %s does not belong below an entry of class %s (%.200s)",
                          structural->name, parent_class, parent_dn);
    /* no parent: slapd answers noSuchObject itself */
    slapi_ch_free_string(&parent_class);
    slapi_ch_free_string(&parent_dn);
    *found = structural;
    return refused;
}

/* The entry's name is its RDN, one cn, which the entry's cn attribute must give exactly: slapd copies an RDN value the
 * entry lacks into it after every check has run (slapo-unique's too), so a name only in the DN would go unchecked. */
static int refuse_rdn(Slapi_PBlock *pb, const guard *g, const char *target, Slapi_Entry *entry)
{
    LDAPRDN rdn = NULL;
    char *next = NULL, type[128];
    const char *canonical;
    Slapi_Attr *cn = NULL;
    Slapi_Value *value = NULL;
    const struct berval *given;
    int refused = 0;
    if (target == NULL || ldap_str2rdn(target, &rdn, &next, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
        return 0; /* slapd itself refuses a malformed DN */
    snprintf(type, sizeof type, "%.*s", (int)rdn[0]->la_attr.bv_len, rdn[0]->la_attr.bv_val);
    canonical = canonical_type(type);
    if (rdn[1] != NULL)
        refused = refuse(pb, LDAP_CONSTRAINT_VIOLATION, "an entry has one name: a multi-valued RDN is not used in the configuration partition");
    else if (!is_type(canonical, "cn"))
        refused = refusef(pb, LDAP_NAMING_VIOLATION, "entries of the configuration partition are named by cn, not by %.64s", type);
    else if (refuse_value(pb, g, target, canonical, rdn[0]->la_value.bv_val, rdn[0]->la_value.bv_len) != 0)
        refused = -1;
    else if (slapi_entry_attr_find(entry, "cn", &cn) != 0 || slapi_attr_first_value(cn, &value) == -1
             || (given = slapi_value_get_berval(value)) == NULL)
        refused = refuse(pb, LDAP_CONSTRAINT_VIOLATION, "the entry's cn must be given, equal to the name in its DN");
    else if (given->bv_len != rdn[0]->la_value.bv_len || memcmp(given->bv_val, rdn[0]->la_value.bv_val, given->bv_len) != 0)
        refused = refusef(pb, LDAP_CONSTRAINT_VIOLATION, "the entry's cn '%.*s' is not the name in its DN ('%.*s'): an entry has one name",
                          (int)(given->bv_len < 100 ? given->bv_len : 100), given->bv_val,
                          (int)(rdn[0]->la_value.bv_len < 100 ? rdn[0]->la_value.bv_len : 100), rdn[0]->la_value.bv_val);
    ldap_rdnfree(rdn);
    return refused ? -1 : 0;
}

static int guard_add(Slapi_PBlock *pb)
{
    Slapi_Entry *entry = NULL;
    Slapi_Attr *attribute = NULL, *site = NULL;
    Slapi_Value *value = NULL;
    const casdir_tree_class *structural = NULL;
    char *target = NULL, *type = NULL;
    int state = common_checks(pb), i, names = 0, references = 0;
    guard *g;
    if (state != 0)
        return state < 0 ? -1 : 0;
    if (slapi_pblock_get(pb, SLAPI_ADD_ENTRY, &entry) != 0 || entry == NULL)
        return 0;
    slapi_pblock_get(pb, SLAPI_ADD_TARGET, &target);
    if ((g = guard_for(target)) == NULL)
        return 0;
    for (slapi_entry_first_attr(entry, &attribute); attribute != NULL; slapi_entry_next_attr(entry, attribute, &attribute)) {
        const char *canonical;
        if (slapi_attr_get_type(attribute, &type) != 0 || type == NULL)
            continue;
        canonical = canonical_type(type);
        if (refuse_description(pb, type, canonical) != 0)
            return -1;
        references |= is_reference(g, canonical);
        for (i = slapi_attr_first_value(attribute, &value); i != -1; i = slapi_attr_next_value(attribute, i, &value)) {
            const struct berval *bv = slapi_value_get_berval(value);
            names += is_type(canonical, "cn");
            if (bv != NULL && refuse_value(pb, g, target, canonical, bv->bv_val, bv->bv_len) != 0)
                return -1;
        }
    }
    if (names > 1)
        return refuse(pb, LDAP_CONSTRAINT_VIOLATION, "an entry has one name: cn holds one value, its RDN's");
    if (refuse_rdn(pb, g, target, entry) != 0)
        return -1;
    if (refuse_classes(pb, entry, target, &structural) != 0)
        return -1;
    if (strcasecmp(structural->name, "msExchClientAccessArray") == 0 && slapi_entry_attr_find(entry, "msExchServerSite", &site) != 0)
        return refuse(pb, LDAP_OBJECT_CLASS_VIOLATION, "a Client Access array needs its site: msExchServerSite names it (A1)");
    return references ? hold_reference_lock(pb, g) : 0;
}

/* ---- modify ------------------------------------------------------------------------------------------------------- */

static int is_array(const char *dn, int *failed)
{
    char *structural = structural_class_of(dn, failed);
    int array = structural != NULL && strcasecmp(structural, "msExchClientAccessArray") == 0;
    slapi_ch_free_string(&structural);
    return array;
}

static int guard_modify(Slapi_PBlock *pb)
{
    LDAPMod **mods = NULL;
    char *target = NULL;
    int state = common_checks(pb), i, j, references = 0, failed = 0;
    guard *g;
    if (state != 0)
        return state < 0 ? -1 : 0;
    if (slapi_pblock_get(pb, SLAPI_MODIFY_MODS, &mods) != 0 || mods == NULL)
        return 0;
    slapi_pblock_get(pb, SLAPI_MODIFY_TARGET, &target);
    if ((g = guard_for(target)) == NULL)
        return 0;
    for (i = 0; mods[i] != NULL; i++) {
        int op = mods[i]->mod_op & ~LDAP_MOD_BVALUES, count = 0;
        const char *canonical = canonical_type(mods[i]->mod_type);
        if (refuse_description(pb, mods[i]->mod_type, canonical) != 0)
            return -1;
        if (is_type(canonical, "cn"))
            return refuse(pb, LDAP_NOT_ALLOWED_ON_RDN, "cn is the entry's name, its RDN's one value: rename the entry (modrdn) to change it");
        if (mods[i]->mod_op & LDAP_MOD_BVALUES) {
            for (j = 0; mods[i]->mod_bvalues != NULL && mods[i]->mod_bvalues[j] != NULL; j++, count++)
                if (op != LDAP_MOD_DELETE && refuse_value(pb, g, target, canonical, mods[i]->mod_bvalues[j]->bv_val, mods[i]->mod_bvalues[j]->bv_len) != 0)
                    return -1;
        } else {
            for (j = 0; mods[i]->mod_values != NULL && mods[i]->mod_values[j] != NULL; j++, count++)
                if (op != LDAP_MOD_DELETE && refuse_value(pb, g, target, canonical, mods[i]->mod_values[j], strlen(mods[i]->mod_values[j])) != 0)
                    return -1;
        }
        if (is_type(canonical, "objectClass") && op != LDAP_MOD_DELETE) {
            char *structural = structural_class_of(target, &failed);
            const casdir_tree_class *c = structural != NULL ? casdir_tree_find(structural) : NULL;
            for (j = 0; c != NULL && j < count; j++) {
                const char *v = mods[i]->mod_op & LDAP_MOD_BVALUES ? mods[i]->mod_bvalues[j]->bv_val : mods[i]->mod_values[j];
                if (!casdir_tree_allows_value(c, v)) {
                    refusef(pb, LDAP_OBJECT_CLASS_VIOLATION, "an entry of class %s cannot also be of class %.64s", c->name, v);
                    slapi_ch_free_string(&structural);
                    return -1;
                }
            }
            if (structural != NULL && c == NULL) {
                refusef(pb, LDAP_OBJECT_CLASS_VIOLATION, "the classes of an entry of class %s are the directory administrator's to change", structural);
                slapi_ch_free_string(&structural);
                return -1;
            }
            slapi_ch_free_string(&structural);
            if (failed)
                return refuse(pb, LDAP_OTHER, "could not read the class of the entry");
        }
        if (is_type(canonical, "msExchServerSite") && (op == LDAP_MOD_DELETE || count == 0) && is_array(target, &failed))
            return refuse(pb, LDAP_OBJECT_CLASS_VIOLATION, "a Client Access array needs its site: replace msExchServerSite, do not remove it (A1)");
        if (failed)
            return refuse(pb, LDAP_OTHER, "could not read the class of the entry");
        if (op != LDAP_MOD_DELETE && count > 0 && is_reference(g, canonical))
            references = 1;
    }
    return references ? hold_reference_lock(pb, g) : 0;
}

/* ---- rename ------------------------------------------------------------------------------------------------------- */

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
static int fixed_container(const guard *g, const char *target)
{
    int i;
    for (i = 0; g->fixed[i] != NULL; i++)
        if (slapi_dn_issuffix(g->fixed[i], (char *)target))
            return 1;
    return 0;
}

static int guard_modrdn(Slapi_PBlock *pb)
{
    char *newrdn = NULL, *newsuperior = NULL, *target = NULL, *next = NULL;
    LDAPRDN rdn = NULL;
    int state = common_checks(pb), i, refused = 0, deleteoldrdn = 1;
    guard *g;
    if (state != 0)
        return state < 0 ? -1 : 0;
    slapi_pblock_get(pb, SLAPI_MODRDN_TARGET, &target);
    if ((g = guard_for(target)) == NULL)
        return 0;
    slapi_pblock_get(pb, SLAPI_MODRDN_NEWSUPERIOR, &newsuperior);
    slapi_pblock_get(pb, SLAPI_MODRDN_DELOLDRDN, &deleteoldrdn);
    if (newsuperior != NULL && !same_parent(target, newsuperior))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM,
                      "entries are renamed in place only; moving one to another container is reserved for the directory administrator");
    if (fixed_container(g, target))
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM,
                      "CN=Arrays, CN=Subnets and the containers above them keep their names (arrays and subnets are checked there); only the directory administrator may rename them");
    if (!deleteoldrdn)
        return refuse(pb, LDAP_CONSTRAINT_VIOLATION, "an entry has one name: a rename replaces it (deleteoldrdn), it does not keep the old one beside the new");
    if (slapi_pblock_get(pb, SLAPI_MODRDN_NEWRDN, &newrdn) != 0 || newrdn == NULL)
        return 0;
    if (ldap_str2rdn(newrdn, &rdn, &next, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
        return 0; /* slapd itself refuses a malformed RDN */
    if (rdn[0] != NULL && rdn[1] != NULL)
        refused = refuse(pb, LDAP_CONSTRAINT_VIOLATION, "an entry has one name: a multi-valued RDN is not used in the configuration partition");
    for (i = 0; rdn[i] != NULL && !refused; i++) {
        char type[128];
        const char *canonical;
        snprintf(type, sizeof type, "%.*s", (int)rdn[i]->la_attr.bv_len, rdn[i]->la_attr.bv_val);
        canonical = canonical_type(type);
        refused = refuse_description(pb, type, canonical) != 0
            || refuse_value(pb, g, target, canonical, rdn[i]->la_value.bv_val, rdn[i]->la_value.bv_len) != 0;
    }
    ldap_rdnfree(rdn);
    if (refused)
        return -1;
    return hold_reference_lock(pb, g); /* a renamed site is one a concurrent add may be naming */
}

/* ---- delete ------------------------------------------------------------------------------------------------------- */

/* (|(attribute=<dn>)...) with the DN escaped by libldap (RFC 4515: a DN holds "(FYDIBOHF23SPDLT)"). */
static char *references_filter(const guard *g, const char *dn)
{
    struct berval in, escaped = { 0, NULL };
    char *filter, *end;
    size_t size = 4;
    int i;
    in.bv_val = (char *)dn;
    in.bv_len = strlen(dn);
    if (ldap_bv2escaped_filter_value(&in, &escaped) != 0)
        return NULL;
    for (i = 0; g->references[i] != NULL; i++)
        size += strlen(g->references[i]) + escaped.bv_len + 4;
    filter = slapi_ch_malloc(size);
    end = filter + snprintf(filter, size, "(|");
    for (i = 0; g->references[i] != NULL; i++)
        end += snprintf(end, size - (size_t)(end - filter), "(%s=%s)", g->references[i], escaped.bv_val);
    snprintf(end, size - (size_t)(end - filter), ")");
    ldap_memfree(escaped.bv_val);
    return filter;
}

static int guard_delete(Slapi_PBlock *pb)
{
    char *target = NULL, *filter, *domain, *no_attributes[] = { "1.1", NULL };
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    int state = common_checks(pb), result = LDAP_OTHER;
    guard *g;
    if (state != 0)
        return state < 0 ? -1 : 0;
    if (slapi_pblock_get(pb, SLAPI_DELETE_TARGET, &target) != 0 || target == NULL || (g = guard_for(target)) == NULL)
        return 0;
    if ((filter = references_filter(g, target)) == NULL)
        return refuse(pb, LDAP_OTHER, "could not check the entry for references");

    if (hold_reference_lock(pb, g) != 0) { /* released in the post-operation, after the delete */
        slapi_ch_free_string(&filter);
        return -1;
    }
    /* From the domain, the configuration's parent: mailbox users name their database (homeMDB) from the domain partition,
     * and a subtree search there covers the configuration too (slapd glues it below the domain). */
    domain = slapi_dn_parent(slapi_sdn_get_dn(g->base));
    search = slapi_search_internal(domain != NULL ? domain : (char *)slapi_sdn_get_dn(g->base), LDAP_SCOPE_SUBTREE, filter, NULL, no_attributes, 1);
    slapi_ch_free_string(&domain);
    slapi_ch_free_string(&filter);
    if (search != NULL) {
        slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
        slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
    }
    if (result == LDAP_SUCCESS && entries != NULL && entries[0] != NULL) {
        char text[1024];
        snprintf(text, sizeof text, "the entry is still referenced by %s; remove or re-point that first", slapi_entry_get_dn(entries[0]));
        slapi_free_search_results_internal(search);
        slapi_pblock_destroy(search);
        release_reference_lock(pb);
        return refuse(pb, LDAP_UNWILLING_TO_PERFORM, text);
    }
    if (search != NULL) {
        slapi_free_search_results_internal(search);
        slapi_pblock_destroy(search);
    }
    if (result != LDAP_SUCCESS) {
        release_reference_lock(pb);
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "could not check %s for references (result %d)\n", target, result);
        return refuse(pb, LDAP_OTHER, "could not check the entry for references");
    }
    return 0;
}

/* ---- configuration ------------------------------------------------------------------------------------------------ */

static int configuration_error(const char *format, const char *argument)
{
    fprintf(stderr, "casdir-guard: ");
    fprintf(stderr, format, argument);
    fprintf(stderr, "\n  usage: plugin preoperation <casdir-guard.so> casdir_guard_init <configuration DN> <subnets DN> <arrays DN> <reference attribute>...\n");
    slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, (char *)format, argument);
    return -1;
}

static int valid_dn(const char *text)
{
    LDAPDN dn = NULL;
    if (text == NULL || *text == '\0' || ldap_str2dn(text, &dn, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS)
        return 0;
    ldap_dnfree(dn);
    return 1;
}

static void free_guard(guard *g)
{
    int i;
    slapi_sdn_free(&g->base);
    slapi_sdn_free(&g->subnets);
    for (i = 0; g->fixed[i] != NULL; i++)
        slapi_ch_free_string(&g->fixed[i]);
    for (i = 0; g->references[i] != NULL; i++)
        slapi_ch_free_string(&g->references[i]);
    pthread_mutex_destroy(&g->reference_lock);
    slapi_ch_free((void **)&g);
}

int casdir_guard_init(Slapi_PBlock *pb)
{
    int argc = 0, i;
    char **argv = NULL;
    guard *g, *other;
    slapi_pblock_get(pb, SLAPI_PLUGIN_ARGC, &argc);
    slapi_pblock_get(pb, SLAPI_PLUGIN_ARGV, &argv);
    if (argc < 4 || argv == NULL)
        return configuration_error("%s: missing arguments (a configuration DN, the subnets and arrays containers, and at least one reference attribute)", "casdir_guard_init");
    if (argc - 3 > MAX_REFERENCE_ATTRIBUTES)
        return configuration_error("%s: more than 32 reference attributes", "casdir_guard_init");
    for (i = 0; i < 3; i++)
        if (!valid_dn(argv[i]))
            return configuration_error("'%s' is not a distinguished name", argv[i]);
    for (i = 3; i < argc; i++) {
        const char *canonical = canonical_type(argv[i]);
        if (canonical == NULL || strchr(canonical, ';') != NULL)
            return configuration_error("'%s' is not an attribute type slapd's schema knows (without options)", argv[i]);
    }
    g = (guard *)slapi_ch_calloc(1, sizeof(guard));
    g->base = slapi_sdn_new_dn_byval(argv[0]);
    g->subnets = slapi_sdn_new_dn_byval(argv[1]);
    g->fixed[0] = slapi_ch_strdup(argv[1]);
    g->fixed[1] = slapi_ch_strdup(argv[2]);
    for (i = 3; i < argc; i++)
        g->references[i - 3] = slapi_ch_strdup(canonical_type(argv[i]));
    pthread_mutex_init(&g->reference_lock, NULL);
    for (other = guards; other != NULL; other = other->next)
        if (slapi_sdn_issuffix(g->base, other->base) || slapi_sdn_issuffix(other->base, g->base)) {
            free_guard(g);
            return configuration_error("'%s' overlaps the partition of another casdir_guard_init line", argv[0]);
        }
    if (slapi_pblock_set(pb, SLAPI_PLUGIN_VERSION, SLAPI_PLUGIN_VERSION_01) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_DESCRIPTION, &description) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_ADD_FN, (void *)guard_add) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_MODIFY_FN, (void *)guard_modify) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_MODRDN_FN, (void *)guard_modrdn) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_DELETE_FN, (void *)guard_delete) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_POST_ADD_FN, (void *)release_reference_lock) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_POST_MODIFY_FN, (void *)release_reference_lock) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_POST_MODRDN_FN, (void *)release_reference_lock) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_POST_DELETE_FN, (void *)release_reference_lock) != 0) {
        free_guard(g);
        return configuration_error("%s: slapd refused the plugin's functions", "casdir_guard_init");
    }
    g->next = guards;
    guards = g;
    return 0;
}
