/* bd-decoder-codes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Status and reply codes as the servers wrote them are not always the
 * ones that decide: a relay wraps the remote server's answer in its own,
 * a code is repeated, a reply contradicts its status. These put each
 * recipient's codes in order, and find the SMTP command that failed.
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-decoder-private.h"
#include "bd-dsn.h"

static void drop_repeated_codes (BdRecipient *r);

/* "554 4.4.7 Message expired … <421 4.4.2 Connection timed out>": the
 * first reply contradicts its own status (a 5xx with a 4.x.x), the inner
 * one is the remote server's consistent answer. Finds that inner pair
 * (@status holds BD_STATUS_MAX bytes). */
gboolean
bd_decoder_find_agreeing_pair (const char *text,
                               char       *status,
                               guint      *code)
{
  gboolean first_disagreed = FALSE;

  /* A pair is "NNN S.", its dot five bytes in: strchr () goes from dot to
   * dot (a few in a reply) instead of testing every byte. */
  for (const char *dot = strchr (text, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
    {
      const char *p = dot - 5;
      gsize n;

      if (dot - text < 5)
        continue;
      if (!(p[0] == '4' || p[0] == '5') || !g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2])
          || (p[3] != ' ' && p[3] != '-') || (p > text && g_ascii_isalnum (p[-1])))
        continue;
      if (!(p[4] == '4' || p[4] == '5') || p[5] != '.' || !g_ascii_isdigit (p[6])
          || p[7] != '.' || !g_ascii_isdigit (p[8]))
        continue;
      if (p[0] != p[4])
        {
          first_disagreed = TRUE;
          continue;
        }
      if (!first_disagreed)
        return FALSE;
      n = 5;
      while (n < BD_STATUS_MAX - 1 && (g_ascii_isdigit (p[4 + n]) || p[4 + n] == '.'))
        n++;
      while (p[4 + n - 1] == '.')
        n--;
      memcpy (status, p + 4, n);
      status[n] = '\0';
      *code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
      return TRUE;
    }
  return FALSE;
}

/* A specific code in the server's own words beats a generic Status:, and
 * a reply code whose class contradicts the status is dropped. */
void
bd_decoder_normalise_codes (BdRecipient *r)
{
  char status[BD_STATUS_MAX];
  guint code;

  if (r->diagnostic == NULL)
    return;
  if (bd_dsn_find_status (r->diagnostic, status)
      && (status[0] == '4' || status[0] == '5') && status[2] != '0' && status[3] == '.')
    {
      bd_recipient_set_status (r, status);
    }
  if (r->reply_code == 0)
    r->reply_code = bd_dsn_find_reply_code (r->diagnostic);
  if (bd_decoder_find_agreeing_pair (r->diagnostic, status, &code))
    {
      bd_recipient_set_status (r, status);
      r->reply_code = code;
    }
  drop_repeated_codes (r);
}

static void
append_char (char  *out,
             gsize  size,
             gsize *len,
             char   c)
{
  if (*len + 1 < size)
    out[(*len)++] = c;
}

/* "<code><sep><status> ", as g_snprintf() formats "%u%c%s " (truncated
 * to @size the same way), without its cost: a thousand instructions a
 * call. Returns its length; *@sep_at is where @sep is (not there when
 * past the length). */
static gsize
format_code_prefix (char        *out,
                    gsize        size,
                    guint        code,
                    char         sep,
                    const char  *status,
                    gsize       *sep_at)
{
  char digits[16];
  guint n_digits = 0;
  gsize len = 0;

  do
    digits[n_digits++] = '0' + code % 10;
  while ((code /= 10) != 0);
  *sep_at = n_digits;
  while (n_digits > 0)
    append_char (out, size, &len, digits[--n_digits]);
  append_char (out, size, &len, sep);
  for (const char *s = status; *s != '\0'; s++)
    append_char (out, size, &len, *s);
  append_char (out, size, &len, ' ');
  out[len] = '\0';
  return len;
}

