/*
 * The values casdir-guard checks by their meaning (docs/rules.md, "What the directory enforces itself"):
 *   - a name (cn) has at most 64 characters, none of them invisible: no control or format character (a zero-width
 *     joiner after a server's name made a second server that looks the same), no line or paragraph separator, and
 *     no space at either end. slapd compares names with caseIgnoreMatch, which folds case and Unicode normal forms.
 *   - a subnet is named by its canonical CIDR, as AD requires: 10.1.0.0/16, 2001:db8::/32;
 *   - ipHostNumber is an IPv4 address in dotted decimal without leading zeros, or an IPv6 address (inet_pton, as
 *     casdir parses them: exact where a regex is not, e.g. 10.2.0.050 or 1:2:3:4:5:6:7:8:9).
 */
#include <string.h>
#include <arpa/inet.h>
#include "casdir_guard.h"

#define MAX_NAME_CHARACTERS 64

/* Decodes one UTF-8 sequence; returns its length, or 0 if it is not well formed (slapd's syntax check refuses such a
 * value first, but the guard runs before it and must not read past the value). */
static size_t utf8_decode(const unsigned char *s, size_t length, unsigned long *code_point)
{
    size_t n, i;
    unsigned long c;
    if (s[0] < 0x80) { *code_point = s[0]; return 1; }
    if ((s[0] & 0xE0) == 0xC0) { n = 2; c = s[0] & 0x1F; }
    else if ((s[0] & 0xF0) == 0xE0) { n = 3; c = s[0] & 0x0F; }
    else if ((s[0] & 0xF8) == 0xF0) { n = 4; c = s[0] & 0x07; }
    else return 0;
    if (n > length)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *code_point = c;
    return n;
}

/* Characters that show nothing: Unicode's Cc and Cf, the line and paragraph separators, the fillers and joiners that
 * render as blank, and the noncharacters. */
static int invisible(unsigned long c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xAD || c == 0x34F || (c >= 0x600 && c <= 0x605) || c == 0x61C
        || c == 0x6DD || c == 0x70F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F)
        || (c >= 0x200B && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) || c == 0x3164
        || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFFB) || (c & 0xFFFE) == 0xFFFE
        || (c >= 0xFDD0 && c <= 0xFDEF) || c == 0x110BD || c == 0x110CD || (c >= 0x1BCA0 && c <= 0x1BCA3)
        || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

static int space(unsigned long c)
{
    return c == ' ' || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

const char *casdir_name_problem(const char *bytes, size_t length, size_t *characters, unsigned long *code_point, size_t *position)
{
    const unsigned char *s = (const unsigned char *)bytes;
    size_t i = 0, n, count = 0;
    unsigned long c = 0, last = 0;
    *code_point = 0;
    *position = 0;
    while (i < length) {
        n = utf8_decode(s + i, length - i, &c);
        if (n == 0) {
            *characters = count;
            *position = count + 1;
            return "is not valid UTF-8";
        }
        count++;
        if (invisible(c)) {
            *characters = count;
            *code_point = c;
            *position = count;
            return "holds an invisible character";
        }
        if (count == 1 && space(c)) {
            *code_point = c;
            *position = 1;
            *characters = count;
            return "begins with a space";
        }
        last = c;
        i += n;
    }
    *characters = count;
    if (count > 0 && space(last)) {
        *code_point = last;
        *position = count;
        return "ends with a space";
    }
    if (count == 0)
        return "is empty";
    if (count > MAX_NAME_CHARACTERS)
        return "is too long";
    return NULL;
}

static int parse_address(const char *text, unsigned char *bytes)
{
    if (inet_pton(AF_INET, text, bytes) == 1)
        return 4;
    if (inet_pton(AF_INET6, text, bytes) == 1)
        return 16;
    return 0;
}

int casdir_ip_address(const char *bytes, size_t length)
{
    char text[64];
    unsigned char address[16];
    if (length == 0 || length >= sizeof text || memchr(bytes, '\0', length) != NULL)
        return 0;
    memcpy(text, bytes, length);
    text[length] = '\0';
    return parse_address(text, address) != 0;
}

int casdir_canonical_cidr(const char *bytes, size_t length)
{
    char address[64], canonical[64], *slash, *p;
    unsigned char raw[16];
    int prefix = 0, size, i;
    if (length == 0 || length >= sizeof address || memchr(bytes, '\0', length) != NULL)
        return 0;
    memcpy(address, bytes, length);
    address[length] = '\0';
    slash = strchr(address, '/');
    if (slash == NULL || slash[1] == '\0' || (slash[1] == '0' && slash[2] != '\0') || strlen(slash + 1) > 3)
        return 0;
    /* Digits only: strtol would take " 16" or "+16". */
    for (p = slash + 1; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return 0;
        prefix = prefix * 10 + (*p - '0');
    }
    *slash = '\0';
    if ((size = parse_address(address, raw)) == 0 || prefix > size * 8)
        return 0;
    for (i = 0; i < size; i++) {
        int bits = prefix - i * 8;
        unsigned char mask = bits >= 8 ? 0xFF : bits <= 0 ? 0 : (unsigned char)(0xFF << (8 - bits));
        if (raw[i] & ~mask)
            return 0;
    }
    return inet_ntop(size == 4 ? AF_INET : AF_INET6, raw, canonical, sizeof canonical) != NULL
        && strcmp(canonical, address) == 0;
}
