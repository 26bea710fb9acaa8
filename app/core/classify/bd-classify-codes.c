/* bd-classify-codes.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What codes and words say by themselves, before the classifier weighs
 * them (bd-classify.c): the reason an enhanced status code names (RFC
 * 3463, RFC 5248) and the SMTP command a reply answered.
 */
#define _GNU_SOURCE   /* memmem */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <string.h>

#include "bd-classify-private.h"
#include "bd-cpu.h"
#include "bd-phrases.h"
#include "bd-text.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif


/* RFC 3463 codes (and the registered RFC 5248 ones) that name a reason by
 * themselves. Generic "X.0.0" codes are absent on purpose. */
static const BdStatusRule status_rules[] = {
  { "2.1.5", BD_REASON_DELIVERED },
  { "4.1.6", BD_REASON_HASMOVED },
  { "4.1.7", BD_REASON_REJECTED },
  { "4.1.8", BD_REASON_REJECTED },
  { "4.1.9", BD_REASON_SYSTEMERROR },
  { "4.2.1", BD_REASON_SUSPEND },
  { "4.2.2", BD_REASON_MAILBOXFULL },
  { "4.2.3", BD_REASON_EXCEEDLIMIT },
  { "4.2.4", BD_REASON_FILTERED },
  { "4.3.1", BD_REASON_SYSTEMFULL },
  { "4.3.2", BD_REASON_NOTACCEPT },
  { "4.3.3", BD_REASON_SYSTEMERROR },
  { "4.3.5", BD_REASON_SYSTEMERROR },
  { "4.4.1", BD_REASON_EXPIRED },
  { "4.4.2", BD_REASON_NETWORKERROR },
  { "4.4.4", BD_REASON_NETWORKERROR },
  { "4.4.5", BD_REASON_SYSTEMFULL },
  { "4.4.6", BD_REASON_NETWORKERROR },
  { "4.4.7", BD_REASON_EXPIRED },
  { "4.5.3", BD_REASON_SYSTEMERROR },
  { "4.5.5", BD_REASON_SYSTEMERROR },
  { "4.6.0", BD_REASON_CONTENTERROR },
  { "4.6.2", BD_REASON_CONTENTERROR },
  { "4.6.5", BD_REASON_CONTENTERROR },
  { "4.7.1", BD_REASON_BLOCKED },
  { "4.7.2", BD_REASON_BLOCKED },
  { "4.7.5", BD_REASON_SECURITYERROR },
  { "4.7.6", BD_REASON_SECURITYERROR },
  { "4.7.7", BD_REASON_SECURITYERROR },
  { "4.7.12", BD_REASON_SECURITYERROR },
  { "4.7.15", BD_REASON_SECURITYERROR },
  { "4.7.16", BD_REASON_MESGTOOBIG },
  { "4.7.24", BD_REASON_AUTHFAILURE },
  { "4.7.25", BD_REASON_REQUIREPTR },
  { "5.1.0", BD_REASON_USERUNKNOWN },
  { "5.1.1", BD_REASON_USERUNKNOWN },
  { "5.1.2", BD_REASON_HOSTUNKNOWN },
  { "5.1.3", BD_REASON_USERUNKNOWN },
  { "5.1.4", BD_REASON_FILTERED },
  { "5.1.6", BD_REASON_HASMOVED },
  { "5.1.7", BD_REASON_REJECTED },
  { "5.1.8", BD_REASON_REJECTED },
  { "5.1.9", BD_REASON_SYSTEMERROR },
  { "5.1.10", BD_REASON_NOTACCEPT },
  { "5.2.0", BD_REASON_FILTERED },
  { "5.2.1", BD_REASON_FILTERED },
  { "5.2.2", BD_REASON_MAILBOXFULL },
  { "5.2.3", BD_REASON_EXCEEDLIMIT },
  { "5.2.4", BD_REASON_FILTERED },
  { "5.3.0", BD_REASON_SYSTEMERROR },
  { "5.3.1", BD_REASON_SYSTEMFULL },
  { "5.3.2", BD_REASON_NOTACCEPT },
  { "5.3.3", BD_REASON_SYSTEMERROR },
  { "5.3.4", BD_REASON_MESGTOOBIG },
  { "5.3.5", BD_REASON_SYSTEMERROR },
  { "5.4.0", BD_REASON_NETWORKERROR },
  { "5.4.3", BD_REASON_SYSTEMERROR },
  { "5.4.4", BD_REASON_HOSTUNKNOWN },
  { "5.5.3", BD_REASON_TOOMANYCONN },
  { "5.5.4", BD_REASON_SYSTEMERROR },
  { "5.5.5", BD_REASON_SYSTEMERROR },
  { "5.5.6", BD_REASON_SECURITYERROR },
  { "5.6.0", BD_REASON_CONTENTERROR },
  { "5.6.1", BD_REASON_CONTENTERROR },
  { "5.6.2", BD_REASON_CONTENTERROR },
  { "5.6.3", BD_REASON_CONTENTERROR },
  { "5.6.5", BD_REASON_CONTENTERROR },
  { "5.6.6", BD_REASON_CONTENTERROR },
  { "5.6.7", BD_REASON_CONTENTERROR },
  { "5.6.8", BD_REASON_CONTENTERROR },
  { "5.6.9", BD_REASON_CONTENTERROR },
  { "5.7.0", BD_REASON_SECURITYERROR },
  { "5.7.1", BD_REASON_SECURITYERROR },
  { "5.7.2", BD_REASON_SECURITYERROR },
  { "5.7.3", BD_REASON_SECURITYERROR },
  { "5.7.4", BD_REASON_SECURITYERROR },
  { "5.7.5", BD_REASON_SECURITYERROR },
  { "5.7.6", BD_REASON_SECURITYERROR },
  { "5.7.7", BD_REASON_SECURITYERROR },
  { "5.7.8", BD_REASON_SECURITYERROR },
  { "5.7.9", BD_REASON_SECURITYERROR },
  { "5.7.10", BD_REASON_SECURITYERROR },
  { "5.7.11", BD_REASON_SECURITYERROR },
  { "5.7.13", BD_REASON_SUSPEND },
  { "5.7.14", BD_REASON_SECURITYERROR },
  { "5.7.15", BD_REASON_SECURITYERROR },
  { "5.7.16", BD_REASON_MESGTOOBIG },
  { "5.7.17", BD_REASON_HASMOVED },
  { "5.7.18", BD_REASON_HASMOVED },
  { "5.7.19", BD_REASON_SECURITYERROR },
  { "5.7.20", BD_REASON_AUTHFAILURE },
  { "5.7.21", BD_REASON_AUTHFAILURE },
  { "5.7.22", BD_REASON_AUTHFAILURE },
  { "5.7.23", BD_REASON_AUTHFAILURE },
  { "5.7.24", BD_REASON_AUTHFAILURE },
  { "5.7.25", BD_REASON_REQUIREPTR },
  { "5.7.26", BD_REASON_AUTHFAILURE },
  { "5.7.27", BD_REASON_NOTACCEPT },
};

