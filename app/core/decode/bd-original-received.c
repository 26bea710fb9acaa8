/* bd-original-received.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first external sending IP and host of a Received: chain: one
 * Received: value read.
 */
#define G_LOG_DOMAIN "bd-original"

#include "config.h"

#include <gio/gnetworking.h>
#include <string.h>

#include "bd-mime-walk.h"
#include "bd-original.h"
#include "bd-original-private.h"

/* The bytes of an IP as ip_at () reads it: hex digits, '.' and ':'. A
 * table, one load a byte: GLib's g_ascii_isxdigit () is a load of its
 * table's address and a mask, then two more tests, for each byte of
 * every bracket read. */
enum
{
  IP_HEX   = 1 << 0,
  IP_COLON = 1 << 1,
};

static const guint8 ip_chars[256] = {
  ['0' ... '9'] = IP_HEX, ['a' ... 'f'] = IP_HEX, ['A' ... 'F'] = IP_HEX,
  ['.'] = IP_HEX, [':'] = IP_COLON,
};

/* A host name's bytes (looks_like_host ()), the dot apart. */
static const guint8 host_chars[256] = {
  ['0' ... '9'] = TRUE, ['a' ... 'z'] = TRUE, ['A' ... 'Z'] = TRUE, ['-'] = TRUE, ['_'] = TRUE,
};

static inline gboolean
is_digit (char c)
{
  return (guchar)(c - '0') < 10;
}

/* Reads the decimal octet at *@p, 1 to 3 digits without a leading zero,
 * up to 255, and moves *@p past it; FALSE when there is none. The digits
 * are read one by one, not in a loop: a loop's tests cost more than the
 * digits. A fourth digit is left for the caller's '.' test to refuse. */
static inline gboolean
read_octet (const char **p,
            const char  *end,
            guint8      *byte)
{
  const char *q = *p;
  guint value;

  if (q == end || !is_digit (*q))
    return FALSE;
  value = *q++ - '0';
  if (q < end && is_digit (*q))
    {
      if (value == 0)
        return FALSE;
      value = value * 10 + (*q++ - '0');
      if (q < end && is_digit (*q))
        {
          value = value * 10 + (*q++ - '0');
          if (value > 255)
            return FALSE;
        }
    }
  *byte = value;
  *p = q;
  return TRUE;
}

/* Reads the IPv4 address at @p, in the one form inet_pton () reads
 * (four decimal octets, none with a leading zero), into @bytes; returns
 * the byte after it, or NULL. */
static const char *
read_ipv4 (const char *p,
           const char *end,
           guint8      bytes[4])
{
  for (guint i = 0; i < 4; i++)
    {
      if (i > 0 && (p == end || *p++ != '.'))
        return NULL;
      if (!read_octet (&p, end, &bytes[i]))
        return NULL;
    }
  return p;
}

/* GInetAddress's tests, on IPv4 bytes: loopback 127/8, site-local 10/8,
 * 172.16/12 and 192.168/16, link-local 169.254/16, multicast 224/4; then
 * CGNAT 100.64/10 and 0/8 (the "any" address among them). */
static gboolean
is_public_ipv4 (const guint8 bytes[4])
{
  if (bytes[0] == 127 || bytes[0] == 10 || (bytes[0] == 172 && (bytes[1] & 0xf0) == 16)
      || (bytes[0] == 192 && bytes[1] == 168) || (bytes[0] == 169 && bytes[1] == 254)
      || (bytes[0] & 0xf0) == 224)
    return FALSE;
  return !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64) && bytes[0] != 0;
}

/* GInetAddress's tests, on IPv6 bytes: loopback ::1, site-local
 * fec0::/10, link-local fe80::/10, "any" ::, multicast ff00::/8; then
 * unique local fc00::/7. */
