/*
 * slapd 2.5.13's syncrepl against libslapi: why a mirror or consumer crashed, and the guard that stops it.
 *
 * syncrepl (servers/slapd/syncrepl.c) applies each replicated change with op->o_callback pointing at a slap_callback on
 * its own stack (syncrepl_entry, syncrepl_del_nonpresent, ...) and never resets it. Its next message then calls
 * check_syncprov() with the same op, which asks backend_operational() for contextCSN: that walks the frontend's
 * overlays, and SLAPI's (the one `plugin` lines put there) starts with slapi_op_internal_p(), which follows
 * op->o_callback->sc_next through the dead stack frame. Whatever the stack holds then decides: usually a chain that
 * ends, sometimes a pointer like 0x1, and slapd dies ("segfault at 9 ... in libslapi-2.5.so.0.1.8", offset 0x1810c).
 * No plugin function of ours has run at that point; any SLAPI plugin on a server that replicates is exposed.
 *
 * The guard: SLAPI's hooks on the frontend that follow op->o_callback outside an operation's own run (operational
 * attributes, access and group checks) are wrapped, and an operation that is not a client's skips them: syncrepl's (its connid is its rid, below 1000, where slapd starts numbering client connections) and those
 * on slapd's other fake connections (connid -1: overlays' internal tasks; SLAPI's own internal operations are
 * answered before the hook does anything). Nothing is lost: for an internal operation SLAPI computes nothing, and the
 * attributes SLAPI computes (casdir_ad.c's) are for entries sent to clients, which always come on real connections
 * (a persistent search's responses included: syncprov sends them on its consumer's connection).
 *
 * slapd's structures are reached as Debian's slapd 2.5.13 lays them out (servers/slapd/slap.h; the offsets as its
 * overlay_op_walk reads them, and SLAPI's overlay, found with slapd's own overlay_find(), must look as libslapi fills
 * it): if they do not look so, nothing is changed and casdir-guard.log says so.
 */
#include <stddef.h>
#include <string.h>
#include <slapi-plugin.h>
#include "casdir_slapd.h"

#define SUBSYSTEM "casdir-syncrepl"
#define SLAP_CB_CONTINUE 0x08000
#define FIRST_CLIENT_CONNECTION_ID 1000UL   /* SLAPD_SYNC_SYNCCONN_OFFSET: ids below are syncrepl's (rid) */
#define FAKE_CONNECTION_ID ((unsigned long)-1)

/* struct BackendInfo: its type name, then the functions (bi_init ... bi_tool_entry_delete) and the rest; 480 bytes. */
#define OPERATIONAL 23    /* bi_operational */
#define ACCESS_ALLOWED 30 /* bi_access_allowed */
#define ACL_GROUP 31      /* bi_acl_group */
typedef struct {
    const char *bi_type;
    void *functions[59];
} casdir_backend_info;

typedef struct casdir_overinst {
    casdir_backend_info on_bi;
    void *on_response;
    void *on_info;
    struct casdir_overinst *on_next;
} casdir_overinst;

typedef struct {
    casdir_backend_info oi_bi;
    void *oi_orig;
    void *oi_origdb;
    casdir_overinst *oi_list;
} casdir_overinfo;

/* struct Opheader's first members; struct Operation begins with a pointer to it. */
typedef struct {
    unsigned long oh_opid;
    unsigned long oh_connid;
} casdir_opheader;

typedef struct {
    void *bd_info;
} casdir_backend_db;

/* As overlay_op_walk in Debian's slapd 2.5.13 reads them: bi_op_bind at 0x68, on_next at 0x1f0. */
_Static_assert(offsetof(casdir_backend_info, functions[12]) == 0x68, "BackendInfo layout: bi_op_bind");
_Static_assert(sizeof(casdir_backend_info) == 0x1e0, "BackendInfo size");
_Static_assert(offsetof(casdir_overinst, on_next) == 0x1f0, "slap_overinst layout");
_Static_assert(offsetof(casdir_overinfo, oi_list) == 0x1f0, "slap_overinfo layout");

extern casdir_backend_db *frontendDB;
extern casdir_overinst *overlay_find(const char *name);
extern int overlay_is_over(casdir_backend_db *be);

typedef int operational_fn(void *op, void *rs);
typedef int access_allowed_fn(void *op, void *e, void *desc, void *val, int access, void *state, void *maskp);
typedef int acl_group_fn(void *op, void *target, void *gr_ndn, void *op_ndn, void *group_oc, void *group_at);

static operational_fn *slapi_hook_operational;
static access_allowed_fn *slapi_hook_access_allowed;
static acl_group_fn *slapi_hook_acl_group;

