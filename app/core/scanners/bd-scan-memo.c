/* bd-scan-memo.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-scan-memo"

#include "config.h"

#include <string.h>

#include "bd-provider.h"
#include "bd-scan-memo-private.h"
#include "bd-scan-util.h"
#include "bd-text-grams.h"

/* The prose that explains a bounce comes first; past this, the rest is
 * quoted mail, and lowering it all would cost every ordinary message of a
 * big mailbox a full copy. */
#define PROSE_PREFIX 65536

BdScanMemo *
bd_scan_memo_new (void)
{
  return g_new0 (BdScanMemo, 1);
}

void
bd_scan_memo_free (BdScanMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->from_address);
  g_free (memo->lower_prose);
  bd_text_grams_free (memo->body_grams);
  bd_text_grams_free (memo->lower_prose_grams);
  g_free (memo);
}

/**
 * bd_scan_memo_from_address:
 * @owned: (out) (transfer full): set when there is no memo to keep the
 *   answer in; free it once done with the result
 *
 * Returns: (transfer none) (nullable): the address in the bounce's From:.
 */
const char *
bd_scan_memo_from_address (const BdScanInput *input,
                           char             **owned)
{
  BdScanMemo *memo;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (owned != NULL && *owned == NULL, NULL);

  memo = input->memo;
  if (memo == NULL)
    return *owned = bd_scan_extract_address (input->from);
  if (!memo->from_address_done)
    {
      memo->from_address = bd_scan_extract_address (input->from);
      memo->from_address_done = TRUE;
    }
  return memo->from_address;
}

static char *
lower_prose (const BdScanInput *input)
{
  gsize len = input->body_len;

  if (len > PROSE_PREFIX)
    len = g_utf8_find_prev_char (input->body, input->body + PROSE_PREFIX) - input->body;
  return bd_text_strdown (input->body, len);
}

/**
 * bd_scan_memo_lower_prose:
 * @owned: (out) (transfer full): as for bd_scan_memo_from_address()
 *
 * Returns: (transfer none): the start of the body (up to 64 KiB, where
 *   the prose is) in lower case.
 */
const char *
bd_scan_memo_lower_prose (const BdScanInput *input,
                          char             **owned)
{
  BdScanMemo *memo;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (owned != NULL && *owned == NULL, NULL);

  memo = input->memo;
  if (memo == NULL)
    return *owned = lower_prose (input);
  if (memo->lower_prose == NULL)
    memo->lower_prose = lower_prose (input);
  return memo->lower_prose;
}

/* bd_text_grams_may_contain_len() after bd_scan_quick_phases() said
 * @quick of @needle (@n bytes): the phases before the one it names are
 * not asked again, that one from the run after those it asked. */
static gboolean
grams_may_hold (const BdTextGrams *grams,
                const char        *needle,
                gsize              n,
                guint              quick)
{
  gsize first;

  if (quick == BD_SCAN_PHASES_UNASKED)
    return bd_text_grams_may_contain_len (grams, needle, n);
  first = quick - 1;
  if (bd_text_grams_phase_noted (grams, needle, n, first + BD_SCAN_QUICK_RUNS * BD_TEXT_GRAM_STRIDE))
    return TRUE;
  for (gsize phase = first + 1; phase < BD_TEXT_GRAM_STRIDE; phase++)
    if (bd_text_grams_phase_noted (grams, needle, n, phase))
      return TRUE;
  return FALSE;
}

/**
 * bd_scan_body_find_phases:
 * @needle_len: strlen (@needle)
 * @quick: what bd_scan_quick_phases() said of @needle (not 0), or
 *   %BD_SCAN_PHASES_UNASKED
 *
 * Returns: (nullable): where @needle first is in the body, as strstr()
 *   finds it (up to the body's first NUL, measured once a message; the
 *   search is bd_text_find()'s). Most such searches fail: the body's
 *   runs of four bytes, noted in the memo on the first search
 *   (bd-text-grams.h), answer most of those without reading the body; an
 *   input without a memo is searched directly. Here, not in
 *   bd-scan-util.c, to reach the memo without a call: the scanners ask
 *   some thirty times a message.
 */
