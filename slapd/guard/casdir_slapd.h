/* slapd's own structures and functions that SLAPI does not offer, for casdir-guard's parts that need them
 * (casdir_ordering.c, casdir_extended_dn.c). Declared as slapd 2.5 lays them out (servers/slapd/slap.h,
 * proto-slap.h); casdir_slapd_layout_checked() tests the declaration against slapd's `cn` before any use. */
#ifndef CASDIR_SLAPD_H
#define CASDIR_SLAPD_H
#include <ldap.h>
#include <ldap_schema.h>

/* slapd 2.5's struct AttributeType, up to its syntax. */
typedef struct casdir_attribute_type {
    LDAPAttributeType atype;
    struct berval cname;
    struct casdir_attribute_type *sup;
    struct casdir_attribute_type **subtypes;
    void *equality;
    void *approx;
    void *ordering;
    void *substr;
    void *syntax;
} casdir_attribute_type;

extern casdir_attribute_type *at_find(const char *name);
extern int at_start(casdir_attribute_type **at);
extern int at_next(casdir_attribute_type **at);
extern void *mr_find(const char *name);
extern void *syn_find(const char *oid);

/* Does slapd's `cn` look, through the declaration above, as slapd 2.5 defines it? (casdir_ordering.c) */
int casdir_slapd_layout_checked(void);

/* casdir_syncrepl.c: keeps SLAPI's operational-attribute hook on the frontend away from slapd's fake-connection
 * operations (syncrepl's crashed it). Called from the frontend line, after slapd put SLAPI's overlay there. 0: done. */
int casdir_syncrepl_guard(void);

#endif
