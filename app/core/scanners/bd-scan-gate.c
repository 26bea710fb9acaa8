/* bd-scan-gate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * First questions that several of the scanners' answers share, asked
 * in one pass where they were asked one by one (bd-scan-gate.h).
 */
#define G_LOG_DOMAIN "bd-scan-gate"

#include "config.h"

#include <string.h>

#include "bd-provider.h"
#include "bd-scan-gate.h"
#include "bd-scan-memo-private.h"

/**
 * bd_scan_gate_collapse_prose:
 * @stop_marker: the text that starts the quoted original message
 *
 * Returns: (transfer full): bd_scan_join_lines () of all of
 *   bd_scan_split_lines (@input, { @stop_marker, NULL }): the body up to
 *   @stop_marker on one line, collapsed at once: the lines were cut,
 *   trimmed and joined only to be collapsed.
 */
char *
bd_scan_gate_collapse_prose (const BdScanInput *input,
                             const char        *stop_marker)
{
  const char *stop = bd_scan_body_find (input, stop_marker);
  g_autofree char *text = NULL;

  /* a line of the split ends at the stop or at the first NUL, as the
   * body's strlen () does */
  if (stop == NULL)
    return bd_scan_collapse (input->body);
  text = g_strndup (input->body, stop - input->body);
  return bd_scan_collapse (text);
}

/* The names of some providers (bd_scan_gate_names_new ()), to tell that a
 * From: names none of them. Each name is looked for where its first '.'
 * would be: at the From's dots, a From having few. */
#define MAX_NAMES 64

struct _BdScanGateNames
{
  guint      n_names;
  char      *names[MAX_NAMES];   /* lower case, without a leading '.' */
  gsize      lengths[MAX_NAMES];
  gsize      dots[MAX_NAMES];    /* where each name's first '.' is */
  /* the names whose first '.' has this byte before it, and those with
   * this byte after it: both looked up, most dots of a From are turned
   * away, and the rest compared only with the names that fit */
  guint64    before[256];
  guint64    after[256];
  gboolean   usable;             /* every name has a '.' with a byte on each side */
};

static void
add_name (BdScanGateNames *set,
          const char      *name)
{
  const char *dot;
  guint i = set->n_names;

  if (*name == '.')   /* as the registry's look-up takes it */
    name++;
  dot = strchr (name, '.');
  if (dot == NULL || dot == name || dot[1] == '\0' || i == MAX_NAMES)
    {
      /* a name without such a dot is looked for nowhere: the gate is off */
      set->usable = FALSE;
      return;
    }
  set->names[i] = g_ascii_strdown (name, -1);
  set->lengths[i] = strlen (name);
  set->dots[i] = dot - name;
  set->before[(guchar)set->names[i][set->dots[i] - 1]] |= G_GUINT64_CONSTANT (1) << i;
  set->after[(guchar)set->names[i][set->dots[i] + 1]] |= G_GUINT64_CONSTANT (1) << i;
  set->n_names++;
}

/**
 * bd_scan_gate_names_new:
 * @providers: the providers (bit 1 << BdProviderId)
 *
 * Returns: (transfer full): their mail domains and host suffixes, for
 *   bd_scan_gate_from_may_name ().
 */
BdScanGateNames *
bd_scan_gate_names_new (guint32 providers)
{
  BdScanGateNames *set = g_new0 (BdScanGateNames, 1);

  set->usable = TRUE;
  for (guint id = 0; id < BD_N_PROVIDERS; id++)
    {
      const BdProvider *provider;

      if ((providers >> id & 1) == 0)
        continue;
      provider = bd_provider_get (id);
      for (guint i = 0; provider->mail_domains[i] != NULL; i++)
        add_name (set, provider->mail_domains[i]);
      for (guint i = 0; provider->host_suffixes[i] != NULL; i++)
        add_name (set, provider->host_suffixes[i]);
    }
  return set;
}

void
bd_scan_gate_names_free (BdScanGateNames *set)
{
  if (set == NULL)
    return;
  for (guint i = 0; i < set->n_names; i++)
    g_free (set->names[i]);
  g_free (set);
}

/* Whether a name of @set is in @lower (@len bytes) with its first '.' at
 * @dot. */