/* Every code of status_rules is "C.S.D": C one of 2, 4 and 5, S one
 * digit, D one digit or two without a leading zero. Such a code's place
 * in a table of 3 * 10 * 100 reasons, or -1 for any other string (which
 * no rule has). */
#define N_STATUS_KEYS (3 * 10 * 100)

static int
status_key (const char *status)
{
  const char *classes = "245";
  const char *class = status[0] != '\0' ? strchr (classes, status[0]) : NULL;
  int detail;

  if (class == NULL || status[1] != '.' || !g_ascii_isdigit (status[2]) || status[3] != '.'
      || !g_ascii_isdigit (status[4]))
    return -1;
  detail = status[4] - '0';
  if (status[5] != '\0')
    {
      if (detail == 0 || !g_ascii_isdigit (status[5]) || status[6] != '\0')
        return -1;
      detail = detail * 10 + (status[5] - '0');
    }
  return ((int)(class - classes) * 10 + (status[2] - '0')) * 100 + detail;
}

/**
 * bd_classify_status_rules:
 * @n: (out): their number
 *
 * Returns: the codes that name a reason by themselves, for the tests'
 *   reference.
 */
const BdStatusRule *
bd_classify_status_rules (guint *n)
{
  *n = G_N_ELEMENTS (status_rules);
  return status_rules;
}

