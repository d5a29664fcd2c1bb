/* casdir-guard's second part: Active Directory's own attributes, computed on read (casdir_ad.c), from what slapd
 * keeps (casdir_usn.c) and from an entry's place and class (casdir_constructed.c). */
#ifndef CASDIR_AD_H
#define CASDIR_AD_H
#include <stddef.h>
#include <slapi-plugin.h>

/* Adds the pre-search and pre-compare hooks and the compute evaluator to the plugin being initialised (the frontend's,
 * casdir_frontend.c); configuration is the configuration DN. 0: done, 1: switched off (CASDIR_AD_ATTRIBUTES=off),
 * -1: refused. */
int casdir_ad_register(Slapi_PBlock *pb, const char *configuration);
/* The frontend's pre-entry hook for every entry but the root DSE. */
int casdir_ad_pre_entry(Slapi_PBlock *pb);

/* casdir_frontend.c: is the request the rootdn's (the frontend line's argument)? slapd's SLAPI_REQUESTOR_ISROOT asks
 * the operation's database, which at the frontend has no rootdn. */
int casdir_requested_by_rootdn(Slapi_PBlock *pb);

/* Every attribute casdir_ad.c computes: no account but the rootdn writes one (casdir_guard.c). */
extern const char *const casdir_ad_computed[];

/* casdir_usn.c: USNs (-1 when the value is not what slapd writes) and the entryCSN bound of a USN for filters. */
long long casdir_usn_from_csn(const char *csn);
long long casdir_usn_from_timestamp(const char *timestamp);
int casdir_csn_bound(long long usn, int upper, char *out, size_t size);

/* casdir_constructed.c */
char *casdir_canonical_name(const char *dn);
int casdir_system_flags(const char *structural, const char *dn, const char *configuration_dn, long *flags);
/* The i-th class whose entries carry systemFlags (CN=Services aside, which is known by its DN), NULL past the last. */
const char *casdir_flagged_class(size_t i);
void casdir_add_child_classes(Slapi_Entry *entry, const char *type, const char *structural);

/* casdir_backlinks.c: back-links computed from the forward links that name an entry. casdir_normalised_dn: slapd's
 * normalised form of a DN, to compare DNs as slapd does (free with slapi_ch_free_string; NULL if it is not a DN). */
char *casdir_normalised_dn(const char *dn);
#define CASDIR_BACKLINKS 4
typedef struct {
    const char *backlink, *forward;
} casdir_backlink;
extern const casdir_backlink casdir_backlinks[CASDIR_BACKLINKS];
/* Before a search (bit i of wanted: casdir_backlinks[i]): reads the links that name base (scope base) or any entry of
 * the partition, kept for this thread's next entries. */
void casdir_backlinks_collect(const char *partition_dn, const char *base, int scope, unsigned wanted);
/* After the search: frees what the collect read (per thread; a thread slapd ends would leak it). */
void casdir_backlinks_release(void);
void casdir_extended_dn_release(void);
/* Does any wanted back-link name the entry of normalised DN ndn (among those collected)? */
int casdir_backlinks_any(const char *ndn, unsigned wanted);
/* Puts the wanted back-links of dn into copy, replacing any stored value. */
void casdir_backlinks_put(Slapi_Entry *copy, const char *dn, unsigned wanted);
/* A filter of entryDN alternatives for (backlink=dn), or (backlink=*) when dn is NULL; NULL when nothing matches. */
char *casdir_backlink_filter(const char *partition_dn, int link, const char *dn);

/* casdir_highest_usn.c: the root DSE's highestCommittedUSN for the domain (and the configuration below it), kept in
 * file (NULL: in memory only); -1 when nothing is written yet. */
int casdir_highest_usn_init(const char *domain_dn, const char *file);
long long casdir_highest_committed_usn(void);

/* casdir_sort_turns.c: a sorted search waits for the previous one on its connection to have returned (1: its turn is
 * taken, give it back in the post-search; 0: not tracked). */
int casdir_sort_turn_take(long connection);
void casdir_sort_turn_give(long connection);

/* casdir_extended_dn.c: the entries' GUIDs read before a search with the extended DN control, and the DN syntax. */
/* Reads the GUIDs the search's entries may name: for a base search, its entry's; else every entry's below the domain. */
void casdir_extended_dn_collect(const char *domain_dn, const char *schema_dn, const char *base, int scope);
const char *casdir_extended_dn_uuid(const char *dn);
int casdir_dn_syntax(const char *type);

/* casdir_ordering.c: the string attributes get the ordering rule of their equality rule, so slapo-sssvlv sorts by
 * them as AD does; how many were given one, -1 if slapd's structures are not the ones it knows. */
int casdir_string_ordering(void);

/* casdir_security.c: nTSecurityDescriptor synthesised from slapd.conf's ACLs, the SD flags control, SIDs. The three DNs
 * are the provisioning and updater accounts' and CN=Arrays (casdir_frontend_init's arguments). */
int casdir_security_init(const char *provisioning_dn, const char *updater_dn, const char *arrays_dn);
/* -1: no control; -2: malformed; else the parts asked for (1 owner, 2 group, 4 DACL, 8 SACL). */
int casdir_sd_flags(Slapi_PBlock *pb);
void casdir_sd_flags_register(void);
/* Before a search that asks for a descriptor: reads the domain's and the accounts' SIDs once. 1: they are known. */
int casdir_security_load(const char *domain_dn);
/* The descriptor of entry (DN dn) with the parts of flags, or NULL when it is withheld (free bv_val and it with
 * slapi_ch_free). privileged: the rootdn's read, which alone gets the SACL. */
struct berval *casdir_security_descriptor(Slapi_Entry *entry, const char *dn, int in_configuration, int in_schema, int flags, int privileged);
int casdir_sid_valid(const unsigned char *bytes, size_t length);
int casdir_sid_text(const unsigned char *bytes, size_t length, char *out, size_t size);
int casdir_sid_parse(const char *text, size_t length, unsigned char out[68], size_t *out_length);

#endif
