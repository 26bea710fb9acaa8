/* bd-guidance-backscatter.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backscatter: a spammer sends mail with the user's address as the sender,
 * some server refuses it and returns it to the user, who never sent it.
 * Telling them "the address does not exist, check the spelling" would be
 * wrong; we tell them they did not send it. The returned original gives it
 * away: it did not leave from the user's mail server.
 */
#define G_LOG_DOMAIN "bd-guidance"

#include "config.h"

#include <string.h>

#include "bd-guidance-private.h"
#include "bd-provider.h"
#include "bd-text.h"

static const char *
domain_of (const char *address_or_host)
{
  const char *at;

  if (address_or_host == NULL || *address_or_host == '\0')
    return NULL;

  at = strrchr (address_or_host, '@');
  return at != NULL ? at + 1 : address_or_host;
}

/* A host name as the comparison below reads it: ASCII lower case, and the
 * brackets of "<host>" or "[host]" taken for spaces. Inline, and lowered
 * inline: every exported message compares a few host names byte by byte. */
static inline char
normalised (char c)
{
  if (c == '<' || c == '>' || c == '[' || c == ']')
    return ' ';
  return bd_text_ascii_lower (c);
}

static gboolean
is_blank (char c)
{
  return g_ascii_isspace (normalised (c));
}

/* The label before the last one, [label, label + len), is a usual
 * second-level public suffix ("com" of "firma.com.pl"). */
static gboolean
is_second_level (const char *label,
                 gsize       len)
{
  /* with their lengths: a label is compared only with those of its own */
#define SUFFIX(s) { s, sizeof s - 1 }
  static const struct { const char *name; gsize len; } second_level[] = {
    SUFFIX ("com"), SUFFIX ("net"), SUFFIX ("org"), SUFFIX ("co"), SUFFIX ("edu"), SUFFIX ("gov"),
    SUFFIX ("ac"), SUFFIX ("biz"), SUFFIX ("info"), SUFFIX ("waw"), SUFFIX ("gda"), SUFFIX ("krakow"),
  };
#undef SUFFIX

  for (guint i = 0; i < G_N_ELEMENTS (second_level); i++)
    {
      gsize j = 0;

      if (second_level[i].len != len)
        continue;
      while (j < len && normalised (label[j]) == second_level[i].name[j])
        j++;
      if (j == len)
        return TRUE;
    }
  return FALSE;
}

/* The registrable part of a host name ("firma.com.pl" of
 * "mail.firma.com.pl"): the last two labels, or three under the usual
 * second-level public suffixes. Good enough to tell organisations apart
 * without a public-suffix list. Found in place, as [*start, *start + len)
 * of @host, compared through normalised (): every exported message asks,
 * and a lowered copy split into labels cost more than the rest of the
 * summary. */
static gsize
organisation_of (const char  *host,
                 const char **start)
{
  const char *end = host + strlen (host);
  const char *dots[3] = { NULL, NULL, NULL };   /* the last, the one before, … */
  guint n_dots = 0;

  while (host < end && is_blank (*host))
    host++;
  while (end > host && is_blank (end[-1]))
    end--;
  while (end > host && end[-1] == '.')
    end--;
  for (const char *p = end; p > host && n_dots < 3; p--)
    if (p[-1] == '.')
      dots[n_dots++] = p - 1;

  *start = host;
  if (n_dots >= 2 && is_second_level (dots[1] + 1, dots[0] - dots[1] - 1))
    *start = n_dots == 3 ? dots[2] + 1 : host;
  else if (n_dots >= 2)
    *start = dots[1] + 1;
  return end - *start;
}

/**
 * bd_guidance_same_organisation:
 * @a: (nullable): an address or a host name
 * @b: (nullable): an address or a host name
 *
 * Returns: whether the domains of @a and @b end in the same registrable
 *   part (organisation_of ()); %FALSE when either names none.
 */
gboolean
bd_guidance_same_organisation (const char *a,
                               const char *b)
{
  const char *org_a, *org_b;
  gsize len_a, len_b;

  a = domain_of (a);
  b = domain_of (b);
  if (a == NULL || b == NULL)
    return FALSE;
  len_a = organisation_of (a, &org_a);
  len_b = organisation_of (b, &org_b);
  if (len_a != len_b)
    return FALSE;
  for (gsize i = 0; i < len_a; i++)
    if (normalised (org_a[i]) != normalised (org_b[i]))
      return FALSE;
  return TRUE;
}

