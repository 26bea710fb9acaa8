/* bd-scan-gate.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first questions a scanner asks of the From: and the Subject:, the
 * same answers as bd_scan_from_has () and bd_scan_subject_has (), inline:
 * most scanners turn a message away on such a question, some forty a
 * message, and the call with its checks cost as much as the search of a
 * line this short. Inlined, a literal needle's bytes are constants.
 */
#pragma once

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-scan-util.h"

G_BEGIN_DECLS

/* Whether @needle (two bytes or more) is in @lower (@len bytes, 16 more
 * readable past them, bd_scan_input_init ()), @needle lowered as
 * compared: its first two bytes found together 16 places at a time, then
 * the rest compared up to @lower's NUL. bd_scan_from_has () and
 * bd_scan_subject_has () search with it too. */
static inline gboolean
bd_scan_gate_lowered_has (const char *lower,
                          gsize       len,
                          const char *needle)
{
#ifdef __SSE2__
  const __m128i first = _mm_set1_epi8 (bd_text_ascii_lower (needle[0]));
  const __m128i second = _mm_set1_epi8 (bd_text_ascii_lower (needle[1]));

  for (gsize at = 0; at < len; at += 16)
    {
      __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(lower + at));
      __m128i next = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(lower + at + 1));
      unsigned mask = (unsigned)_mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (block, first),
                                                                  _mm_cmpeq_epi8 (next, second)));

      /* the places past the end (the bytes after it) are not the text's */
      if (len - at < 16)
        mask &= (1u << (len - at)) - 1;
      for (; mask != 0; mask &= mask - 1)
        {
          const char *p = lower + at + __builtin_ctz (mask) + 2;
          gsize i = 2;

          for (; needle[i] != '\0' && p[i - 2] == bd_text_ascii_lower (needle[i]); i++)
            ;
          if (needle[i] == '\0')
            return TRUE;
        }
    }
  return FALSE;
#else
  return bd_text_strcasestr (lower, needle) != NULL;
#endif
}

/* Whether the body may hold @needle: FALSE when the first runs of its
 * phases tell that it certainly does not (bd_scan_quick_phases () is 0), in a
 * few compares. A gate asks this of its phrases before a question of the
 * From: or the Subject:, and searches the body for them only after: a
 * phrase that passes this is mostly there, and its search read the body
 * for nothing when the From: then turned the message away. */
static inline gboolean
bd_scan_gate_body_may_have (const BdScanInput *input,
                            const char        *needle)
{
  return bd_scan_quick_phases (input, needle, strlen (needle)) != 0;
}

/* bd_scan_from_has (@input, @needle), the same answer. */
static inline gboolean
bd_scan_gate_from_has (const BdScanInput *input,
                       const char        *needle)
{
  if (input->from_lower == NULL || input->from_lower_len == 0 || needle[0] == '\0' || needle[1] == '\0')
    return bd_scan_from_has (input, needle);
  return bd_scan_gate_lowered_has (input->from_lower, input->from_lower_len, needle);
}

/* bd_scan_subject_has (@input, @needle), the same answer. */
static inline gboolean
bd_scan_gate_subject_has (const BdScanInput *input,
                          const char        *needle)
{
  if (input->subject_lower == NULL || input->subject_lower_len == 0 || needle[0] == '\0' || needle[1] == '\0')
    return bd_scan_subject_has (input, needle);
  return bd_scan_gate_lowered_has (input->subject_lower, input->subject_lower_len, needle);
}

gboolean bd_scan_gate_walk_fields       (const BdScanInput *input,
                                         BdScanMemoQuestion question);

/**
 * bd_scan_gate_has_field:
 * @question: one of the BD_SCAN_MEMO_HAS_* questions
 *
 * Returns: whether the bounce has the header field @question names, as
 *   bd_scan_has_header () tells (for the SES stamp, either of its two
 *   names). The first question of a message walks its fields once for all
 *   of them (bd_scan_gate_walk_fields ()), and the memo keeps the answers,
 *   read here in place (bd_scan_memo_get_answer () cost a call): a
 *   bounce's header is long (its Received lines), and four scanners each
 *   walked it, mostly to find that the field they look for first is not
 *   there.
 */
static inline gboolean
bd_scan_gate_has_field (const BdScanInput  *input,
                        BdScanMemoQuestion  question)
{
  if (input->memo != NULL && input->memo->answers[question] != BD_SCAN_MEMO_UNKNOWN)
    return input->memo->answers[question] == BD_SCAN_MEMO_YES;
  return bd_scan_gate_walk_fields (input, question);
}

typedef struct _BdScanGateNames BdScanGateNames;

BdScanGateNames *bd_scan_gate_names_new     (guint32                providers);
void             bd_scan_gate_names_free    (BdScanGateNames       *set);
gboolean         bd_scan_gate_from_may_name (const BdScanInput     *input,
                                             const BdScanGateNames *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdScanGateNames, bd_scan_gate_names_free)

typedef struct _BdScanGateNeedles BdScanGateNeedles;

BdScanGateNeedles *bd_scan_gate_needles_new  (const char *const       *needles);
void               bd_scan_gate_needles_free (BdScanGateNeedles       *list);
gboolean           bd_scan_gate_needles_in   (const BdScanGateNeedles *list,
                                              const char              *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdScanGateNeedles, bd_scan_gate_needles_free)

char    *bd_scan_gate_collapse_prose    (const BdScanInput *input,
                                         const char        *stop_marker);

G_END_DECLS
