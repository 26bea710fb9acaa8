/* bd-decoder-challenge.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Challenge-response notices: a filter in front of the recipient's mailbox
 * holds a message from an unknown sender and asks the sender to confirm
 * (or says the sender is already on its list). The message was not
 * refused, so the notice is not a returned email, even when it comes as a
 * delivery report (Boxbe sends a multipart/report with "Status: 4.7.0").
 *
 * Only the services' own sentences are recognised, each from a published
 * list of them:
 *  - Mail::DeliveryStatus::BounceParser (CPAN 1.543, lib/Mail/DeliveryStatus/
 *    BounceParser.pm, "Deal with some common C/R systems"): TMDA's
 *    "X-Delivery-Agent: TMDA" header, Bluebottle's "This account is
 *    protected by Bluebottle", Boxbe's "Please add yourself to my Boxbe
 *    Guest List" and "This is a one-time automated message to confirm that
 *    you're listed on my Boxbe Guest List";
 *  - What The Email (Daniel Bachhuber, class What_The_Email,
 *    $blocked_messages): the same Boxbe sentence, ChoiceMail's "ChoiceMail
 *    is holding the message you sent because your email address is not on
 *    my list of approved senders" and SpamBLK's "The person you tried to
 *    send this email to is using SpamBLK Whitemail to prevent spam".
 * BounceParser also takes "Your server requires confirmation" for one; we
 * do not: that text comes in a server's 550 refusal, quoted by the sending
 * server's report (Action: failed), so the message was not delivered and
 * will not be: a bounce, whose reply says what to do.
 * The sentences are compared in folded form (bd-phrase-fold.c), so line
 * breaks and case do not matter.
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-cpu.h"
#include "bd-decoder-private.h"
#include "bd-mime.h"
#include "bd-mime-walk.h"
#include "bd-phrase-fold.h"
#include "bd-text.h"

/* Each service's sentences, looked for only when its name is in the text
 * (the text is folded only then). */
static const struct
{
  const char *service;
  const char *const sentences[3];    /* folded, NULL-terminated */
} challenges[] = {
  { "Boxbe", { "please add yourself to my boxbe guest list", "you're listed on my boxbe guest list", NULL } },
  { "Bluebottle", { "this account is protected by bluebottle", NULL } },
  { "ChoiceMail", { "choicemail is holding the message you sent", NULL } },
  { "SpamBLK", { "is using spamblk whitemail to prevent spam", NULL } },
};

/* The services' names again, in lower case, each with the place in it
 * where name_lanes () below notices it. */
static const struct
{
  const char *lower;
  gsize       len;
  gsize       lane_at;
} names[] = {
  { "boxbe", 5, 1 },         /* "o?be" */
  { "choicemail", 10, 2 },   /* "o?ce" */
  { "bluebottle", 10, 0 },   /* "bl" */
  { "spamblk", 7, 4 },       /* "bl" */
};

/* Whether one of the names starts at @at, case ignored (bd_text_find_ci ()'s
 * ASCII folding), within [@text, @end). */
static gboolean
name_at (const char *text,
         const char *end,
         const char *at)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *start;

      if ((gsize)(at - text) < names[i].lane_at)
        continue;
      start = at - names[i].lane_at;
      if (start < end && (gsize)(end - start) >= names[i].len
          && bd_mime_walk_has_prefix_ci (start, names[i].lower, names[i].len))
        return TRUE;
    }
  return FALSE;
}

#ifdef __SSE2__
/* A bit for each of the 16 places from @p (19 bytes read) where a name may
 * be noticed: two lanes cover the four names, "o?[bc]e" (bOxBE,
 * chOiCE) and "bl" (BLuebottle, spamBLk), letters in either case. With
 * three lanes of letter pairs, one a name (as bd_text_needles_find () did
 * for "xbe", "bl" and "ch"), the test cost twice as much: every message
 * is searched, and nearly none names a service. */
