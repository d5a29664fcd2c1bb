/*
 * The root DSE's highestCommittedUSN (docs/rules.md, "Update sequence numbers"): the highest uSNChanged the directory
 * has committed, which an AD sync tool reads before it asks (uSNChanged>=N) and keeps as its next watermark.
 *
 * It is the highest entryCSN of the domain and the configuration below it (one subtree: slapd's glue joins them), in
 * uSNChanged's units (casdir_usn.c), so never below an entry's uSNChanged. It only grows, across restarts and crashes:
 * the highest value given is remembered (in memory, and in the file named on the frontend line, written before the
 * value is given out), and each read looks only for entries written since it, (entryCSN>=<that CSN>), which slapd
 * answers from its entryCSN index. A delete raises it at the next add or modify: slapd keeps no trace of a deleted
 * entry (AD keeps a tombstone with a USN). slapd's contextCSN (slapo-syncprov) would count deletes too, but slapd
 * only stores it at shutdown and a plugin cannot read the live one: it would go back after a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ldap.h>
#include <slapi-plugin.h>
#include "casdir_ad.h"

#define SUBSYSTEM "casdir-highest-usn"
#define CSN_SIZE 64

static char *domain_dn;
static char *state_file;
static Slapi_Mutex *lock;
static char highest_csn[CSN_SIZE]; /* "" until the first read; guarded by lock */
static int loaded;

/* A CSN exactly as slapd writes one: YYYYmmddHHMMSS.ffffffZ#cccccc#sss#mmmmmm (lower-case hex counts). */
static int valid_csn(const char *csn)
{
    size_t i;
    if (csn == NULL || strlen(csn) != 40)
        return 0;
    for (i = 0; i < 40; i++) {
        char c = csn[i];
        if (i == 14 ? c != '.' : i == 21 ? c != 'Z' : (i == 22 || i == 29 || i == 33) ? c != '#'
            : i < 21 ? !(c >= '0' && c <= '9') : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return 0;
    }
    return casdir_usn_from_csn(csn) >= 0;
}

/* Is the CSN's time more than a minute ahead of the clock? No write could have made it. */
static int in_the_future(const char *csn)
{
    char limit[16];
    time_t soon = time(NULL) + 60;
    struct tm tm;
    if (gmtime_r(&soon, &tm) == NULL)
        return 1;
    strftime(limit, sizeof limit, "%Y%m%d%H%M%S", &tm);
    return strncmp(csn, limit, 14) > 0;
}

/* The value remembered by an earlier run, if the file holds a CSN (anything else is ignored and logged). */
static void load(void)
{
    char line[CSN_SIZE + 2];
    FILE *f;
    loaded = 1;
    if (state_file == NULL || (f = fopen(state_file, "r")) == NULL)
        return;
    if (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (valid_csn(line) && !in_the_future(line))
            strcpy(highest_csn, line);
        else
            slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "%s does not hold a CSN slapd could have written (none, or one in the future); highestCommittedUSN starts again from the entries\n", state_file);
    }
    fclose(f);
}

/* Written to a temporary file, flushed to disk and renamed over the old one: a crash leaves the old value or the new. */
static int save(const char *csn)
{
    char temporary[4096];
    int fd, ok;
    size_t length = strlen(csn);
    if (state_file == NULL)
        return 0;
    if ((size_t)snprintf(temporary, sizeof temporary, "%s.tmp", state_file) >= sizeof temporary)
        return -1;
    if ((fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
        return -1;
    ok = write(fd, csn, length) == (ssize_t)length && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(temporary, state_file) != 0) {
        unlink(temporary);
        return -1;
    }
    return 0;
}

int casdir_highest_usn_init(const char *domain, const char *file)
{
    domain_dn = slapi_ch_strdup(domain);
    state_file = file != NULL && file[0] != '\0' ? slapi_ch_strdup(file) : NULL;
    lock = slapi_new_mutex();
    return lock != NULL ? 0 : -1;
}

long long casdir_highest_committed_usn(void)
{
    char *attributes[] = { "entryCSN", NULL };
    char filter[CSN_SIZE + 16], found[CSN_SIZE];
    Slapi_PBlock *search;
    Slapi_Entry **entries = NULL;
    int result = -1, i;
    long long highest;
    if (domain_dn == NULL || lock == NULL)
        return -1;
    slapi_lock_mutex(lock);
    if (!loaded)
        load();
    strcpy(found, highest_csn);
    if (highest_csn[0] != '\0')
        snprintf(filter, sizeof filter, "(entryCSN>=%s)", highest_csn);
    else
        strcpy(filter, "(entryCSN=*)");
    search = slapi_search_internal(domain_dn, LDAP_SCOPE_SUBTREE, filter, NULL, attributes, 0);
    if (search != NULL) {
        slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_RESULT, &result);
        slapi_pblock_get(search, SLAPI_PLUGIN_INTOP_SEARCH_ENTRIES, &entries);
        for (i = 0; result == LDAP_SUCCESS && entries != NULL && entries[i] != NULL; i++) {
            char *csn = slapi_entry_attr_get_charptr(entries[i], "entryCSN");
            /* CSNs of one format compare as text, which is how slapd orders them */
            if (valid_csn(csn) && strcmp(csn, found) > 0)
                strcpy(found, csn);
            slapi_ch_free_string(&csn);
        }
        slapi_free_search_results_internal(search);
        slapi_pblock_destroy(search);
    }
    if (result != LDAP_SUCCESS)
        slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "could not read the entries written since %s (result %d)\n",
                        highest_csn[0] != '\0' ? highest_csn : "the start", result);
    if (strcmp(found, highest_csn) > 0) {
        if (save(found) != 0)
            /* not given out: after a crash the directory could give a lower one */
            slapi_log_error(SLAPI_LOG_FATAL, SUBSYSTEM, "could not write %s (%s): highestCommittedUSN stays at %s\n",
                            state_file, strerror(errno), highest_csn[0] != '\0' ? highest_csn : "nothing");
        else
            strcpy(highest_csn, found);
    }
    highest = highest_csn[0] != '\0' ? casdir_usn_from_csn(highest_csn) : -1;
    slapi_unlock_mutex(lock);
    return highest;
}