/**
 * bd_classify_status:
 * @status: (nullable): an enhanced status code
 *
 * Returns: the reason the code names by itself, or %BD_REASON_UNDEFINED.
 */
BdReason
bd_classify_status (const char *status)
{
  /* status_rules by status_key (), built once: a hundred strcmp () calls
   * a recipient became a hash lookup, and then a read */
  static guint8 reasons[N_STATUS_KEYS];
  static gsize built;
  int key;

  G_STATIC_ASSERT (BD_N_REASONS <= G_MAXUINT8);
  if (g_once_init_enter (&built))
    {
      memset (reasons, BD_REASON_UNDEFINED, sizeof reasons);
      for (guint i = G_N_ELEMENTS (status_rules); i-- > 0;)   /* the first row wins, as the walk did */
        {
          key = status_key (status_rules[i].status);
          g_assert (key >= 0);
          reasons[key] = status_rules[i].reason;
        }
      g_once_init_leave (&built, 1);
    }
  if (status == NULL || (key = status_key (status)) < 0)
    return BD_REASON_UNDEFINED;
  return reasons[key];
}

/* Markers are looked for in the text as written, read as its folded copy
 * (bd_text_fold_lower(): ASCII lower case, every run of blanks one space,
 * none at either end) would read: folding a whole body only to search it
 * cost as much as the searches. Positions in the text keep the order of
 * those in the folded copy, which is all that is compared. */

/* Every marker starts with one of these anchors. Each anchor is found by
 * a key, two bytes of it rare together in bounces (a thousand places in
 * the corpus's 300 kB of bodies and replies, where the anchors' first two
 * letters were at 4,000), or its one byte; the anchor then starts at what
 * it has before the key, walked back. */
static const struct
{
  char        key[2];       /* in lower case; a NUL second byte for a key of one */
  const char *before;       /* what the anchor has before its key, folded */
  gsize       before_len;
  const char *anchor;       /* folded */
  gsize       anchor_len;
} anchors[] = {
#define ANCHOR(key, before, anchor) { key, before, sizeof before - 1, anchor, sizeof anchor - 1 }
  ANCHOR ("ly", "in rep", "in reply to "), ANCHOR ("af", "", "after "), ANCHOR ("gr", "pro", "progress was "),
  ANCHOR ("ik", "did not l", "did not like our "), ANCHOR ("[", "", "["), ANCHOR (">>", "", ">>> "),
  /* not an anchor: the start of the greeting's refusal (below) */
  ANCHOR ("lk", "while ta", "while talking to "),
#undef ANCHOR
};
enum { IN_REPLY, AFTER, PROGRESS, DID_NOT, BRACKET, TRANSCRIPT, TALKING };