/* Whether @text holds neither the dash form of @prefix ("550-5.7.1 ",
 * @len bytes, its dash at @sep_at) nor the spaced one twice: then
 * drop_repeated_codes () has nothing to drop. Both forms end in what
 * follows the code, whose every place in the text one search finds; the
 * searches for each form, then for its repeats, read the text twice
 * where nearly every reply holds the spaced form once. */
static gboolean
nothing_repeated (const char *text,
                  const char *prefix,
                  gsize       len,
                  gsize       sep_at)
{
  const char *tail = prefix + sep_at + 1;
  guint spaced = 0;

  if (sep_at + 2 > len)
    return FALSE;   /* no tail to search for: the forms are searched for */
  for (const char *t = strstr (text, tail); t != NULL; t = strstr (t + 1, tail))
    {
      if ((gsize)(t - text) < sep_at + 1 || memcmp (t - (sep_at + 1), prefix, sep_at) != 0)
        continue;
      if (t[-1] == '-' || (t[-1] == ' ' && ++spaced > 1))
        return FALSE;
    }
  return TRUE;
}

/* Multi-line replies repeat their codes on every line ("550-5.7.1 …
 * 550-5.7.1 …"): keep the first, drop the repeats so the words read on. */
static void
drop_repeated_codes (BdRecipient *r)
{
  /* "550-5.7.1 " formatted once, "550 5.7.1 " the same with a space */
  char prefixes[2][BD_STATUS_MAX + 8];
  gsize lengths[2], sep_at;
  char *first, *p, *first_spaced = NULL;

  if (r->reply_code == 0 || r->status == NULL)
    return;
  lengths[0] = lengths[1] = format_code_prefix (prefixes[0], sizeof prefixes[0], r->reply_code, '-', r->status, &sep_at);
  if (nothing_repeated (r->diagnostic, prefixes[0], lengths[0], sep_at))
    return;
  memcpy (prefixes[1], prefixes[0], lengths[0] + 1);
  if (sep_at < lengths[0])
    prefixes[1][sep_at] = ' ';
  for (int sep = 0; sep < 2; sep++)
    {
      first = strstr (r->diagnostic, prefixes[sep]);
      if (sep == 1)
        first_spaced = first;
      if (first == NULL)
        continue;
      p = first + lengths[sep];
      while ((p = strstr (p, prefixes[sep])) != NULL)
        memmove (p, p + lengths[sep], strlen (p + lengths[sep]) + 1);
    }
  /* The last line of a multi-line reply uses a space, the others a dash.
   * The first "550 5.7.1 " is where it was found: only repeats after it
   * were dropped, and no match can start before it and end past it. */
  p = first_spaced;
  if (p != NULL && p != r->diagnostic && strchr (r->diagnostic, '-') < p
      && strstr (r->diagnostic, prefixes[0]) != NULL)
    memmove (p, p + lengths[1], strlen (p + lengths[1]) + 1);
}

/* The SMTP command each recipient's reply names, where a scanner set
 * none; the body's, for the others, is the classifier's to look for. */
void
bd_decoder_find_commands (BdBounce *bounce)
{
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      /* Read as folded: no folded copy is made. */
      if (r->command == NULL && r->diagnostic != NULL)
        r->command = g_strdup (bd_classify_find_command (r->diagnostic));
    }
}

/* Reply codes that cannot be the reply: an auto-reply's or a complaint's,
 * and one whose class differs from the status code's ("5.1.2" with "421"
 * is a relay's own reply, not the receiver's). Runs before classifying,
 * so that no reason rests on a code the output does not have. */
void
bd_decoder_check_reply_class (BdBounce *bounce)
{
  gboolean no_reply = bounce->kind == BD_KIND_VACATION || bounce->kind == BD_KIND_FEEDBACK;

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (no_reply || r->reason == BD_REASON_VACATION || r->reason == BD_REASON_FEEDBACK)
        r->reply_code = 0;
      if (r->reply_code != 0 && r->status != NULL && r->status[0] != '0' + (char)(r->reply_code / 100))
        r->reply_code = 0;
    }
}
