/* casdir-guard's parts: the rules on writes (casdir_guard.c), the shape of the tree (casdir_tree.c), the values
 * of names and addresses (casdir_values.c) and Active Directory's computed attributes (casdir_ad.c). */
#ifndef CASDIR_GUARD_H
#define CASDIR_GUARD_H

#include <stddef.h>
#include <ldap.h>
#include <slapi-plugin.h>

/* casdir_guard.c: the request's control of this OID, or NULL. */
const LDAPControl *casdir_request_control(Slapi_PBlock *pb, const char *oid);

/* casdir_tree.c: which structural class an application account may add under which, with the classes an entry of
 * it carries (its superclasses and the auxiliary classes Exchange puts on it). docs/rules.md, "The shape of the tree". */
typedef struct {
    const char *name;
    const char *const *superclasses; /* besides top */
    const char *const *parents;      /* structural classes of the entry it may be added below */
    const char *const *auxiliaries;
} casdir_tree_class;

const casdir_tree_class *casdir_tree_find(const char *name);
/* The i-th class of the table, NULL past its end. */
const casdir_tree_class *casdir_tree_at(size_t i);
int casdir_tree_in(const char *const *list, const char *name);
/* May an entry of class c carry objectClass value? */
int casdir_tree_allows_value(const casdir_tree_class *c, const char *value);

/* casdir_values.c. Each returns NULL when the value is acceptable, else why not (a static string) and, for names,
 * the position of the offending character. */
const char *casdir_name_problem(const char *bytes, size_t length, size_t *characters, unsigned long *code_point, size_t *position);
int casdir_canonical_cidr(const char *bytes, size_t length);
int casdir_ip_address(const char *bytes, size_t length);

#endif