static const struct
{
  const char *marker;
  const char *command;
  guint       anchor;
} markers[] = {
  { "in reply to rcpt to", "RCPT", IN_REPLY }, { "in reply to mail from", "MAIL", IN_REPLY },
  { "in reply to end of data", "DATA", IN_REPLY }, { "in reply to data", "DATA", IN_REPLY },
  { "in reply to ehlo", "EHLO", IN_REPLY }, { "in reply to helo", "HELO", IN_REPLY },
  { "after rcpt to", "RCPT", AFTER }, { "after rcpt command", "RCPT", AFTER },
  { "after mail command", "MAIL", AFTER }, { "after data command", "DATA", AFTER },
  { "progress was rcpt to response", "RCPT", PROGRESS }, { "progress was mail from response", "MAIL", PROGRESS },
  { "after mail from", "MAIL", AFTER }, { "after end of data", "DATA", AFTER },
  { "after initial connection", "CONN", AFTER }, { "after data", "DATA", AFTER }, { "after ehlo", "EHLO", AFTER },
  { "after helo", "HELO", AFTER }, { "did not like our rcpt to", "RCPT", DID_NOT },
  { "did not like our mail from", "MAIL", DID_NOT }, { "did not like our final data", "DATA", DID_NOT },
  { "did not like our data", "DATA", DID_NOT }, { "[rcpt_to]", "RCPT", BRACKET }, { "[mail_from]", "MAIL", BRACKET },
  { "[data]", "DATA", BRACKET }, { ">>> rcpt to", "RCPT", TRANSCRIPT }, { ">>> mail from", "MAIL", TRANSCRIPT },
  { ">>> data", "DATA", TRANSCRIPT }, { ">>> ehlo", "EHLO", TRANSCRIPT }, { ">>> helo", "HELO", TRANSCRIPT },
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether the folded copy of the text, from @p (a byte that is not
 * blank), starts with @folded (lower case, single spaces): where the
 * text goes on after it, or %NULL. */
static const char *
folded_at (const char *p,
           const char *folded)
{
  for (; *folded != '\0'; folded++)
    {
      if (*folded != ' ')
        {
          if (bd_text_ascii_lower (*p++) != *folded)   /* a NUL differs too */
            return NULL;
          continue;
        }
      /* a run of blanks is a space, unless it ends the text */
      if (!is_blank (*p))
        return NULL;
      while (is_blank (*p))
        p++;
      if (*p == '\0')
        return NULL;
    }
  return p;
}

/* Where the anchor whose key is at @key starts, or %NULL: its part
 * before the key walked back (a space as a run of blanks). The letters
 * are only counted here; folded_at() compares them. */
static const char *
anchor_start (const char *text,
              const char *key,
              guint       anchor)
{
  const char *before = anchors[anchor].before;
  const char *p = key;

  for (gsize i = anchors[anchor].before_len; i > 0; i--)
    {
      if (before[i - 1] != ' ')
        {
          if (p == text)
            return NULL;
          p--;
          continue;
        }
      if (p == text || !is_blank (p[-1]))
        return NULL;
      while (p > text && is_blank (p[-1]))
        p--;
    }
  return p;
}

/* Whether @anchor's key is at @p (before the text's NUL). */
static inline gboolean
key_at (const char *p,
        guint       anchor)
{
  const char *key = anchors[anchor].key;

  return bd_text_ascii_lower (p[0]) == key[0] && (key[1] == '\0' || bd_text_ascii_lower (p[1]) == key[1]);
}

#ifdef __SSE2__
/* A bit for each of the 16 places from @p where some key may be (reads
 * 17 bytes). The bytes are compared with their 0x20 bit set, so that both
 * cases of a letter are one (and '[' is '{', '>' itself); key_at()
 * checks the places found. */
static inline unsigned
keys_in_block (const char *p)
{
  const __m128i case_bit = _mm_set1_epi8 (0x20);
  __m128i first = _mm_or_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)p), case_bit);
  __m128i second = _mm_or_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 1)), case_bit);
  __m128i hits = _mm_setzero_si128 ();

#pragma GCC unroll 8
  for (guint a = 0; a < G_N_ELEMENTS (anchors); a++)
    {
      __m128i at = _mm_cmpeq_epi8 (first, _mm_set1_epi8 (anchors[a].key[0] | 0x20));

      if (anchors[a].key[1] != '\0')
        at = _mm_and_si128 (at, _mm_cmpeq_epi8 (second, _mm_set1_epi8 (anchors[a].key[1] | 0x20)));
      hits = _mm_or_si128 (hits, at);
    }
  return (unsigned)_mm_movemask_epi8 (hits);
}
#endif

#ifdef BD_CPU_AVX2_PATHS
/* Each anchor's key bytes (with the 0x20 bit set) in every byte of a
 * vector, worked out once: compared from memory, they cost no steps of
 * their own in the loop below, where making them again did. A NUL second
 * byte stays NUL (a key of one byte). */