static inline __m128i
name_lanes (const char *p)
{
  __m128i case_bit = _mm_set1_epi8 (0x20);
  __m128i b0 = _mm_or_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)p), case_bit);
  __m128i b1 = _mm_or_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 1)), case_bit);
  /* 'b', 'c', 'B' and 'C', and only they, are 0x42 without bits 0 and 5 */
  __m128i b2 = _mm_and_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 2)), _mm_set1_epi8 (0xde));
  __m128i b3 = _mm_or_si128 (_mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 3)), case_bit);
  __m128i o_be = _mm_and_si128 (_mm_and_si128 (_mm_cmpeq_epi8 (b0, _mm_set1_epi8 ('o')),
                                               _mm_cmpeq_epi8 (b2, _mm_set1_epi8 (0x42))),
                                _mm_cmpeq_epi8 (b3, _mm_set1_epi8 ('e')));
  __m128i bl = _mm_and_si128 (_mm_cmpeq_epi8 (b0, _mm_set1_epi8 ('b')), _mm_cmpeq_epi8 (b1, _mm_set1_epi8 ('l')));

  return _mm_or_si128 (o_be, bl);
}

static inline unsigned
name_mask (const char *p)
{
  return (unsigned)_mm_movemask_epi8 (name_lanes (p));
}
#endif

#ifdef __SSE2__
/* Whether a name is at one of the places from @p that @mask's bits mark. */
static gboolean
named_in_mask (const char *text,
               const char *end,
               const char *p,
               guint64     mask)
{
  for (; mask != 0; mask &= mask - 1)
    if (name_at (text, end, p + __builtin_ctzll (mask)))
      return TRUE;
  return FALSE;
}
#endif

#ifdef BD_CPU_AVX2_PATHS
/* name_lanes () for the 32 places from @p (35 bytes read). */
__attribute__ ((target ("avx2"))) static inline __m256i
name_lanes32 (const char *p)
{
  __m256i case_bit = _mm256_set1_epi8 (0x20);
  __m256i b0 = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)p), case_bit);
  __m256i b1 = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(p + 1)), case_bit);
  __m256i b2 = _mm256_and_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(p + 2)),
                                 _mm256_set1_epi8 ((char)0xde));
  __m256i b3 = _mm256_or_si256 (_mm256_loadu_si256 ((const __m256i *)(gconstpointer)(p + 3)), case_bit);
  __m256i o_be = _mm256_and_si256 (_mm256_and_si256 (_mm256_cmpeq_epi8 (b0, _mm256_set1_epi8 ('o')),
                                                     _mm256_cmpeq_epi8 (b2, _mm256_set1_epi8 (0x42))),
                                   _mm256_cmpeq_epi8 (b3, _mm256_set1_epi8 ('e')));
  __m256i bl = _mm256_and_si256 (_mm256_cmpeq_epi8 (b0, _mm256_set1_epi8 ('b')),
                                 _mm256_cmpeq_epi8 (b1, _mm256_set1_epi8 ('l')));

  return _mm256_or_si256 (o_be, bl);
}

/* names_any_in ()'s loop 32 places a block where AVX2 is: every message's
 * text is searched, and nearly none names a service. Returns where its
 * blocks end (the rest is the SSE2 loop's), or NULL when a name is in
 * them. */
__attribute__ ((target ("avx2"))) static const char *
names_in_blocks32 (const char *text,
                   const char *end,
                   const char *p)
{
  for (; end - p >= 128 + 3; p += 128)
    {
      __m256i l0 = name_lanes32 (p), l1 = name_lanes32 (p + 32);
      __m256i l2 = name_lanes32 (p + 64), l3 = name_lanes32 (p + 96);
      __m256i any = _mm256_or_si256 (_mm256_or_si256 (l0, l1), _mm256_or_si256 (l2, l3));

      if (G_LIKELY (_mm256_testz_si256 (any, any)))
        continue;
      if (named_in_mask (text, end, p, (guint32)_mm256_movemask_epi8 (l0)
                                       | (guint64)(guint32)_mm256_movemask_epi8 (l1) << 32)
          || named_in_mask (text, end, p + 64, (guint32)_mm256_movemask_epi8 (l2)
                                               | (guint64)(guint32)_mm256_movemask_epi8 (l3) << 32))
        return NULL;
    }
  return p;
}
#endif

