/*
 * casdir-guard at slapd's frontend, which every operation passes once, before any database answers it:
 *  - Active Directory's own attributes on every entry of the domain and its configuration partition (casdir_ad.c):
 *    computed on read, filters on them rewritten, compares answered, naming-context boundaries kept. One plugin here
 *    rather than one per database: slapd hands an entry to every SLAPI overlay on its operation, and each costs a
 *    '*' read of the organisation about a tenth (docs/directory.md, "Active Directory's own attributes").
 *  - LDAP transactions (RFC 5805) refused at their start to every account but the rootdn (docs/rules.md, "What the
 *    directory enforces itself"; docs/directory.md, "Known limits"). casdir_guard.c refuses an update sent inside one as it
 *    arrives; this refuses the Start Transaction itself, so no update is ever queued in slapd: slapd 2.5.13 keeps a
 *    queued update in memory it reuses, and can crash answering one.
 *  - the root DSE's currentTime and highestCommittedUSN (casdir_highest_usn.c), as a domain controller publishes them
 *    (slapd's root DSE is otherwise a file).
 *  - string attributes sortable as in AD (casdir_ordering.c).
 *
 *  - nTSecurityDescriptor, from the ACLs' accounts: the provisioning and updater accounts and CN=Arrays, which
 *    slapd.conf's ACLs name (casdir_security.c).
 *
 *   plugin extendedop <casdir-guard.so> casdir_frontend_init <rootdn> <configuration DN>
 *                     [<highestCommittedUSN file> [<provisioning DN> <updater DN> <arrays DN>]]
 *   (slapd.conf's global section; without the file, highestCommittedUSN is remembered in memory only; without the
 *   accounts, no nTSecurityDescriptor is given)
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <ldap.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"
#include "casdir_slapd.h"

#define START_TRANSACTION_OID "1.3.6.1.1.21.1"

static char *oids[] = { START_TRANSACTION_OID, NULL };

/* The rootdn, this plugin line's one argument: the frontend has none of its own to ask (SLAPI_REQUESTOR_ISROOT would
 * read the frontend's and crash). */
static Slapi_DN *rootdn;

int casdir_requested_by_rootdn(Slapi_PBlock *pb)
{
    char *requestor = NULL;
    Slapi_DN *who;
    int is_root;
    if (rootdn == NULL)
        return 0;
    slapi_pblock_get(pb, SLAPI_REQUESTOR_DN, &requestor);
    if (requestor == NULL || requestor[0] == '\0')
        return 0;
    who = slapi_sdn_new_dn_byval(requestor);
    is_root = slapi_sdn_compare(who, rootdn) == 0;
    slapi_sdn_free(&who);
    return is_root;
}

static int refuse_start(Slapi_PBlock *pb)
{
    if (casdir_requested_by_rootdn(pb))
        return SLAPI_PLUGIN_EXTENDED_NOT_HANDLED; /* slapd's own Start Transaction answers */
    slapi_send_ldap_result(pb, LDAP_UNWILLING_TO_PERFORM, NULL,
                           "LDAP transactions are not accepted (slapd 2.5's access log is not safe inside one; see scripts/ldap-transactions-probe.sh): send the writes one by one",
                           0, NULL);
    return SLAPI_PLUGIN_EXTENDED_SENT_RESULT;
}

static int ad_attributes; /* casdir_ad_register's hooks are in place (CASDIR_AD_ATTRIBUTES is not off) */