/* Home and mobile connections: names that spell out the IP address or say
 * what kind of line it is. Legitimate mail leaves through a provider's
 * server; spam bots send straight from infected home computers. */
static const char * const home_words[] = {
  "dynamic", "dyn.", "dyn-", "dhcp", "dsl", "pool", "cable", "ppp", "dialup",
  "broadband", "customer", "dialin", NULL
};

/* What a byte of a host name is to the test below: a digit, or the
 * first letter of one of home_words (in either case), or neither, as
 * most are. Looked up: a host name is read byte by byte. */
enum { HOME_OTHER, HOME_DIGIT, HOME_FIRST };

static const guint8 home_class[256] = {
  ['0' ... '9'] = HOME_DIGIT,
  ['b' ... 'd'] = HOME_FIRST, ['B' ... 'D'] = HOME_FIRST, ['p'] = HOME_FIRST, ['P'] = HOME_FIRST,
};

/* Whether the first two letters of one of home_words are at @p, which
 * holds one's first (home_class): "co" of ".com" or "pl" is not, and
 * the words are then not compared. */
static inline gboolean
home_word_may_start (const char *p)
{
  char second = bd_text_ascii_lower (p[1]);

  switch (bd_text_ascii_lower (p[0]))
    {
    case 'b': return second == 'r';
    case 'c': return second == 'a' || second == 'u';
    case 'd': return second == 'y' || second == 'h' || second == 's' || second == 'i';
    case 'p': return second == 'o' || second == 'p';
    default:  return FALSE;
    }
}

/* Whether one of home_words starts at @p, read in ASCII lower case. */
static gboolean
home_word_at (const char *p)
{
  char first = bd_text_ascii_lower (*p);

  for (guint i = 0; home_words[i] != NULL; i++)
    {
      const char *word = home_words[i];
      gsize j = 1;

      if (word[0] != first)
        continue;
      while (word[j] != '\0' && bd_text_ascii_lower (p[j]) == word[j])
        j++;
      if (word[j] == '\0')
        return TRUE;
    }
  return FALSE;
}

/**
 * bd_guidance_looks_like_home_connection:
 *
 * Whether @host names one of home_words (ASCII case-blind) or holds four
 * runs of digits. One pass, in place, the words looked for only where
 * one's first letter is: it is the most selective test of the summary's
 * backscatter check, so it runs first, and a lowered copy searched word
 * by word cost more than the rest of that check.
 */
gboolean
bd_guidance_looks_like_home_connection (const char *host)
{
  guint digit_runs = 0;
  gboolean in_digits = FALSE;

  for (const guchar *p = (const guchar *)host; *p != '\0'; p++)
    {
      guint8 class = home_class[*p];

      digit_runs += class == HOME_DIGIT && !in_digits;
      in_digits = class == HOME_DIGIT;
      if (class == HOME_FIRST && home_word_may_start ((const char *)p) && home_word_at ((const char *)p))
        return TRUE;
    }
  return digit_runs >= 4;
}

static gboolean
reported_by_recipients_domain (const BdBounce *bounce)
{
  g_autofree char *from = NULL;
  const char *reporter = bounce->reporting_mta;

  /* Without a Reporting-MTA, the mailer's own address names its host. */
  if (reporter == NULL && bounce->from != NULL && strchr (bounce->from, '@') != NULL)
    {
      from = g_strdup (strrchr (bounce->from, '@') + 1);
      reporter = g_strdelimit (from, "> )(", '\0');
    }
  if (reporter == NULL || *reporter == '\0')
    return FALSE;

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      const BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);

      if (recipient->address != NULL && bd_guidance_same_organisation (recipient->address, reporter))
        return TRUE;
    }
  return FALSE;
}

static gboolean
signed_by_sender (const BdOriginal *original,
                  const char       *from_domain)
{
  for (guint i = 0; i < original->dkim->len; i++)
    {
      const BdDkimRef *ref = g_ptr_array_index (original->dkim, i);

      if (ref->domain != NULL && bd_guidance_same_organisation (ref->domain, from_domain))
        return TRUE;
    }

  return FALSE;
}

