/* bd-scan-util.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a prose scanner uses: looking into its input (From:, Subject:, a
 * header, the body up to the quoted original, split into lines), and
 * collapsing a server's reply onto one line (bd-scan-util.c). It includes
 * the other helpers a scanner needs, so that a scanner includes one header:
 * bd-text.h (case-insensitive search), bd-scan-codes.h (addresses and
 * codes) and bd-scan-record.h (adding recipients).
 */
#pragma once

#include <string.h>

#include "bd-scanner.h"
#include "bd-scan-memo-private.h"
#include "bd-scan-codes.h"
#include "bd-scan-record.h"
#include "bd-text.h"

G_BEGIN_DECLS

const char  *bd_scan_body_find_len     (const BdScanInput *input,
                                        const char  *needle,
                                        gsize        needle_len);
const char  *bd_scan_body_find_phases  (const BdScanInput *input,
                                        const char  *needle,
                                        gsize        needle_len,
                                        guint        quick);
gboolean     bd_scan_from_has          (const BdScanInput *input,
                                        const char  *needle);
gboolean     bd_scan_from_null_sender  (const BdScanInput *input);
gboolean     bd_scan_subject_has       (const BdScanInput *input,
                                        const char  *needle);
char        *bd_scan_header            (const BdScanInput *input,
                                        const char  *name);
gboolean     bd_scan_has_header        (const BdScanInput *input,
                                        const char  *name);
char        *bd_scan_original_to       (const BdScanInput *input);
void         bd_scan_add_addresses     (GPtrArray   *into,
                                        const char  *value);

char       **bd_scan_split_lines       (const BdScanInput *input,
                                        const char  *const *stop_markers);
int          bd_scan_find_line         (char       **lines,
                                        int          from,
                                        const char  *needle);

char        *bd_scan_collapse          (const char  *text);
char        *bd_scan_collapse_max      (const char  *text,
                                        gsize        max);
/* A reply being joined from a body's lines: a GString kept on the stack
 * while it is short, as nearly every reply is. A scanner joins each
 * recipient's reply and hands it to bd_scan_add (), which keeps a
 * collapsed copy: the GString (two allocations, a growth or two, their
 * frees) lived only for that. Set to BD_SCAN_TEXT_UNSET where declared
 * (outside a loop: that zeroes it whole), then bd_scan_text_init () for
 * each reply; g_auto () clears it. */
typedef struct
{
  char  *str;         /* the text, NUL-terminated: stack or heap */
  gsize  len;
  gsize  room;        /* what str holds, its NUL included */
  char   stack[256];
} BdScanText;

#define BD_SCAN_TEXT_UNSET { NULL, 0, 0, { 0 } }

void         bd_scan_text_init         (BdScanText  *text,
                                        const char  *init);
void         bd_scan_text_append_len   (BdScanText  *text,
                                        const char  *s,
                                        gsize        n);
void         bd_scan_text_clear        (BdScanText  *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BdScanText, bd_scan_text_clear)

char        *bd_scan_join_lines        (char       **lines,
                                        int          from,
                                        int          to);

/* How many runs of each phase of a needle the inline search below asks
 * of the body's grams: a needle missing from the body mostly misses one
 * of them (the first miss of a phase comes after 1.6 runs on average over
 * the corpus), and one asked of a literal needle is a single compare, its
 * run and hash the compiler's work. Two cost least: one lets more go to
 * the call, three and more add compares to every question (corpus Ir
 * 49.06 M with one, 48.88 M two, 48.91 M three, 48.95 M four). */
#define BD_SCAN_QUICK_RUNS 2

/* What bd_scan_quick_phases() says when it cannot tell: the grams are
 * not made yet, or the needle is too short to have a run in every phase. */
#define BD_SCAN_PHASES_UNASKED (BD_TEXT_GRAM_STRIDE + 1)

/* Where the body's grams (made by the first search of the message) may
 * hold @needle (@n bytes), by the first BD_SCAN_QUICK_RUNS runs of each
 * of its phases (bd-text-grams.h): 0 when each phase has one not noted
 * (certainly absent), else 1 + the first phase whose first runs are all
 * noted, those before it having one that is not. The call that goes on
 * from here asks the grams only what this did not. */