static gboolean
named_at_dot (const BdScanGateNames *set,
              const char            *lower,
              gsize                  len,
              gsize                  dot)
{
  guint64 fit;

  if (dot == 0 || dot + 1 >= len)
    return FALSE;
  fit = set->before[(guchar)lower[dot - 1]] & set->after[(guchar)lower[dot + 1]];
  for (; fit != 0; fit &= fit - 1)
    {
      guint i = (guint)__builtin_ctzll (fit);
      gsize at = set->dots[i];

      if (at <= dot && dot - at + set->lengths[i] <= len
          && memcmp (lower + dot - at, set->names[i], set->lengths[i]) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * bd_scan_gate_from_may_name:
 *
 * Returns: %FALSE when the From: certainly holds no name of @set in any
 *   case, so that no address in it is under one of those providers
 *   (bd_provider_mask_for_address () of any address cut from it has none
 *   of their bits: its host ends in one of their names, lowered). The
 *   question the providers' scanners ask of every message, asked without
 *   cutting the address out and looking its host up.
 */
gboolean
bd_scan_gate_from_may_name (const BdScanInput     *input,
                            const BdScanGateNames *set)
{
  const char *lower = input->from_lower;
  gsize len = input->from_lower_len;

  if (!set->usable || lower == NULL || (len == 0 && input->from[0] != '\0'))
    return TRUE;
#ifdef __SSE2__
  /* the From's dots, 16 bytes at a time: 16 more bytes are readable past
   * its end (bd_scan_input_init ()) */
  for (gsize at = 0; at < len; at += 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(lower + at));
      unsigned mask = (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 ('.')));

      if (len - at < 16)
        mask &= (1u << (len - at)) - 1;
      for (; mask != 0; mask &= mask - 1)
        if (named_at_dot (set, lower, len, at + __builtin_ctz (mask)))
          return TRUE;
    }
#else
  for (const char *p = memchr (lower, '.', len); p != NULL; p = memchr (p + 1, '.', lower + len - p - 1))
    if (named_at_dot (set, lower, len, p - lower))
      return TRUE;
#endif
  return FALSE;
}

/* At most this many needles in a list searched by their first two bytes. */
#define MAX_PAIRED 64

struct _BdScanGateNeedles
{
  const char *const *needles;
  guint              n_needles;
  gboolean           paired;            /* FALSE: too many, or one of one byte */
  gsize              lengths[MAX_PAIRED];
  /* the needles whose first byte is this one, and those whose second
   * is: a place of the text where both fit is where one may start */
  guint64            first[256];
  guint64            second[256];
};

/**
 * bd_scan_gate_needles_new:
 * @needles: (array zero-terminated=1): none empty; they must outlive the
 *   list
 *
 * Returns: (transfer full): @needles made ready for
 *   bd_scan_gate_needles_in ().
 */
BdScanGateNeedles *
bd_scan_gate_needles_new (const char *const *needles)
{
  BdScanGateNeedles *list = g_new0 (BdScanGateNeedles, 1);

  list->needles = needles;
  list->n_needles = g_strv_length ((char **)needles);
  list->paired = list->n_needles <= MAX_PAIRED;
  for (guint i = 0; i < list->n_needles && list->paired; i++)
    {
      list->lengths[i] = strlen (needles[i]);
      list->paired = list->lengths[i] >= 2;
      list->first[(guchar)needles[i][0]] |= G_GUINT64_CONSTANT (1) << i;
      list->second[(guchar)needles[i][1]] |= G_GUINT64_CONSTANT (1) << i;
    }
  return list;
}

void
bd_scan_gate_needles_free (BdScanGateNeedles *list)
{
  g_free (list);
}

/**
 * bd_scan_gate_needles_in:
 *
 * Returns: whether one of @list's needles is in @text, as a strstr () of
 *   each tells (the case kept): one pass that looks up each place's first
 *   two bytes, and compares only the needles that start so, where each
 *   strstr () read the text again and cost a call (the Subject of every
 *   message that reached the last resort was searched for some thirty
 *   words).
 */
gboolean
bd_scan_gate_needles_in (const BdScanGateNeedles *list,
                         const char              *text)
{
  if (!list->paired)
    {
      for (guint i = 0; i < list->n_needles; i++)
        if (strstr (text, list->needles[i]) != NULL)
          return TRUE;
      return FALSE;
    }
  /* the byte after the last is the NUL, which starts no needle's pair */
  for (const char *p = text; *p != '\0'; p++)
    for (guint64 fit = list->first[(guchar)p[0]] & list->second[(guchar)p[1]]; fit != 0; fit &= fit - 1)
      {
        guint i = (guint)__builtin_ctzll (fit);

        if (strncmp (p, list->needles[i], list->lengths[i]) == 0)
          return TRUE;
      }
  return FALSE;
}

/* The fields bd_scan_gate_has_field () tells of, by the question. */
static const struct
{
  BdScanMemoQuestion question;
  const char        *name;
  gsize              len;
} gate_fields[] = {
  { BD_SCAN_MEMO_HAS_X_MLSERVER, "X-MLServer", 10 },
  { BD_SCAN_MEMO_HAS_X_MAILER, "X-Mailer", 8 },
  { BD_SCAN_MEMO_HAS_SES_STAMP, "X-SES-Outgoing", 14 },
  { BD_SCAN_MEMO_HAS_SES_STAMP, "X-AWS-Outgoing", 14 },
};

/* The lengths of their names, as bits. */
#define GATE_FIELD_LENGTHS (1u << 8 | 1u << 10 | 1u << 14)

/* Which of gate_fields[] the bounce has, as bits: one walk of its fields,
 * most turned away by the length of their name and its first letter
 * (Received, as long as X-Mailer, is most of a bounce's fields). */
static guint
walk_gate_fields (const BdMimePart *message)
{
  const BdMimeField *f = message->fields, *end = f + message->n_fields;
  guint found = 0;

  for (; f < end; f++)
    {
      if (f->name_len >= 32 || (GATE_FIELD_LENGTHS >> f->name_len & 1) == 0 || (f->name[0] | 0x20) != 'x')
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (gate_fields); i++)
        if (f->name_len == gate_fields[i].len && bd_text_equal_ci (f->name, gate_fields[i].name, f->name_len))
          found |= 1u << i;
    }
  return found;
}

/**
 * bd_scan_gate_walk_fields:
 *
 * Returns: bd_scan_gate_has_field (@input, @question), worked out: the
 *   fields walked once for all the questions, their answers told to the
 *   memo (in place, as bd_scan_gate_has_field () reads them).
 */
gboolean
bd_scan_gate_walk_fields (const BdScanInput  *input,
                          BdScanMemoQuestion  question)
{
  BdScanMemo *memo = input->memo;
  gboolean yes[BD_SCAN_MEMO_N_QUESTIONS] = { FALSE };
  guint found;

  found = input->message != NULL ? walk_gate_fields (input->message) : 0;
  for (guint i = 0; i < G_N_ELEMENTS (gate_fields); i++)
    yes[gate_fields[i].question] |= (found >> i & 1) != 0;
  if (memo != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (gate_fields); i++)
      memo->answers[gate_fields[i].question] = yes[gate_fields[i].question] ? BD_SCAN_MEMO_YES : BD_SCAN_MEMO_NO;
  return yes[question];
}