/* bd_guidance_detect_backscatter () without hints (every message the
 * JSON summary explains): the same tests, all without side effects, the
 * cheaper and more selective first. A signed original rules it out before
 * any host name is compared: then the sender's own signature is not
 * looked for, and the organisations not worked out. A host that does not
 * look like a home connection (one pass over its name) rules out nearly
 * all the rest, before the recipients' organisations are worked out. */
static gboolean
backscatter_without_hints (const BdBounce *bounce,
                           const char     *host,
                           const char     *from_domain)
{
  const BdOriginal *original = bounce->original;

  if (host == NULL || *host == '\0' || original->dkim->len != 0)
    return FALSE;
  /* signed_by_sender () is FALSE without a signature */
  return bd_guidance_looks_like_home_connection (host)
         && reported_by_recipients_domain (bounce)
         && (from_domain == NULL || !bd_guidance_same_organisation (host, from_domain))
         && (bounce->reporting_mta == NULL || !bd_guidance_same_organisation (bounce->reporting_mta, host));
}

/**
 * bd_guidance_detect_backscatter:
 * @bounce: the decoded bounce
 * @mailbox: (nullable): the address the bounce was delivered to (its To:
 *   or Delivered-To:), when the caller knows it
 * @own_hosts: (nullable) (array zero-terminated=1): host names or domain
 *   suffixes of the user's own mail servers or provider ("home.pl",
 *   "mail.firma.pl"), when the caller knows them
 *
 * Decides whether @bounce returns a message the user never sent. It does
 * when the returned original claims a sender outside the user's domain
 * (@mailbox), or when its Received: chain starts at a server that is not
 * the user's (@own_hosts). Without hints it says so only when the original
 * left from what looks like a home connection, carries no DKIM signature,
 * and was refused by the recipient's own domain's server, not relayed by
 * the organisation that sent it:
 * a legitimate message leaves through its provider's server.
 *
 * Returns: %TRUE when the bounce is very likely backscatter.
 */
gboolean
bd_guidance_detect_backscatter (const BdBounce     *bounce,
                                const char         *mailbox,
                                const char * const *own_hosts)
{
  const BdOriginal *original;
  const char *from_domain;
  const char *host;

  g_return_val_if_fail (bounce != NULL, FALSE);

  if (bounce->kind != BD_KIND_BOUNCE && bounce->kind != BD_KIND_DELAYED)
    return FALSE;

  original = bounce->original;
  from_domain = domain_of (original->from);
  host = original->sender_host;
  if (mailbox == NULL && (own_hosts == NULL || own_hosts[0] == NULL))
    return backscatter_without_hints (bounce, host, from_domain);

  if (mailbox != NULL && from_domain != NULL && !bd_guidance_same_organisation (mailbox, from_domain))
    return TRUE;

  if (host == NULL || *host == '\0')
    return FALSE;

  for (guint i = 0; own_hosts != NULL && own_hosts[i] != NULL; i++)
    if (bd_host_has_suffix (host, own_hosts[i]))
      return FALSE;

  if (from_domain != NULL && (bd_guidance_same_organisation (host, from_domain) ||
                              signed_by_sender (original, from_domain)))
    return FALSE;

  if (bounce->reporting_mta != NULL && bd_guidance_same_organisation (bounce->reporting_mta, host))
    return FALSE;

  if (own_hosts != NULL && own_hosts[0] != NULL)
    return TRUE;

  /* Without hints, stay careful: a wrong "you did not send this" is worse
   * than a missed one. A provider that signs its users' mail proves the
   * message went through it; and the user's own message also arrives from
   * a home connection at their provider's server, which may be the one
   * reporting a remote failure. Backscatter is reported by the
   * recipient's own server, which the bot connected to directly. */
  /* the cheaper test first: a reporter outside the recipients' domains
   * rules most out before the host's name is read word by word */
  return original->dkim->len == 0 && reported_by_recipients_domain (bounce)
         && bd_guidance_looks_like_home_connection (host);
}
