/*
 * Sorted searches take turns on their connection (docs/rules.md, "Sorting").
 *
 * slapo-sssvlv (2.5.13, and 2.6 alike) marks a sorted search as no longer running only after it has sent the page's
 * result. A client that asks for the next page at once can have that request picked up by another of slapd's threads
 * before the mark is cleared, and slapo-sssvlv answers it Busy (51), "Other sort requests already in progress": the
 * benchmark met it on a busy machine. slapo-sssvlv is configured below casdir-guard's frontend hooks, whose
 * post-search slapd calls once everything below has returned: so a sorted search waits here, in its pre-search, until
 * the one before it on the same connection has reached its post-search. A page request can only follow its previous
 * page's result, so the wait is that last step's length; it is bounded (10 s) all the same.
 */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include "casdir_ad.h"

#define SLOTS 256

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t released = PTHREAD_COND_INITIALIZER;
static long connections[SLOTS]; /* a connection whose sorted search is running; 0: free (slapd numbers them from 1) */

static int slot_of(long connection)
{
    int i;
    for (i = 0; i < SLOTS; i++)
        if (connections[i] == connection)
            return i;
    return -1;
}

int casdir_sort_turn_take(long connection)
{
    struct timespec until;
    int slot, waited = 0;
    if (connection <= 0)
        return 0;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    pthread_mutex_lock(&lock);
    while (slot_of(connection) >= 0 && waited != ETIMEDOUT)
        waited = pthread_cond_timedwait(&released, &lock, &until);
    slot = waited == ETIMEDOUT ? -1 : slot_of(0);
    if (slot >= 0)
        connections[slot] = connection;
    pthread_mutex_unlock(&lock);
    return slot >= 0; /* 0: not tracked (timed out, or every slot taken): slapo-sssvlv decides, as without this */
}

void casdir_sort_turn_give(long connection)
{
    int slot;
    pthread_mutex_lock(&lock);
    if ((slot = slot_of(connection)) >= 0)
        connections[slot] = 0;
    pthread_cond_broadcast(&released);
    pthread_mutex_unlock(&lock);
}