/* Every entry of every search passes here: the root DSE is the one with an empty DN. */
static int pre_entry(Slapi_PBlock *pb)
{
    Slapi_Entry *entry = NULL, *copy;
    char *dn, now[32], usn[24];
    time_t seconds;
    struct tm tm;
    long long highest;
    if (slapi_pblock_get(pb, SLAPI_SEARCH_RESULT_ENTRY, &entry) != 0 || entry == NULL || (dn = slapi_entry_get_dn(entry)) == NULL)
        return 0;
    if (dn[0] != '\0')
        return ad_attributes ? casdir_ad_pre_entry(pb) : 0;
    seconds = time(NULL);
    if (gmtime_r(&seconds, &tm) == NULL)
        return 0;
    strftime(now, sizeof now, "%Y%m%d%H%M%S.0Z", &tm);
    copy = slapi_entry_dup(entry);
    slapi_entry_attr_delete(copy, "currentTime");
    slapi_entry_add_string(copy, "currentTime", now);
    slapi_entry_attr_delete(copy, "highestCommittedUSN");
    if ((highest = casdir_highest_committed_usn()) >= 0) {
        snprintf(usn, sizeof usn, "%lld", highest);
        slapi_entry_add_string(copy, "highestCommittedUSN", usn);
    }
    slapi_pblock_set(pb, SLAPI_SEARCH_RESULT_ENTRY, copy); /* slapd frees the copy once it is sent */
    return 0;
}

int casdir_frontend_init(Slapi_PBlock *pb)
{
    static Slapi_PluginDesc description = { "casdir-frontend", "CasDirectory", "2", "Active Directory's own attributes; LDAP transactions refused at their start; the root DSE's currentTime and highestCommittedUSN; sortable strings" };
    int argc = 0;
    char **argv = NULL;
    LDAPDN dn = NULL;
    char *domain;
    int failed;
    slapi_pblock_get(pb, SLAPI_PLUGIN_ARGC, &argc);
    slapi_pblock_get(pb, SLAPI_PLUGIN_ARGV, &argv);
    if ((argc != 2 && argc != 3 && argc != 6) || argv == NULL || ldap_str2dn(argv[0], &dn, LDAP_DN_FORMAT_LDAPV3) != LDAP_SUCCESS || dn == NULL) {
        fprintf(stderr, "casdir-frontend: casdir_frontend_init takes the rootdn, the configuration DN, optionally the highestCommittedUSN file and then the provisioning and updater accounts' DNs and CN=Arrays' (%d arguments given)\n"
                        "  usage: plugin extendedop <casdir-guard.so> casdir_frontend_init <rootdn> <configuration DN> [<highestCommittedUSN file> [<provisioning DN> <updater DN> <arrays DN>]]\n", argc);
        return -1;
    }
    ldap_dnfree(dn);
    rootdn = slapi_sdn_new_dn_byval(argv[0]);
    domain = slapi_dn_parent(argv[1]);
    if (domain == NULL || domain[0] == '\0') {
        fprintf(stderr, "casdir-frontend: '%s' is not a configuration DN (CN=Configuration below the domain)\n", argv[1]);
        slapi_ch_free_string(&domain);
        return -1;
    }
    failed = casdir_highest_usn_init(domain, argc >= 3 ? argv[2] : NULL) != 0
          || (argc == 6 && casdir_security_init(argv[3], argv[4], argv[5]) != 0);
    slapi_ch_free_string(&domain);
    if (failed)
        return -1;
    /* A mirror or consumer: slapd's syncrepl must not reach SLAPI's hook with its dangling callback (casdir_syncrepl.c). */
    if (casdir_syncrepl_guard() != 0)
        fprintf(stderr, "casdir-frontend: SLAPI's overlay not guarded against syncrepl (see casdir-guard.log): a replicated server can crash\n");
    if (casdir_string_ordering() < 0)
        fprintf(stderr, "casdir-frontend: string attributes left without an ordering rule (see casdir-guard.log): a server-side sort by cn is refused\n");
    if (slapi_pblock_set(pb, SLAPI_PLUGIN_VERSION, SLAPI_PLUGIN_VERSION_01) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_DESCRIPTION, &description) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_EXT_OP_OIDLIST, oids) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_EXT_OP_FN, (void *)refuse_start) != 0
        || slapi_pblock_set(pb, SLAPI_PLUGIN_PRE_ENTRY_FN, (void *)pre_entry) != 0)
        return -1;
    switch (casdir_ad_register(pb, argv[1])) {
    case 0: ad_attributes = 1; return 0;
    case 1: return 0;
    default: return -1;
    }
}