/* A client's operation, whose callbacks are live? syncrepl's op has its rid as connid (below 1000, where slapd starts
 * numbering client connections) and may carry a dead one; other fake connections have -1. */
static int clients(void *op)
{
    const casdir_opheader *header = op != NULL ? *(casdir_opheader *const *)op : NULL;
    return header == NULL || (header->oh_connid >= FIRST_CLIENT_CONNECTION_ID && header->oh_connid != FAKE_CONNECTION_ID);
}

/* SLAPI's hooks, for clients' operations only: for the others SLAPI has nothing to do (no access or group plugin is
 * ours, and computed attributes are for entries sent to clients), but follows their op->o_callback first. */
static int operational(void *op, void *rs)
{
    return clients(op) ? slapi_hook_operational(op, rs) : SLAP_CB_CONTINUE;
}

static int access_allowed(void *op, void *e, void *desc, void *val, int access, void *state, void *maskp)
{
    return clients(op) ? slapi_hook_access_allowed(op, e, desc, val, access, state, maskp) : SLAP_CB_CONTINUE;
}

static int acl_group(void *op, void *target, void *gr_ndn, void *op_ndn, void *group_oc, void *group_at)
{
    return clients(op) ? slapi_hook_acl_group(op, target, gr_ndn, op_ndn, group_oc, group_at) : SLAP_CB_CONTINUE;
}

/* Does the registered SLAPI overlay look as slapi_over_init() fills it in slapd 2.5 (libslapi's slapi_overlay.c)? The
 * operations bind to abandon and cancel share one function, extended, operational, access_allowed and acl_group have
 * their own, and what lies between operational and access_allowed is unset: a layout that differs fails this. */
static int laid_out_as_known(void *const *f)
{
    const void *op = f[12];
    int i;
    for (i = 12; i <= 22; i++)
        if ((i == 21) == (f[i] == op))
            return 0;
    for (i = 24; i < 30; i++)
        if (f[i] != NULL)
            return 0;
    return op != NULL && f[21] != NULL && f[OPERATIONAL] != NULL && f[ACCESS_ALLOWED] != NULL && f[ACL_GROUP] != NULL
        && f[OPERATIONAL] != op && f[ACCESS_ALLOWED] != op && f[ACL_GROUP] != op && f[OPERATIONAL] != f[21]
        && f[OPERATIONAL] != f[ACCESS_ALLOWED] && f[OPERATIONAL] != f[ACL_GROUP] && f[ACCESS_ALLOWED] != f[ACL_GROUP];
}

int casdir_syncrepl_guard(void)
{
    casdir_overinst *registered = overlay_find("slapi"), *on;
    casdir_overinfo *frontend;
    void **mine, *const *template;
    if (registered == NULL || registered->on_bi.bi_type == NULL || strcmp(registered->on_bi.bi_type, "slapi") != 0
        || !laid_out_as_known(registered->on_bi.functions)) {
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "slapd's SLAPI overlay is not laid out as slapd 2.5 lays it out: replicated servers stay exposed to slapd's syncrepl crash\n");
        return -1;
    }
    if (frontendDB == NULL || !overlay_is_over(frontendDB)) {
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "no overlay on slapd's frontend: casdir-guard must be a global plugin line\n");
        return -1;
    }
    frontend = (casdir_overinfo *)frontendDB->bd_info;
    template = registered->on_bi.functions;
    for (on = frontend->oi_list; on != NULL; on = on->on_next) {
        if (on->on_bi.bi_type != registered->on_bi.bi_type)
            continue;
        mine = on->on_bi.functions;
        if (mine[OPERATIONAL] == (void *)operational)
            return 0; /* already guarded (a second frontend line) */
        if (mine[OPERATIONAL] != template[OPERATIONAL] || mine[ACCESS_ALLOWED] != template[ACCESS_ALLOWED] || mine[ACL_GROUP] != template[ACL_GROUP])
            break;
        slapi_hook_operational = (operational_fn *)mine[OPERATIONAL];
        slapi_hook_access_allowed = (access_allowed_fn *)mine[ACCESS_ALLOWED];
        slapi_hook_acl_group = (acl_group_fn *)mine[ACL_GROUP];
        mine[OPERATIONAL] = (void *)operational;
        mine[ACCESS_ALLOWED] = (void *)access_allowed;
        mine[ACL_GROUP] = (void *)acl_group;
        return 0;
    }
    slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "SLAPI's overlay was not found on slapd's frontend as expected: replicated servers stay exposed to slapd's syncrepl crash\n");
    return -1;
}