typedef struct
{
  guint8 first[32];
  guint8 second[32];
} KeyVectors;

static const KeyVectors *
key_vectors (void)
{
  static KeyVectors vectors[G_N_ELEMENTS (anchors)] __attribute__ ((aligned (32)));
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (guint a = 0; a < G_N_ELEMENTS (anchors); a++)
        {
          memset (vectors[a].first, anchors[a].key[0] | 0x20, 32);
          memset (vectors[a].second, anchors[a].key[1] != '\0' ? anchors[a].key[1] | 0x20 : 0, 32);
        }
      g_once_init_leave (&made, 1);
    }
  return vectors;
}

/* keys_in_block () for 32 places (reads 33 bytes), where the processor
 * has AVX2 (chosen when the program runs): half the steps over a body. */
__attribute__ ((target ("avx2"))) static inline unsigned
keys_in_block32 (const char       *p,
                 const KeyVectors *keys)
{
  const __m256i case_bit = _mm256_set1_epi8 (0x20);
  __m256i first = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)p), case_bit);
  __m256i second = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(p + 1)), case_bit);
  __m256i hits = _mm256_setzero_si256 ();

#pragma GCC unroll 8
  for (guint a = 0; a < G_N_ELEMENTS (anchors); a++)
    {
      __m256i at = _mm256_cmpeq_epi8 (first, _mm256_load_si256 ((const __m256i *)(gconstpointer)keys[a].first));

      if (anchors[a].key[1] != '\0')
        at = _mm256_and_si256 (at, _mm256_cmpeq_epi8 (second, _mm256_load_si256 ((const __m256i *)(gconstpointer)keys[a].second)));
      hits = _mm256_or_si256 (hits, at);
    }
  return (unsigned)_mm256_movemask_epi8 (hits);
}
#endif

/* What a search has found so far: where each marker was (at[i] is
 * set only where bit i of @found is, so that the array needs no
 * clearing and only the markers found are read again), and the first
 * "while talking to ". */
typedef struct
{
  const char *at[G_N_ELEMENTS (markers)];
  guint32     found;
  const char *talk;
} Found;

G_STATIC_ASSERT (G_N_ELEMENTS (markers) <= 32);

/* A bit per marker of each anchor, so that an anchor found asks only its
 * own markers: worked out once from the tables. */
static const guint32 *
markers_of_anchors (void)
{
  static guint32 masks[G_N_ELEMENTS (anchors)];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
        masks[markers[i].anchor] |= 1u << i;
      g_once_init_leave (&made, 1);
    }
  return masks;
}

/* Records the markers of @anchor that start at @start, the anchor
 * itself going on to @rest: the first mention, or the last in a Sendmail
 * transcript (">>> "), whose last command is the one that failed. Only
 * what a marker has past its anchor is compared again. */
static void
note_markers (const char *start,
              const char *rest,
              guint       anchor,
              Found      *found)
{
  gsize anchor_len = anchors[anchor].anchor_len;

  for (guint32 mask = markers_of_anchors ()[anchor]; mask != 0; mask &= mask - 1)
    {
      guint i = __builtin_ctz (mask);

      if (folded_at (rest, markers[i].marker + anchor_len) != NULL
          && (!(found->found & 1u << i)
              || (anchor == TRANSCRIPT ? start > found->at[i] : start < found->at[i])))
        {
          found->at[i] = start;
          found->found |= 1u << i;
        }
    }
}

/* What the key at @key starts, when it is @anchor's key. */
static void
note_anchor (const char *text,
             const char *key,
             guint       anchor,
             Found      *found)
{
  const char *start = anchor_start (text, key, anchor);
  const char *rest;

  if (start == NULL || (rest = folded_at (start, anchors[anchor].anchor)) == NULL)
    return;
  if (anchor != TALKING)
    note_markers (start, rest, anchor, found);
  else if (found->talk == NULL || start < found->talk)
    found->talk = start;
}

