/* test-scan-gate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanners' inline From: and Subject: questions (bd-scan-gate.h)
 * against bd_scan_from_has () and bd_scan_subject_has (), which they
 * replace: random texts of every length up to 64 over a small alphabet
 * (so that needles are often found, and found near the end), lowered into
 * a malloc'd block with the 16 bytes of padding that bd_scan_input_init ()
 * leaves and no more, and needles cut from them with their case changed.
 */
#include "config.h"

#include <string.h>

#include "bd-scan-gate.h"

static const char alphabet[] = "aAbB@.-x ";

static char *
random_text (GRand *rand,
             guint  len)
{
  char *text = g_malloc (len + 1);

  for (guint i = 0; i < len; i++)
    text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  text[len] = '\0';
  return text;
}

/* A needle: a piece of @text with its case flipped at random, or a
 * random one. */
static char *
random_needle (GRand      *rand,
               const char *text)
{
  gsize len = strlen (text);
  char *needle;

  if (len == 0 || g_rand_boolean (rand))
    return random_text (rand, g_rand_int_range (rand, 0, 6));
  {
    gsize at = g_rand_int_range (rand, 0, len);
    gsize n = g_rand_int_range (rand, 0, len - at + 1);

    needle = g_strndup (text + at, n);
  }
  for (char *p = needle; *p != '\0'; p++)
    if (g_rand_boolean (rand))
      *p = g_ascii_isupper (*p) ? g_ascii_tolower (*p) : g_ascii_toupper (*p);
  return needle;
}

static void
check_pair (const char *from,
            const char *subject,
            const char *needle)
{
  gsize from_len = strlen (from);
  gsize subject_len = strlen (subject);
  /* as bd_scan_input_init () lays them out: From, NUL, Subject, NUL, 16 NULs */
  g_autofree char *block = g_malloc (from_len + subject_len + 2 + 16);
  BdScanInput input = { .from = from, .subject = subject, .body = "" };
  BdScanInput by_hand = { .from = from, .subject = subject, .body = "" };

  bd_text_ascii_down_copy (block, from, from_len);
  block[from_len] = '\0';
  bd_text_ascii_down_copy (block + from_len + 1, subject, subject_len);
  memset (block + from_len + 1 + subject_len, 0, 17);
  input.from_lower = block;
  input.subject_lower = block + from_len + 1;
  input.from_lower_len = from_len;
  input.subject_lower_len = subject_len;

  if (bd_scan_gate_from_has (&input, needle) != bd_scan_from_has (&by_hand, needle)
      || bd_scan_gate_from_has (&by_hand, needle) != bd_scan_from_has (&by_hand, needle))
    g_error ("From \"%s\", needle \"%s\"", from, needle);
  if (bd_scan_gate_subject_has (&input, needle) != bd_scan_subject_has (&by_hand, needle)
      || bd_scan_gate_subject_has (&by_hand, needle) != bd_scan_subject_has (&by_hand, needle))
    g_error ("Subject \"%s\", needle \"%s\"", subject, needle);
}

static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint len = 0; len <= 64; len++)
    for (guint round = 0; round < 400; round++)
      {
        g_autofree char *from = random_text (rand, len);
        g_autofree char *subject = random_text (rand, g_rand_int_range (rand, 0, 65));
        g_autofree char *needle = random_needle (rand, round % 2 ? from : subject);

        check_pair (from, subject, needle);
      }
}

static void
test_edges (void)
{
  static const char *const needles[] = {
    "", "a", "A", "@", "amazonses.com", "MAILER-DAEMON@", "mailer-daemon@", "Mail Delivery System", "@au.com",
  };
  static const char *const froms[] = {
    "", "a", "MAILER-DAEMON@amazonses.com", "Mail Delivery System <mailer-daemon@x.example>", "x@AU.COM",
    "0123456789abcdeMAILER-DAEMON@", "0123456789abcdefMAILER-DAEMON", "0123456789abcdeM",
  };

  for (guint f = 0; f < G_N_ELEMENTS (froms); f++)
    for (guint n = 0; n < G_N_ELEMENTS (needles); n++)
      check_pair (froms[f], froms[G_N_ELEMENTS (froms) - 1 - f], needles[n]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/scanners/gate/edges", test_edges);
  g_test_add_func ("/core/scanners/gate/random", test_random);
  return g_test_run ();
}
