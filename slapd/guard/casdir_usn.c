/*
 * Update sequence numbers (docs/rules.md, "Active Directory's own attributes"): AD's uSNChanged and uSNCreated, from
 * what slapd already keeps and only moves forward, so no writer can forge or rewind them.
 *
 *   uSNChanged  the entry's entryCSN: slapd gives every write a CSN later than the last one it gave (it never goes back
 *               with the clock), so the newest write has the highest. USN = microseconds since 1970 * 16 + the CSN's
 *               change count (up to 15: a 16th write in one microsecond shares the 15th's number).
 *   uSNCreated  the entry's createTimestamp, which slapd takes from the add's CSN: the add's second in uSNChanged's
 *               units, so never above the entry's uSNChanged and never moved by a later write. Entries added in the
 *               same second share it (slapd keeps no finer trace of the add once the entry is written again: its
 *               entryUUID is made a few microseconds after the add's CSN, so it cannot stand for it either).
 *
 * A filter on uSNChanged becomes one on entryCSN (which slapd compares with csnOrderingMatch), one on uSNCreated one on
 * createTimestamp, so the replication polls AD tools make, (uSNChanged>=N), are answered by slapd itself, exactly.
 */
#define _GNU_SOURCE /* timegm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "casdir_ad.h"

static int digits(const char *s, int n, long *value)
{
    int i;
    *value = 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        *value = *value * 10 + (s[i] - '0');
    }
    return 0;
}

/* "YYYYmmddHHMMSS" (at least 14 digits) to seconds since 1970, -1 if it is not one. */
static long long seconds_of(const char *t)
{
    struct tm tm;
    long v[6];
    if (strlen(t) < 14 || digits(t, 4, &v[0]) || digits(t + 4, 2, &v[1]) || digits(t + 6, 2, &v[2])
        || digits(t + 8, 2, &v[3]) || digits(t + 10, 2, &v[4]) || digits(t + 12, 2, &v[5]))
        return -1;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = (int)v[0] - 1900;
    tm.tm_mon = (int)v[1] - 1;
    tm.tm_mday = (int)v[2];
    tm.tm_hour = (int)v[3];
    tm.tm_min = (int)v[4];
    tm.tm_sec = (int)v[5];
    return (long long)timegm(&tm);
}

long long casdir_usn_from_csn(const char *csn)
{
    /* 20261206224448.123456Z#000001#000#000000 */
    long long seconds;
    long micro;
    unsigned long count;
    char *end;
    if (csn == NULL || (seconds = seconds_of(csn)) < 0 || csn[14] != '.' || digits(csn + 15, 6, &micro) || csn[21] != 'Z' || csn[22] != '#')
        return -1;
    count = strtoul(csn + 23, &end, 16);
    if (end == csn + 23 || *end != '#')
        return -1;
    return (seconds * 1000000 + micro) * 16 + (long long)(count > 15 ? 15 : count);
}

long long casdir_usn_from_timestamp(const char *timestamp)
{
    long long seconds = timestamp != NULL ? seconds_of(timestamp) : -1;
    return seconds < 0 ? -1 : seconds * 1000000 * 16;
}

int casdir_csn_bound(long long usn, int upper, char *out, size_t size)
{
    time_t seconds;
    struct tm tm;
    long long micro, count;
    if (usn < 0)
        return -1;
    micro = usn / 16;
    seconds = (time_t)(micro / 1000000);
    if (gmtime_r(&seconds, &tm) == NULL || tm.tm_year + 1900 > 9999)
        return -1;
    /* the 15th count stands for every later one in that microsecond */
    count = usn % 16 == 15 && upper ? 0xffffff : usn % 16;
    snprintf(out, size, "%04d%02d%02d%02d%02d%02d.%06lldZ#%06llx#%s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, micro % 1000000, count, upper ? "fff#ffffff" : "000#000000");
    return 0;
}