static void
note_keys_at (const char *text,
              const char *p,
              Found      *found)
{
  for (guint a = 0; a < G_N_ELEMENTS (anchors); a++)
    if (key_at (p, a))
      note_anchor (text, p, a, found);
}

#ifdef __SSE2__
/* The places of @mask (bit k: @p + k) where some key may be. */
static void
note_keys_in (const char *text,
              const char *p,
              unsigned    mask,
              Found      *found)
{
  for (; mask != 0; mask &= mask - 1)
    note_keys_at (text, p + __builtin_ctz (mask), found);
}
#endif

#ifdef BD_CPU_AVX2_PATHS
/* The keys in the blocks of 33 bytes from @p on, 32 places a block;
 * returns where the blocks end. */
__attribute__ ((target ("avx2"))) static const char *
note_keys_in_blocks32 (const char *text,
                       const char *p,
                       const char *end,
                       Found      *found)
{
  const KeyVectors *keys = key_vectors ();

  for (; end - p >= 33; p += 32)
    {
      unsigned mask = keys_in_block32 (p, keys);

      /* most blocks hold no key: no call, and the keys' vectors stay */
      if (G_UNLIKELY (mask != 0))
        note_keys_in (text, p, mask, found);
    }
  return p;
}
#endif

/* Where each marker is in @text, and the first "while talking to ": one
 * pass for every key, 16 places at a time where SSE2 is (bodies are
 * searched whole). */
static void
find_markers (const char *text,
              Found      *found)
{
  const char *end = text + strlen (text);
  const char *p = text;
#ifdef __SSE2__
  /* the last bytes, copied where 17 can be read, padded with NULs (a
   * space once its 0x20 bit is set): no key */
  char tail[32] = { 0 };

#ifdef BD_CPU_AVX2_PATHS
  if (bd_cpu_has_avx2 ())
    p = note_keys_in_blocks32 (text, p, end, found);
#endif
  /* every place of a block whose 17 bytes are all in the text is in it */
  for (; end - p >= 17; p += 16)
    note_keys_in (text, p, keys_in_block (p), found);
  if (p == end)
    return;
  memcpy (tail, p, end - p);
  /* only the places before the end: a key may start at most there */
  note_keys_in (text, p, keys_in_block (tail) & ((1u << (end - p)) - 1), found);
#else
  for (; p < end; p++)
    note_keys_at (text, p, found);
#endif
}

/* A Sendmail transcript whose server answered before any command was
 * sent ("... while talking to mx.example.org.:" then "<<< 554 …"): the
 * first ": " after @talk is followed by "<<< ". */
static gboolean
refused_at_greeting (const char *talk)
{
  const char *colon = talk;

  while ((colon = strchr (colon, ':')) != NULL && folded_at (colon, ": ") == NULL)
    colon++;
  if (colon == NULL)
    return FALSE;
  colon++;
  while (is_blank (*colon))
    colon++;
  return folded_at (colon, "<<< ") != NULL;
}

/* The SMTP command a reply answered, from the words around it: Postfix's
 * "(in reply to RCPT TO command)", Exim's "after MAIL FROM", qmail's "did
 * not like our RCPT TO", Sendmail's ">>> DATA" transcript lines. @text is
 * read as folded (bd_text_fold_lower()), so it may be folded already or
 * not. */
const char *
bd_classify_find_command (const char *text)
{
  Found found;
  const char *best = NULL, *best_at = NULL;

  if (text == NULL)
    return NULL;
  found.found = 0;
  found.talk = NULL;
  find_markers (text, &found);
  for (guint32 mask = found.found; mask != 0; mask &= mask - 1)
    {
      guint i = __builtin_ctz (mask);
      const char *at = found.at[i];

      /* The first mention wins, except in a Sendmail transcript. */
      if (best_at == NULL || (markers[i].anchor == TRANSCRIPT ? at > best_at : at < best_at))
        {
          best = markers[i].command;
          best_at = at;
        }
    }
  if (best == NULL && found.talk != NULL && refused_at_greeting (found.talk))
    best = "CONN";
  return best;
}