static gboolean
is_public_ipv6 (const guint8 bytes[16])
{
  static const guint8 any[16] = { 0 };

  if (memcmp (bytes, any, 15) == 0 && (bytes[15] == 0 || bytes[15] == 1))
    return FALSE;
  if ((bytes[0] == 0xfe && (bytes[1] & 0x80) != 0) || bytes[0] == 0xff)
    return FALSE;
  return (bytes[0] & 0xfe) != 0xfc;
}

/* The longest IP ip_at () reads (an IPv6 address with an IPv4 tail). */
#define IP_MAX 45

/* An IPv6 address (one with a ':'): g_hostname_is_ip_address () and
 * inet_pton () read a string, so it is copied; they are rare. */
static gboolean
read_ipv6 (const char *start,
           gsize       n,
           gboolean   *public)
{
  char ip[IP_MAX + 1];
  guint8 bytes[16];

  memcpy (ip, start, n);
  ip[n] = '\0';
  if (!g_hostname_is_ip_address (ip))
    return FALSE;
  *public = inet_pton (AF_INET6, ip, bytes) == 1 && is_public_ipv6 (bytes);
  return TRUE;
}

/* The IP in "[203.0.113.7]", "(203.0.113.7)" or "[IPv6:2001:db8::1]" at
 * @p, as a span of the value (@ip, its length returned), or 0: read in
 * place, as most of those read are dropped (private, or not an IP). Sets
 * *@public to whether it is a public address, read once: as
 * g_hostname_is_ip_address () then GInetAddress read it, it was read
 * three times. */
static gsize
ip_at (const char  *p,
       const char  *end,
       const char **ip,
       gboolean    *public)
{
  const char *start = p, *stop;
  guint kinds = 0;
  guint8 bytes[4];

  if (end - start > 5 && bd_mime_walk_has_prefix_ci (start, "ipv6:", 5))
    start += 5;
  /* An IPv4 address and its ']' or ')', nearly every IP read, in one
   * pass: the bytes up to that end are the span the look below finds
   * (digits and dots, then a byte that is none of its), read as it reads
   * it. */
  stop = read_ipv4 (start, end, bytes);
  if (stop != NULL && (stop == end || *stop == ']' || *stop == ')'))
    {
      *ip = start;
      *public = is_public_ipv4 (bytes);
      return stop - start;
    }
  for (stop = start; stop < end && ip_chars[(guchar)*stop] != 0; stop++)
    kinds |= ip_chars[(guchar)*stop];
  if (stop == start || stop - start > IP_MAX || (stop < end && *stop != ']' && *stop != ')'))
    return 0;
  *ip = start;
  /* Without a ':', g_hostname_is_ip_address () takes only the IPv4 form
   * read_ipv4 () reads (and inet_pton (), GInetAddress's reader). */
  if ((kinds & IP_COLON) != 0)
    return read_ipv6 (start, stop - start, public) ? (gsize)(stop - start) : 0;
  if (read_ipv4 (start, stop, bytes) != stop)
    return 0;
  *public = is_public_ipv4 (bytes);
  return stop - start;
}

static gboolean
looks_like_host (const char *word,
                 gsize       len)
{
  gboolean dot = FALSE;

  if (len == 0 || len > 253)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (word[i] == '.')
        dot = TRUE;
      else if (!host_chars[(guchar)word[i]])
        return FALSE;
    }
  return dot && !is_digit (word[len - 1]);
}

/* The host named in the comment at @bracket ("mail.example.com [IP]"),
 * else the one the client claimed after "from", or NULL. */
static char *
host_of (const char *from,
         const char *bracket)
{
  const char *helo = from + 4;
  gsize n;

  if (bracket != NULL)
    {
      n = strcspn (bracket, " [");
      if (looks_like_host (bracket, n))
        return bd_text_ascii_down_dup (bracket, n);
    }
  while (*helo == ' ' || *helo == '\t')
    helo++;
  n = strcspn (helo, " \t([");
  return looks_like_host (helo, n) ? bd_text_ascii_down_dup (helo, n) : NULL;
}