const char *
bd_scan_body_find_phases (const BdScanInput *input,
                          const char        *needle,
                          gsize              needle_len,
                          guint              quick)
{
  BdScanMemo *memo;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  memo = input->memo;
  if (memo == NULL)
    return bd_text_find (input->body, strlen (input->body), needle, needle_len);
  if (memo->body_grams == NULL)
    memo->body_grams = bd_text_grams_new (input->body, input->body_len);
  if (!grams_may_hold (memo->body_grams, needle, needle_len, quick))
    return NULL;
  if (!memo->body_text_len_done)
    {
      memo->body_text_len = strlen (input->body);
      memo->body_text_len_done = TRUE;
    }
  return bd_text_find (input->body, memo->body_text_len, needle, needle_len);
}

/**
 * bd_scan_body_find_len:
 * @needle_len: strlen (@needle)
 *
 * Returns: (nullable): bd_scan_body_find_phases() with nothing asked of
 *   the grams before.
 */
const char *
bd_scan_body_find_len (const BdScanInput *input,
                       const char        *needle,
                       gsize              needle_len)
{
  return bd_scan_body_find_phases (input, needle, needle_len, BD_SCAN_PHASES_UNASKED);
}

/**
 * bd_scan_memo_lower_prose_grams:
 *
 * Returns: (transfer none) (nullable): the runs of four bytes in
 *   bd_scan_memo_lower_prose() up to its first NUL (as far as strstr()
 *   reads it), or %NULL without a memo.
 */
const BdTextGrams *
bd_scan_memo_lower_prose_grams (const BdScanInput *input)
{
  BdScanMemo *memo;
  char *unused = NULL;
  const char *lower;

  g_return_val_if_fail (input != NULL, NULL);

  memo = input->memo;
  if (memo == NULL)
    return NULL;
  if (memo->lower_prose_grams == NULL)
    {
      lower = bd_scan_memo_lower_prose (input, &unused);
      memo->lower_prose_grams = bd_text_grams_new (lower, strlen (lower));
    }
  return memo->lower_prose_grams;
}

/**
 * bd_scan_memo_from_providers:
 *
 * Returns: the providers (bit 1 << BdProviderId) whose mail domains the
 *   From: address is under, as bd_provider_has_address() tells them one
 *   by one: twelve scanners ask, each about its own provider.
 */
guint32
bd_scan_memo_from_providers (const BdScanInput *input)
{
  BdScanMemo *memo;

  g_return_val_if_fail (input != NULL, 0);

  memo = input->memo;
  if (memo == NULL || !memo->from_providers_done)
    {
      g_autofree char *owned = NULL;
      guint32 mask = bd_provider_mask_for_address (bd_scan_memo_from_address (input, &owned));

      if (memo == NULL)
        return mask;
      memo->from_providers = mask;
      memo->from_providers_done = TRUE;
    }
  return memo->from_providers;
}

/**
 * bd_scan_memo_get_answer:
 *
 * Returns: what a scanner found out about @question for this message
 *   (bd_scan_memo_set_answer()), or BD_SCAN_MEMO_UNKNOWN: the scanner
 *   asking works it out, and tells the memo.
 */
BdScanMemoAnswer
bd_scan_memo_get_answer (const BdScanInput  *input,
                         BdScanMemoQuestion  question)
{
  g_return_val_if_fail (input != NULL, BD_SCAN_MEMO_UNKNOWN);
  g_return_val_if_fail (question < BD_SCAN_MEMO_N_QUESTIONS, BD_SCAN_MEMO_UNKNOWN);

  return input->memo != NULL ? input->memo->answers[question] : BD_SCAN_MEMO_UNKNOWN;
}

void
bd_scan_memo_set_answer (const BdScanInput  *input,
                         BdScanMemoQuestion  question,
                         gboolean            yes)
{
  g_return_if_fail (input != NULL);
  g_return_if_fail (question < BD_SCAN_MEMO_N_QUESTIONS);

  if (input->memo != NULL)
    input->memo->answers[question] = yes ? BD_SCAN_MEMO_YES : BD_SCAN_MEMO_NO;
}