/* Whether a service's name is in the @len bytes of @text, case ignored:
 * without one, none of the sentences is. */
static gboolean
names_any_in (const char *text,
              gsize       len)
{
  const char *p = text, *end = text + len;

#ifdef __SSE2__
  /* the last bytes, copied where 19 can be read, padded with NULs that
   * are in no lane */
  char tail[32] = { 0 };

#ifdef BD_CPU_AVX2_PATHS
  if (bd_cpu_has_avx2 () && (p = names_in_blocks32 (text, end, p)) == NULL)
    return TRUE;
#endif
  /* four blocks a turn, their lanes tested at once: the loop's own steps
   * and the test cost half a block's lanes; the places are worked out
   * only where a lane hit, from the blocks again */
  for (; end - p >= 64 + 3; p += 64)
    {
      __m128i any = _mm_or_si128 (_mm_or_si128 (name_lanes (p), name_lanes (p + 16)),
                                  _mm_or_si128 (name_lanes (p + 32), name_lanes (p + 48)));

      if (_mm_movemask_epi8 (any) != 0
          && named_in_mask (text, end, p, name_mask (p) | name_mask (p + 16) << 16
                                          | (guint64)name_mask (p + 32) << 32 | (guint64)name_mask (p + 48) << 48))
        return TRUE;
    }
  for (; p < end; p += 16)
    {
      const char *block = p;

      if (end - p < 19)
        {
          /* cleared: the last two turns may both come here */
          memset (tail, 0, sizeof tail);
          memcpy (tail, p, end - p);
          block = tail;
        }
      if (named_in_mask (text, end, p, name_mask (block)))
        return TRUE;
    }
#else
  for (; p < end; p++)
    if (name_at (text, end, p))
      return TRUE;
#endif
  return FALSE;
}

static gboolean
is_challenge (const BdMimePart *message,
              const char       *text,
              gsize             len)
{
  g_autofree char *agent = NULL;
  g_autofree char *folded = NULL;
  const char *folded_text = NULL;

  if (message != NULL && (agent = bd_mime_header (message, "X-Delivery-Agent")) != NULL
      && g_ascii_strncasecmp (g_strstrip (agent), "TMDA", 4) == 0)
    return TRUE;
  /* The length given is the body's buffer: a NUL inside it (decoded
   * from a part) would only have ended the text sooner, so no name
   * there means none before it; the rare text that names a service is
   * measured to its first NUL, as it was read before. */
  if (!names_any_in (text, len))
    return FALSE;
  len = strlen (text);
  for (guint i = 0; i < G_N_ELEMENTS (challenges); i++)
    {
      if (bd_text_find_ci (text, len, challenges[i].service) == NULL)
        continue;
      if (folded_text == NULL)
        folded_text = bd_phrase_fold (text, &folded);
      for (guint j = 0; challenges[i].sentences[j] != NULL; j++)
        if (strstr (folded_text, challenges[i].sentences[j]) != NULL)
          return TRUE;
    }
  return FALSE;
}

/**
 * bd_decoder_drop_challenge:
 * @bounce: what the report and the scanners read from @message
 * @message: the message
 * @text: its human-readable text (BdScanInput's body)
 * @len: its length (the input's body_len: most texts are not measured again)
 *
 * When @message is a challenge-response notice, drops what its report
 * said (recipients, reporting server), so that it is read as no bounce.
 */
void
bd_decoder_drop_challenge (BdBounce         *bounce,
                           const BdMimePart *message,
                           const char       *text,
                           gsize             len)
{
  g_assert (text[len] == '\0');

  if (!is_challenge (message, text, len))
    return;
  g_ptr_array_set_size (bounce->recipients, 0);
  g_clear_pointer (&bounce->mta, g_free);
  g_clear_pointer (&bounce->reporting_mta, g_free);
  g_clear_pointer (&bounce->arrival_date, g_free);
}