/**
 * bd_original_received_may_name_ip:
 * @raw: a Received: value as it is in the message (folded)
 *
 * A look at the first byte of @raw, before it is unfolded and decoded:
 * the Received: fields added inside a provider's network ("by 2002:a05:…
 * with SMTP id …") start with "by", and no "from" clause can be found in
 * them. Unfolding drops line breaks and NULs and trims white space, and
 * the reader skips blanks: an unfolded value starting "from" starts so in
 * @raw after such bytes, unless an encoded word or 8-bit text (which
 * GMime then decodes) starts it.
 *
 * Returns: %FALSE when bd_original_parse_received () on @raw unfolded
 *   and decoded is %FALSE; %TRUE when it may not be.
 */
gboolean
bd_original_received_may_name_ip (const char *raw,
                                  gsize       len)
{
  const char *p = raw, *end = raw + len;

  while (p < end && (g_ascii_isspace (*p) || *p == '\0'))
    p++;
  return p < end && ((*p | 0x20) == 'f' || *p == '=' || (guchar)*p >= 0x80);
}

/**
 * bd_original_parse_received_len:
 * @received: a Received: value, NUL-terminated, @len bytes without a NUL
 *   in them
 *
 * bd_original_parse_received () when the length is known (the unfolding
 * gave it): a strlen () saved.
 */
gboolean
bd_original_parse_received_len (const char  *received,
                                gsize        len,
                                char       **ip,
                                char       **host)
{
  const char *from, *end, *p;
  const char *found = NULL;   /* the IP found, a span of @received */
  gsize found_len = 0;
  const char *bracket = NULL;
  gboolean public = FALSE;

  g_assert (received[len] == '\0');

  *ip = NULL;
  *host = NULL;
  from = received;
  while (*from == ' ' || *from == '\t')
    from++;
  if (!bd_mime_walk_has_prefix_ci (from, "from", 4))
    return FALSE;
  end = strstr (from, " by ");
  if (end == NULL)
    end = received + len;

  /* First the TCP information the receiving server added in a comment,
   * "(mail.example.com [203.0.113.7])" or "(user@[203.0.113.7])": it saw
   * that address itself. The "from" word before it is the client's own
   * claim (HELO), which may be a private or made-up address. */
  for (p = memchr (from, '(', end - from); p != NULL && found == NULL; p = memchr (p + 1, '(', end - (p + 1)))
    {
      const char *q;
      const char *start;
      gsize n;

      /* from one '(' to the next (memchr ()), not byte by byte; its ')'
       * or '[' by strcspn () too (one past @end is as good as @end) */
      if (bd_mime_walk_has_prefix_ci (p + 1, "helo", 4) || bd_mime_walk_has_prefix_ci (p + 1, "ehlo", 4))
        continue;
      q = p + 1 + strcspn (p + 1, ")[");
      if (q < end && *q == '[' && (n = ip_at (q + 1, end, &start, &public)) != 0 && public)
        {
          found = start;
          found_len = n;
          bracket = p + 1;
        }
    }
  /* Else the first address in brackets or parentheses. */
  for (p = from; found == NULL && (p += strcspn (p, "[(")) < end; p++)
    if ((found_len = ip_at (p + 1, end, &found, &public)) == 0)
      found = NULL;
  if (found == NULL || !public)
    return FALSE;

  *host = host_of (from, bracket);
  *ip = g_strndup (found, found_len);
  return TRUE;
}

/**
 * bd_original_parse_received:
 * @received: the value of one Received: header
 * @ip: (out) (transfer full): the public IP the message came from
 * @host: (out) (transfer full) (nullable): that server's name
 *
 * Returns: %TRUE when the "from" clause names a public IP.
 */
gboolean
bd_original_parse_received (const char  *received,
                            char       **ip,
                            char       **host)
{
  g_return_val_if_fail (received != NULL, FALSE);
  g_return_val_if_fail (ip != NULL && host != NULL, FALSE);

  return bd_original_parse_received_len (received, strlen (received), ip, host);
}