static inline guint
bd_scan_quick_phases (const BdScanInput *input,
                      const char        *needle,
                      gsize              n)
{
  const BdTextGrams *grams = input->memo != NULL ? input->memo->body_grams : NULL;

  if (grams == NULL || n < 3 + BD_TEXT_GRAM_STRIDE)   /* a phase without a run may be anywhere */
    return BD_SCAN_PHASES_UNASKED;
  /* unrolled, so that a literal's runs and their hashes are constants */
#pragma GCC unroll 4
  for (gsize phase = 0; phase < BD_TEXT_GRAM_STRIDE; phase++)
    {
      gsize missed = 0;

#pragma GCC unroll 8
      for (gsize k = 0; k < BD_SCAN_QUICK_RUNS; k++)
        {
          gsize i = phase + k * BD_TEXT_GRAM_STRIDE;

          if (i + 4 > n)
            break;
          missed |= !bd_text_grams_noted (grams, needle + i);
        }
      if (!missed)
        return phase + 1;
    }
  return 0;
}

/* Where @needle first is in the body, as strstr() finds it (see
 * bd_scan_body_find_len()); inline, so that the length of a literal
 * needle is the compiler's work, and most needles are turned away here
 * without a call. */
static inline const char *
bd_scan_body_find (const BdScanInput *input,
                   const char        *needle)
{
  gsize n = strlen (needle);
  guint quick = bd_scan_quick_phases (input, needle, n);

  if (quick == 0)
    return NULL;
  return bd_scan_body_find_phases (input, needle, n, quick);
}

static inline gboolean
bd_scan_body_has (const BdScanInput *input,
                  const char        *needle)
{
  return bd_scan_body_find (input, needle) != NULL;
}

/* g_autofree for a scanner's strings and line arrays, freed only when
 * set: most scanners return before they set any (the message is not in
 * their format), and g_autofree's cleanup calls g_free () even for NULL,
 * some forty calls a message. */
static inline void
bd_scan_free_if_set (void *p)
{
  gpointer *pointer = p;

  if (*pointer != NULL)
    g_free (*pointer);
}

#define bd_scan_autofree __attribute__ ((cleanup (bd_scan_free_if_set)))

/* g_str_has_prefix (), inline: the scanners test their lines' prefixes
 * one by one (some 3,000 a corpus), and GLib's call measured both
 * strings each time. The compare stops at @text's NUL, which differs from
 * the prefix's byte, and mostly at the first byte. */
static inline gboolean
bd_scan_has_prefix (const char *text,
                    const char *prefix)
{
  if (text == NULL)   /* GLib's says no (and warns) */
    return FALSE;
  for (gsize i = 0; prefix[i] != '\0'; i++)
    if (text[i] != prefix[i])
      return FALSE;
  return TRUE;
}

/* g_string_append_printf (@out, "%s ", @word), without the format read
 * and the text measured twice: the scanners join a reply's lines so. */
static inline void
bd_scan_append_word (GString    *out,
                     const char *word)
{
  g_string_append (out, word);
  g_string_append_c (out, ' ');
}

/* g_string_append_printf (@out, " %s", @word), likewise. */
static inline void
bd_scan_append_after_space (GString    *out,
                            const char *word)
{
  g_string_append_c (out, ' ');
  g_string_append (out, word);
}

/* g_string_append () for a BdScanText. */
static inline void
bd_scan_text_append (BdScanText *text,
                     const char *s)
{
  bd_scan_text_append_len (text, s, strlen (s));
}

/* g_string_append_c () for a BdScanText. */
static inline void
bd_scan_text_append_c (BdScanText *text,
                       char        c)
{
  if (text->len + 1 < text->room)
    {
      text->str[text->len++] = c;
      text->str[text->len] = '\0';
      return;
    }
  bd_scan_text_append_len (text, &c, 1);
}

/* g_string_truncate (, 0) for a BdScanText: its room is kept. */
static inline void
bd_scan_text_empty (BdScanText *text)
{
  text->len = 0;
  text->str[0] = '\0';
}

/* bd_scan_append_word () for a BdScanText. */
static inline void
bd_scan_text_append_word (BdScanText *text,
                          const char *word)
{
  bd_scan_text_append (text, word);
  bd_scan_text_append_c (text, ' ');
}

/* bd_scan_append_after_space () for a BdScanText. */
static inline void
bd_scan_text_append_after_space (BdScanText *text,
                                 const char *word)
{
  bd_scan_text_append_c (text, ' ');
  bd_scan_text_append (text, word);
}

G_END_DECLS
