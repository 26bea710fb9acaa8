/* test-scan-helpers.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanners' shared text helpers (bd-scan-util.h: status and reply
 * codes, hosts, addresses, diagnostics) and the HTML-to-text of their
 * input (bd-mime-text.h), on their own.
 */
#include "config.h"

#include <gmime/gmime.h>
#include <locale.h>
#include <string.h>

#include "bd-mime-text.h"
#include "bd-provider.h"
#include "bd-mime.h"
#include "bd-scan-input.h"
#include "bd-scan-memo.h"
#include "bd-scan-util.h"
#include "bd-scan-i18n.h"
#include "bd-scan-localized-private.h"
#include "bd-phrase-fold.h"
#include "bd-text.h"
#include "bd-test-util.h"

static void
test_util_status (void)
{
  char status[BD_SCAN_STATUS_MAX];

  g_assert_true (bd_scan_find_status ("550 5.1.1 <a@b.example>... User unknown", status));
  g_assert_cmpstr (status, ==, "5.1.1");
  g_assert_true (bd_scan_find_status ("host [192.0.2.1]: 550-5.7.26 Unauthenticated", status));
  g_assert_cmpstr (status, ==, "5.7.26");
  g_assert_true (bd_scan_find_status ("Sorry, no mailbox here by that name. (#5.1.1)", status));
  g_assert_cmpstr (status, ==, "5.1.1");
  g_assert_true (bd_scan_find_status ("250 2.1.5 Ok", status));
  g_assert_cmpstr (status, ==, "2.1.5");
  g_assert_false (bd_scan_find_status ("connect to 5.1.1.1 failed", status));
  g_assert_false (bd_scan_find_status ("version 45.1.1", status));
  g_assert_false (bd_scan_find_status ("", status));
  /* a failure anywhere wins over a success before it */
  g_assert_true (bd_scan_find_status ("250 2.1.5 Ok; 550 5.1.1 unknown; 4.2.2 full", status));
  g_assert_cmpstr (status, ==, "5.1.1");
  g_assert_true (bd_scan_find_status ("2.0.0 queued 2.1.5 Ok", status));
  g_assert_cmpstr (status, ==, "2.0.0");
}

static void
test_util_reply_code (void)
{
  g_assert_cmpuint (bd_scan_find_reply_code ("host mx [192.0.2.153]: 550 5.1.1 unknown"), ==, 550);
  g_assert_cmpuint (bd_scan_find_reply_code ("550-5.7.1 rejected"), ==, 550);
  g_assert_cmpuint (bd_scan_find_reply_code ("[203.0.113.254] said: 421 try later"), ==, 421);
  g_assert_cmpuint (bd_scan_find_reply_code ("sent 250 Ok then 552 too big"), ==, 552);
  g_assert_cmpuint (bd_scan_find_reply_code ("250 2.0.0 Ok"), ==, 250);
  g_assert_cmpuint (bd_scan_find_reply_code ("id 5501 at 10:45:00 in 2024"), ==, 0);
  g_assert_cmpuint (bd_scan_find_reply_code ("192.0.2.450"), ==, 0);
}

/* "host NAME": the name after the word; a "host " with nothing usable
 * after it, at the very end of the text, was once read past (fuzzing). */
static void
test_util_host (void)
{
  static const struct { const char *text; const char *host; } hosts[] = {
    { "Remote host mx1.odbiorca.example said: 550", "mx1.odbiorca.example" },
    { "host [mx.example.org]: 554 rejected", "mx.example.org" },
    { "ghost mx.example.org", NULL },
    { "no such host ", NULL },
    { "host ", NULL },
    { "host x host mail.example.com.", "mail.example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      g_autofree char *text = g_strdup (hosts[i].text);   /* exact size: ASan sees an overread */
      g_autofree char *host = bd_scan_host_in (text);

      g_assert_cmpstr (host, ==, hosts[i].host);
    }
}

static void
test_util_strdown (void)
{
  g_autofree char *ascii = bd_text_strdown ("550 User UNKNOWN", -1);
  g_autofree char *polish = bd_text_strdown ("Skrzynka PEŁNA", -1);
  g_autofree char *part = bd_text_strdown ("ABCDEF", 3);

  g_assert_cmpstr (ascii, ==, "550 user unknown");
  g_assert_cmpstr (polish, ==, "skrzynka pełna");
  g_assert_cmpstr (part, ==, "abc");

  /* every length around the 16 bytes lowered at once, ASCII or with a
   * Polish letter anywhere, and a length that stops short */
  for (gsize n = 0; n < 70; n++)
    for (gsize at = 0; at <= n; at++)
      {
        g_autoptr(GString) text = g_string_new (NULL);
        g_autofree char *lowered = NULL;
        g_autofree char *expected = NULL;
        g_autofree char *prefix = NULL;

        for (gsize i = 0; i < n; i++)
          g_string_append_c (text, "AZaz@[`{ 09\t\n"[(i * 7 + n) % 14]);
        lowered = bd_text_strdown (text->str, -1);
        expected = g_ascii_strdown (text->str, -1);
        g_assert_cmpstr (lowered, ==, expected);
        prefix = bd_text_strdown (text->str, at);
        g_clear_pointer (&expected, g_free);
        expected = g_ascii_strdown (text->str, at);
        g_assert_cmpstr (prefix, ==, expected);
        g_string_insert (text, at, "Ł");
        g_clear_pointer (&lowered, g_free);
        g_clear_pointer (&expected, g_free);
        lowered = bd_text_strdown (text->str, -1);
        expected = g_utf8_strdown (text->str, -1);
        g_assert_cmpstr (lowered, ==, expected);
      }
}

static void
assert_strdown_as_glib (const char *text,
                        gssize      len)
{
  /* GLib 2.74 reads up to 3 bytes past a cut-off last character: both
   * read a copy with room for that (ASan flagged the reference call) */
  gsize n = len < 0 ? strlen (text) : (gsize)len;
  g_autofree char *padded = g_malloc0 (n + 4);
  g_autofree char *lowered = NULL;
  g_autofree char *expected = NULL;

  memcpy (padded, text, n);
  lowered = bd_text_strdown (padded, len);
  expected = g_utf8_strdown (padded, len);
  g_assert_cmpstr (lowered, ==, expected);
}

/* Every code point (and surrogates, and past U+10FFFF) between ASCII, after
 * a capital sigma, before ASCII, a combining dot and the end. */
static void
test_util_strdown_code_points (void)
{
  for (gunichar c = 0x80; c < 0x110000 + 0x100; c += BD_TEST_STEP)
    {
      char utf8[8] = { 0 }, text[40];
      int n = g_unichar_to_utf8 (c, utf8);

      if (c >= 0x110000)
        n = 4, utf8[0] = 0xf4 + ((c >> 18) & 3), utf8[1] = 0x80 | ((c >> 12) & 0x3f),
        utf8[2] = 0x80 | ((c >> 6) & 0x3f), utf8[3] = 0x80 | (c & 0x3f);
      g_snprintf (text, sizeof text, "A\xce\xa3%.*sB%.*s\xce\xa3 I\xcc\x87%.*s", n, utf8, n, utf8, n, utf8);
      assert_strdown_as_glib (text, -1);
    }
}

/* Random prose of ASCII, letters whose lowering depends on what follows
 * (capital sigma) or on the locale ('I', 'J', U+0130, combining dot), that
 * grow when lowered (U+023A), titlecase, CJK and invalid UTF-8 (overlong
 * too, which bd_text_strdown() leaves to GLib); runs of accented letters,
 * lowered without GLib when of two or three bytes; with NULs
 * when the length is given. In C and C.UTF-8 (both locale-neutral). */
static void
test_util_strdown_mixed (void)
{
  static const char *const pieces[] = {
    "A", "b", "I", "J", " ", ".", "Mailbox FULL ", "\xce\xa3", "\xcf\x83", "\xcf\x82", "\xc4\xb0",
    "\xcc\x87", "\xc7\x85", "\xe1\xba\x9e", "\xc8\xba", "\xc5\x81", "\xe6\x97\xa5\xe6\x9c\xac",
    "\xef\xbc\xa9", "\xc3", "\xe2", "\xf0\x9f", "\xe2\x82", "\x80", "\xff", "\xf4\x90\x80\x80", "\xc3\x84", "\xc3\xa4",
    /* overlong 'A' and U+07FF, a surrogate, Cyrillic and Greek capitals */
    "\xe0\x81\x81", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xd0\x9f", "\xd0\xbf", "\xce\x91",
  };
  const char *locales[] = { "C", "C.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_CTYPE, NULL));
  g_autoptr(GRand) rand = g_rand_new_with_seed (2074);

  for (gsize l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      if (setlocale (LC_CTYPE, locales[l]) == NULL)
        continue;
      for (guint i = 0; i < BD_TEST_ROUNDS (40000); i++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          guint count = g_rand_int_range (rand, 0, 30);

          for (guint k = 0; k < count; k++)
            g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
          assert_strdown_as_glib (text->str, -1);
          assert_strdown_as_glib (text->str, g_rand_int_range (rand, 0, text->len + 1));
          /* a NUL inside a given length */
          if (text->len > 0)
            {
              text->str[g_rand_int_range (rand, 0, text->len)] = '\0';
              assert_strdown_as_glib (text->str, text->len);
            }
        }
    }
  setlocale (LC_CTYPE, saved);
}

/* A search within a length, case aside: the bytes after it are not
 * read, nor needed to end in a NUL. */
static void
test_util_find_ci (void)
{
  static const char line[] = { 'R', 'C', 'P', 'T', ' ', '<', 'J', 'a', 'n', '@', 'E', 'x', '>', '!' };
  const char *text = "550 User Unknown: <jan@example.org> here";

  g_assert_true (bd_text_find_ci (line, sizeof line, "jan@ex") == line + 6);
  g_assert_true (bd_text_find_ci (line, sizeof line, "x>!") == line + 11);
  g_assert_null (bd_text_find_ci (line, sizeof line - 1, "x>!"));
  g_assert_null (bd_text_find_ci (line, 3, "rcpt"));
  g_assert_true (bd_text_find_ci (line, 4, "rcpt") == line);
  g_assert_true (bd_text_find_ci (line, 0, "") == line);
  g_assert_true (bd_text_find_ci (text, strlen (text), "UNKNOWN") == text + 9);
  g_assert_true (bd_text_find_ci (text, strlen (text), "JAN@EXAMPLE.ORG") == bd_text_strcasestr (text, "jan@example.org"));
  g_assert_null (bd_text_find_ci (text, 20, "jan@example.org"));
  g_assert_true (bd_text_find_ci (text, strlen (text), "E") == text + 6);
  g_assert_null (bd_text_find_ci (text, strlen (text), "q"));
}

/* What bd_text_fold_lower() must give, byte by byte. */
static char *
reference_fold (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean blank = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          blank = TRUE;
          continue;
        }
      if (blank && out->len > 0)
        g_string_append_c (out, ' ');
      blank = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/* Folding, on hand-made edge cases and on random texts of words, blanks
 * and other bytes of every length around the 16 bytes it copies at once. */
static void
test_util_fold_lower (void)
{
  static const char *const texts[] = {
    "", " ", "\r\n", "A", "  Hello\r\n  World  ", "550 5.1.1 USER\tunknown\n(in reply to RCPT TO command)",
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ABCDEFGHIJKLMNO PQRSTUVWXYZ012345 ",
    "ABCDEFGHIJKLMNOP QRSTUVWXYZ", "word word word word word word word word", "x\x01y\x0bz\x0c@[]{}`\x7f\xc5\x81\xff",
  };
  static const char alphabet[] = "aZ@[`{ \t\n\r.-\x80\xc5\x81";
  GRand *rand = g_rand_new_with_seed (19);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *folded = bd_text_fold_lower (texts[i]);
      g_autofree char *expected = reference_fold (texts[i]);

      g_assert_cmpstr (folded, ==, expected);
    }
  {
    g_autofree char *folded = bd_text_fold_lower ("  Hello\r\n  World  ");

    g_assert_cmpstr (folded, ==, "hello world");
  }
  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      gsize len = g_rand_int_range (rand, 0, 80);
      g_autofree char *text = g_malloc (len + 1);
      g_autofree char *folded = NULL;
      g_autofree char *expected = NULL;
      /* mostly letters and single spaces, as prose is */
      gint32 blanks = g_rand_int_range (rand, 1, 12);

      for (gsize j = 0; j < len; j++)
        text[j] = g_rand_int_range (rand, 0, blanks) == 0 ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                                                        : 'A' + g_rand_int_range (rand, 0, 58);
      text[len] = '\0';
      folded = bd_text_fold_lower (text);
      expected = reference_fold (text);
      g_assert_cmpstr (folded, ==, expected);
    }
  g_rand_free (rand);
}

static void
test_util_address (void)
{
  static const struct { const char *text; const char *address; } addresses[] = {
    { "<jan@firma.example>:", "jan@firma.example" },
    { "  \"jan.nowak@odbiorca.example\" ", "jan.nowak@odbiorca.example" },
    { "mailto:biuro@firma.example.", "biuro@firma.example" },
    { "RCPT TO:<a+tag@sub.example.co.uk> said", "a+tag@sub.example.co.uk" },
    { "root@localhost", "root@localhost" },
    { "user@[192.0.2.1]", "user@[192.0.2.1]" },
    { "@ twitter handle, no address", NULL },
    { "no at sign", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *got = bd_scan_extract_address (addresses[i].text);

      g_assert_cmpstr (got, ==, addresses[i].address);
    }
  g_assert_true (bd_scan_is_address ("     kijitora@example.jp"));
  g_assert_true (bd_scan_is_address ("<kijitora@example.jp>"));
  g_assert_false (bd_scan_is_address ("mail to kijitora@example.jp failed"));
}

/* bd_scan_is_address () as it was: on a stripped copy. */
static gboolean
is_address_reference (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *address = bd_scan_extract_address (trimmed);

  return address != NULL && strlen (address) + 4 >= strlen (trimmed) && strchr (trimmed, ' ') == NULL;
}

/* bd_scan_is_address () copies only a text that blanks end: random texts
 * of address pieces and every kind of ASCII blank at either end or
 * inside give the same answer as the stripped copy. */
static void
test_is_address_random (void)
{
  static const char *const pieces[] = { "a", "kijitora", "@", "example.jp", ".", "<", ">", " ", "\t",
                                        "\n", "\r", "\v", "\f", "mail to ", "\"", "x@y.z", "[", "]",
                                        "192.0.2.1", "localhost", "'", "-", "`" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 9);

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_assert_cmpint (bd_scan_is_address (text->str), ==, is_address_reference (text->str));
    }
}

/* BdScanText against the GString calls it replaces in the scanners:
 * random runs of appends, single bytes, words and resets, on and past
 * its stack buffer, from a heap buffer each (so that AddressSanitizer
 * sees a read past one). */
static void
test_scan_text_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);

  for (guint round = 0; round < BD_TEST_ROUNDS (4000); round++)
    {
      g_auto(BdScanText) text = BD_SCAN_TEXT_UNSET;
      g_autoptr(GString) expected = g_string_new (NULL);
      guint n_ops = g_rand_int_range (rand, 1, 40);

      bd_scan_text_init (&text, NULL);
      for (guint op = 0; op < n_ops; op++)
        {
          gsize len = g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 8 : 300);
          g_autofree char *word = g_malloc (len + 1);

          for (gsize i = 0; i < len; i++)
            word[i] = (char)g_rand_int_range (rand, 'a', 'z' + 1);
          word[len] = '\0';
          switch (g_rand_int_range (rand, 0, 7))
            {
            case 0:
              bd_scan_text_append (&text, word);
              g_string_append (expected, word);
              break;
            case 1:
              bd_scan_text_append_c (&text, word[0] != '\0' ? word[0] : '.');
              g_string_append_c (expected, word[0] != '\0' ? word[0] : '.');
              break;
            case 2:
              bd_scan_text_append_word (&text, word);
              bd_scan_append_word (expected, word);
              break;
            case 3:
              bd_scan_text_append_after_space (&text, word);
              bd_scan_append_after_space (expected, word);
              break;
            case 4:
              bd_scan_text_empty (&text);
              g_string_truncate (expected, 0);
              break;
            case 5:
              bd_scan_text_init (&text, word);
              g_string_assign (expected, word);
              break;
            default:
              bd_scan_text_append_len (&text, word, len / 2);
              g_string_append_len (expected, word, len / 2);
              break;
            }
          g_assert_cmpuint (text.len, ==, expected->len);
          g_assert_cmpstr (text.str, ==, expected->str);
          g_assert_cmpuint (text.room, >, text.len);
        }
    }
}

/* bd_scan_autofree frees what g_autofree would (a string, a line array),
 * and skips NULL; AddressSanitizer's leak check sees a copy it missed. */
static void
test_scan_autofree (void)
{
  BdScanInput input = { .body = "one\ntwo", .body_len = 7, .from = "", .subject = "" };

  for (guint i = 0; i < 3; i++)
    {
      bd_scan_autofree char *unset = NULL;
      bd_scan_autofree char *copy = g_strdup ("kijitora@example.jp");
      bd_scan_autofree char **lines = bd_scan_split_lines (&input, NULL);

      g_assert_null (unset);
      g_assert_cmpstr (copy, ==, "kijitora@example.jp");
      g_assert_cmpstr (lines[1], ==, "two");
      if (i == 1)
        unset = g_strdup ("set after all");
    }
}

/* bd_recipient_set_status () overwrites the copy it holds when the new
 * status fits: the status reads the same as after the g_free () and
 * g_strdup () it replaces, whatever was there before. */
static void
test_recipient_set_status (void)
{
  static const char *const statuses[] = { "5.1.1", "4.4.7", "5.7.1", "5.1.10", "4.2", "", "5.7.133", "x" };
  g_autoptr(BdRecipient) r = bd_recipient_new ();

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
      {
        g_clear_pointer (&r->status, g_free);
        bd_recipient_set_status (r, statuses[i]);
        g_assert_cmpstr (r->status, ==, statuses[i]);
        bd_recipient_set_status (r, statuses[j]);
        g_assert_cmpstr (r->status, ==, statuses[j]);
        g_assert_true (r->status != statuses[j]);
      }
}

static void
test_util_long_diagnostic (void)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("-", 0);
  g_autoptr(GString) text = g_string_new ("550 5.1.1 ");
  BdRecipient *r;

  while (text->len < 100000)
    g_string_append (text, "żółć ");
  r = bd_scan_add (bounce, "<a@b.example>", text->str);
  g_assert_cmpuint (strlen (r->diagnostic), <, 2100);
  g_assert_true (g_utf8_validate (r->diagnostic, -1, NULL));
  g_assert_cmpstr (r->status, ==, "5.1.1");
  g_assert_cmpuint (r->reply_code, ==, 550);
}

static void
test_util_collapse (void)
{
  g_autofree char *one = bd_scan_collapse ("  550 5.1.1\n    user\tunknown \n");
  g_autofree char *empty = bd_scan_collapse (" \n\t ");

  g_assert_cmpstr (one, ==, "550 5.1.1 user unknown");
  g_assert_cmpstr (empty, ==, "");
}

/* The cut drops the last character kept when more text follows, even a
 * blank, and never splits a UTF-8 sequence. */
static void
test_util_collapse_max (void)
{
  g_autofree char *fits = bd_scan_collapse_max ("  a \n b", 3);
  g_autofree char *cut = bd_scan_collapse_max ("abc d", 3);
  g_autofree char *blank_after = bd_scan_collapse_max ("abc ", 3);
  g_autofree char *exact = bd_scan_collapse_max ("abc", 3);
  g_autofree char *spaced = bd_scan_collapse_max ("ab   cd", 3);
  g_autofree char *utf8 = bd_scan_collapse_max ("żółć", 3);
  g_autofree char *nothing = bd_scan_collapse_max ("abc", 0);

  g_assert_cmpstr (fits, ==, "a b");
  g_assert_cmpstr (cut, ==, "ab…");
  g_assert_cmpstr (blank_after, ==, "ab…");
  g_assert_cmpstr (exact, ==, "abc");
  g_assert_cmpstr (spaced, ==, "ab …");
  g_assert_cmpstr (utf8, ==, "ż…");
  g_assert_cmpstr (nothing, ==, "…");
}

/* bd_scan_collapse_max() as it was byte by byte, before its words were
 * copied 16 bytes at a time: the reference for the test below. */
static char *
collapse_max_bytewise (const char *text,
                       gsize       max)
{
  const char ellipsis[] = "…";
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (out->len >= max)
        {
          const char *end = g_utf8_find_prev_char (out->str, out->str + out->len);

          g_string_truncate (out, end != NULL ? (gsize)(end - out->str) : 0);
          g_string_append (out, ellipsis);
          break;
        }
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* Random texts of white space, controls, letters and UTF-8, words
 * longer and shorter than 16 bytes, cut at every length. */
static void
test_util_collapse_max_random (void)
{
  static const char *const pieces[] = {
    " ", "\t", "\n", "\r\n", "\v", "\f", "\x01", "\x1f", "!", "a", "Z", "~", "\x7f",
    "ż", "ó", "€", "550", "5.1.1", "recipient-address-rejected-by-policy", "0123456789abcdef",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint n_pieces = g_rand_int_range (rand, 0, 30);
      gsize max;

      for (guint i = 0; i < n_pieces; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      max = round % 5 == 0 ? G_MAXSIZE : (gsize)g_rand_int_range (rand, 0, text->len + 3);
      {
        g_autofree char *expected = collapse_max_bytewise (text->str, max);
        g_autofree char *got = bd_scan_collapse_max (text->str, max);

        g_assert_cmpstr (got, ==, expected);
      }
    }
}

/* A random header of up to 50 bytes, as ASCII and Polish as a From. */
static char *
random_small_header (GRand *rand)
{
  static const char alphabet[] = "aAbB@.-<> \xc5\x81";
  gsize len = g_rand_int_range (rand, 0, 50);
  char *text = g_malloc (len + 1);

  for (gsize k = 0; k < len; k++)
    text[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  text[len] = '\0';
  return text;
}

/* The lowered copies as bd_scan_input_init() makes them (the Subject's
 * after the From's, 16 bytes read past their ends), searched 16 places at
 * a time: the same answers as bd_text_strcasestr () on the header, on
 * random headers and needles of every length around the block (cut off
 * by the end too, and not to be found in the Subject after the From). */
static void
test_util_from_subject_has_padded (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (43);

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      g_autofree char *from = random_small_header (rand);
      g_autofree char *subject = random_small_header (rand);
      g_autofree char *needle = random_small_header (rand);
      gsize from_len = strlen (from), subject_len = strlen (subject);
      g_autofree char *padded = g_malloc (from_len + subject_len + 2 + 16);
      BdScanInput input = { .from = from, .subject = subject, .body = "",
                            .from_lower = padded, .subject_lower = padded + from_len + 1,
                            .from_lower_len = from_len, .subject_lower_len = subject_len };

      needle[g_rand_int_range (rand, 0, 6) % (strlen (needle) + 1)] = '\0';
      bd_text_ascii_down_copy (padded, from, from_len + 1);
      bd_text_ascii_down_copy (padded + from_len + 1, subject, subject_len + 1);
      memset (padded + from_len + subject_len + 2, 0, 16);
      g_assert_cmpint (bd_scan_from_has (&input, needle), ==, bd_text_strcasestr (from, needle) != NULL);
      g_assert_cmpint (bd_scan_subject_has (&input, needle), ==, bd_text_strcasestr (subject, needle) != NULL);
    }
}

/* From: and Subject: are searched in their lowered copies, the needle
 * lowered as it is compared; without the copies, case-insensitively. */
static void
test_util_from_subject_has (void)
{
  static const char from[] = "Mail Delivery Subsystem <MAILER-DAEMON@Example.org>";
  static const char subject[] = "Undeliverable: Zpráva AAB";
  g_autofree char *from_lower = g_ascii_strdown (from, -1);
  g_autofree char *subject_lower = g_ascii_strdown (subject, -1);
  BdScanInput input = { .from = from, .subject = subject, .body = "",
                        .from_lower = from_lower, .subject_lower = subject_lower };
  BdScanInput by_hand = { .from = from, .subject = subject, .body = "" };
  const BdScanInput *inputs[] = { &input, &by_hand };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_assert_true (bd_scan_from_has (inputs[i], "mail delivery subsystem"));
      g_assert_true (bd_scan_from_has (inputs[i], "MAILER-DAEMON@"));
      g_assert_true (bd_scan_from_has (inputs[i], "example.ORG>"));
      g_assert_true (bd_scan_from_has (inputs[i], ""));
      g_assert_false (bd_scan_from_has (inputs[i], "example.org>x"));
      g_assert_false (bd_scan_from_has (inputs[i], "postmaster"));
      g_assert_true (bd_scan_subject_has (inputs[i], "UNDELIVERABLE:"));
      g_assert_true (bd_scan_subject_has (inputs[i], "zpráva"));
      g_assert_false (bd_scan_subject_has (inputs[i], "ZPRÁVA"));
      g_assert_true (bd_scan_subject_has (inputs[i], "ab"));
      g_assert_false (bd_scan_subject_has (inputs[i], "abb"));
    }
}

/* What the memo keeps is what would be worked out on the spot, made once;
 * without a memo every answer is made anew and handed over. */
static void
test_memo (void)
{
  g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();
  g_autoptr(GString) long_body = g_string_new (NULL);
  static const char body[] = "Nie można DOSTARCZYĆ";
  BdScanInput by_hand = { .from = "Poczta <Poczta@Onet.PL>", .subject = "", .body = body, .body_len = strlen (body) };
  BdScanInput input = by_hand;
  g_autofree char *owned = NULL;
  g_autofree char *owned_lower = NULL;
  const char *address, *again, *lower;

  input.memo = memo;
  address = bd_scan_memo_from_address (&input, &owned);
  g_assert_null (owned);
  g_assert_cmpstr (address, ==, "Poczta@Onet.PL");
  again = bd_scan_memo_from_address (&input, &owned);
  g_assert_true (again == address);
  address = bd_scan_memo_from_address (&by_hand, &owned);
  g_assert_nonnull (owned);
  g_assert_cmpstr (address, ==, "Poczta@Onet.PL");

  lower = bd_scan_memo_lower_prose (&input, &owned_lower);
  g_assert_null (owned_lower);
  g_assert_cmpstr (lower, ==, "nie można dostarczyć");
  g_assert_true (bd_scan_memo_lower_prose (&input, &owned_lower) == lower);

  g_assert_cmpint (bd_scan_memo_get_answer (&input, BD_SCAN_MEMO_LOCALIZED_BOUNCE), ==, BD_SCAN_MEMO_UNKNOWN);
  bd_scan_memo_set_answer (&input, BD_SCAN_MEMO_LOCALIZED_BOUNCE, FALSE);
  g_assert_cmpint (bd_scan_memo_get_answer (&input, BD_SCAN_MEMO_LOCALIZED_BOUNCE), ==, BD_SCAN_MEMO_NO);
  g_assert_cmpint (bd_scan_memo_get_answer (&input, BD_SCAN_MEMO_LOCALIZED_EXCHANGE), ==, BD_SCAN_MEMO_UNKNOWN);
  bd_scan_memo_set_answer (&by_hand, BD_SCAN_MEMO_LOCALIZED_EXCHANGE, TRUE);
  g_assert_cmpint (bd_scan_memo_get_answer (&by_hand, BD_SCAN_MEMO_LOCALIZED_EXCHANGE), ==, BD_SCAN_MEMO_UNKNOWN);

  /* only the first 64 KiB are the prose, cut before a whole character */
  while (long_body->len < 70000)
    g_string_append (long_body, "ŻÓŁĆ ");
  {
    BdScanInput big = { .from = "", .subject = "", .body = long_body->str, .body_len = long_body->len };
    g_autofree char *big_owned = NULL;
    const char *big_lower = bd_scan_memo_lower_prose (&big, &big_owned);

    g_assert_nonnull (big_owned);
    g_assert_cmpuint (strlen (big_lower), <=, 65536);
    g_assert_cmpuint (strlen (big_lower), >, 65530);
    g_assert_true (g_utf8_validate (big_lower, -1, NULL));
    g_assert_true (g_str_has_prefix (big_lower, "żółć "));
  }
}

/* The runs of the lowered prose, kept in the memo, never tell a needle
 * of that prose absent; without a memo there are none. */
static void
test_memo_lower_prose_grams (void)
{
  static const char body[] = "Nie można DOSTARCZYĆ wiadomości do adresata.\nKonnte nicht zugestellt werden: Grund: 550";
  g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();
  BdScanInput by_hand = { .from = "", .subject = "", .body = body, .body_len = strlen (body) };
  BdScanInput input = by_hand;
  g_autofree char *owned = NULL;
  const BdTextGrams *grams;
  const char *lower;
  guint rejected = 0;

  g_assert_null (bd_scan_memo_lower_prose_grams (&by_hand));
  input.memo = memo;
  grams = bd_scan_memo_lower_prose_grams (&input);
  lower = bd_scan_memo_lower_prose (&input, &owned);
  g_assert_nonnull (grams);
  g_assert_true (bd_scan_memo_lower_prose_grams (&input) == grams);
  for (gsize start = 0; lower[start] != '\0'; start++)
    for (gsize n = 1; n < 24 && lower[start + n - 1] != '\0'; n++)
      {
        g_autofree char *piece = g_strndup (lower + start, n);
        g_autofree char *upper = g_ascii_strup (piece, -1);

        g_assert_true (bd_text_grams_may_contain (grams, piece));
        if (strstr (lower, upper) == NULL && !bd_text_grams_may_contain (grams, upper))
          rejected++;
      }
  g_assert_cmpuint (rejected, >, 0);
}

/* The providers of the From: address, kept in the memo, are those
 * bd_provider_has_address() says yes for, one by one, memo or not. */
static void
test_memo_from_providers (void)
{
  static const char *const froms[] = {
    "Poczta <Poczta@Onet.PL>", "MAILER-DAEMON@mx.poczta.onet.pl.", "<mailer-daemon@gmx.net>",
    "postmaster@web.de", "Mail Delivery System <MAILER-DAEMON@mail.t-online.de>",
    "a@b@seznam.cz", "nobody", "", "@", "x@interia.pl>", "x@notonet.pl", "x@onet.pl.example.com",
    "\"Wp\" <bounce@wp.pl>", "x@o2.pl", "x@home.pl", "x@nazwa.pl", "x@ovh.net", "x@forpsi.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (froms); i++)
    {
      g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();
      BdScanInput by_hand = { .from = froms[i], .subject = "", .body = "" };
      BdScanInput input = by_hand;
      g_autofree char *owned = NULL;
      const char *address = bd_scan_memo_from_address (&by_hand, &owned);

      input.memo = memo;
      for (guint id = 0; id < BD_N_PROVIDERS; id++)
        {
          gboolean expected = bd_provider_has_address (bd_provider_get (id), address);

          if (((bd_scan_memo_from_providers (&input) >> id) & 1) != (guint32)expected
              || ((bd_scan_memo_from_providers (&by_hand) >> id) & 1) != (guint32)expected)
            g_error ("From: %s, %s: expected %d", froms[i], bd_provider_get (id)->name, expected);
        }
    }
}

/* The lines as g_strsplit () gave them before: the text up to the first
 * stop marker, split at most into 4000 pieces, each chomped. */
static char **
split_by_glib (const char        *body,
               const char *const *stop_markers)
{
  const char *stop = NULL;
  g_autofree char *text = NULL;
  char **lines;

  for (guint i = 0; stop_markers != NULL && stop_markers[i] != NULL; i++)
    {
      const char *hit = strstr (body, stop_markers[i]);

      if (hit != NULL && (stop == NULL || hit < stop))
        stop = hit;
    }
  text = stop != NULL ? g_strndup (body, stop - body) : g_strdup (body);
  lines = g_strsplit (text, "\n", 4000);
  for (guint i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]);
  return lines;
}

static void
assert_split_like_glib (const char        *body,
                        const char *const *stop_markers)
{
  BdScanInput input = { .from = "", .subject = "", .body = body, .body_len = strlen (body) };
  g_autofree char **lines = bd_scan_split_lines (&input, stop_markers);
  g_auto(GStrv) expected = split_by_glib (body, stop_markers);

  g_assert_cmpstrv (lines, expected);
}

static void
test_util_split_lines (void)
{
  static const char *const stops[] = { "--- copy", "STOP", NULL };
  g_autoptr(GString) many = g_string_new (NULL);

  assert_split_like_glib ("", NULL);
  assert_split_like_glib ("one", NULL);
  assert_split_like_glib ("one\n", NULL);
  assert_split_like_glib ("\n\n", NULL);
  assert_split_like_glib (" a \t\r\nb\n\n  c  \n ", NULL);
  assert_split_like_glib ("--- copy\nquoted", stops);
  assert_split_like_glib ("550 unknown\n  --- copy follows\nquoted", stops);
  assert_split_like_glib ("a\nb STOP c\n--- copy", stops);
  for (guint i = 0; i < 4003; i++)
    g_string_append_printf (many, "line %u \n", i);
  assert_split_like_glib (many->str, NULL);
  {
    BdScanInput input = { .from = "", .subject = "", .body = many->str, .body_len = many->len };
    g_autofree char **lines = bd_scan_split_lines (&input, NULL);

    /* the last piece holds the rest, its inner line breaks kept */
    g_assert_cmpuint (g_strv_length (lines), ==, 4000);
    g_assert_nonnull (strchr (lines[3999], '\n'));
  }
}

/* Random bodies of every length up to past a count's flush (255 blocks of
 * 16 bytes), dense or sparse in line feeds, with blanks to trim and stop
 * markers, and line counts around the cap: split as g_strsplit () and
 * g_strchomp () split them. */
static void
test_util_split_lines_random (void)
{
  static const char *const stops[] = { "--- copy", "STOP", NULL };
  static const char bytes[] = "ab \t\r\n\n\f\v-";
  g_autoptr(GRand) rand = g_rand_new_with_seed (4080);

  for (guint round = 0; round < BD_TEST_ROUNDS (3000); round++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint len = round < 300 ? round : (guint)g_rand_int_range (rand, 0, round % 7 == 0 ? 9000 : 600);
      guint span = g_rand_int_range (rand, 1, sizeof bytes);   /* how many of the bytes a body uses */

      for (guint i = 0; i < len; i++)
        g_string_append_c (body, bytes[g_rand_int_range (rand, 0, span)]);
      if (round % 5 == 0 && len > 0)
        g_string_insert (body, g_rand_int_range (rand, 0, body->len), round % 10 == 0 ? "--- copy" : "STOP");
      assert_split_like_glib (body->str, round % 3 == 0 ? stops : NULL);
    }
  /* a line feed every 16 bytes, all in one lane of the count: 300 of
   * them, more than a lane holds */
  {
    g_autoptr(GString) body = g_string_new (NULL);

    for (guint i = 0; i < 300; i++)
      g_string_append (body, "fifteen bytes. \n");
    assert_split_like_glib (body->str, NULL);
  }
  /* the same every 32 bytes, for the lanes of the AVX2 count */
  {
    g_autoptr(GString) body = g_string_new (NULL);

    for (guint i = 0; i < 300; i++)
      g_string_append (body, "thirty-one bytes, then its feed\n");
    assert_split_like_glib (body->str, NULL);
  }
  /* 3,998 to 4,002 lines: the cap, and the rest kept in the last line */
  for (guint n = 3997; n <= 4001; n++)
    {
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append (body, i % 3 == 0 ? "x \n" : "\n");
      assert_split_like_glib (body->str, NULL);
      g_string_truncate (body, body->len - 1);
      assert_split_like_glib (body->str, NULL);
    }
  /* 250 to 262 line feeds, in a block and in the tail: around the 256
   * offsets kept on the stack, past which the split counts them first */
  for (guint n = 250; n <= 262; n++)
    for (guint tail = 0; tail < 20; tail += 3)
      {
        g_autoptr(GString) body = g_string_new (NULL);

        for (guint i = 0; i < n; i++)
          g_string_append (body, i % 2 == 0 ? "ab \n" : "\n");
        for (guint i = 0; i < tail; i++)
          g_string_append_c (body, i % 4 == 0 ? '\n' : 'z');
        assert_split_like_glib (body->str, NULL);
      }
}

/* bd_scan_has_prefix () against g_str_has_prefix () for every text and
 * prefix of up to four bytes over three letters (the empty ones too),
 * and a NULL text. */
static void
test_util_has_prefix (void)
{
  static const char letters[] = "ab-";
  char texts[121][5];
  guint n = 0;

  /* every string of 0 to 4 letters */
  for (guint len = 0; len <= 4; len++)
    {
      guint count = 1;

      for (guint i = 0; i < len; i++)
        count *= 3;
      for (guint code = 0; code < count; code++, n++)
        {
          guint c = code;

          for (guint i = 0; i < len; i++, c /= 3)
            texts[n][i] = letters[c % 3];
          texts[n][len] = '\0';
        }
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (texts));
  for (guint t = 0; t < n; t++)
    for (guint p = 0; p < n; p++)
      if (bd_scan_has_prefix (texts[t], texts[p]) != g_str_has_prefix (texts[t], texts[p]))
        g_error ("“%s” has prefix “%s”: %d", texts[t], texts[p], bd_scan_has_prefix (texts[t], texts[p]));
  g_assert_false (bd_scan_has_prefix (NULL, "a"));
  g_assert_true (bd_scan_has_prefix ("550 5.1.1 user unknown", "550 "));
  g_assert_false (bd_scan_has_prefix ("55", "550 "));
}

/* bd_text_contains_any () against a case-blind search for each needle in
 * turn, over random texts and lists of needles (empty ones too). */
static void
test_text_contains_any (void)
{
  static const char alphabet[] = "aAbB -";
  g_autoptr(GRand) rand = g_rand_new_with_seed (267);

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      char text[64], needle_bytes[4][5];
      const char *needles[5];
      guint len = g_rand_int_range (rand, 0, sizeof text), n = g_rand_int_range (rand, 0, 5);
      gboolean want = FALSE;

      for (guint i = 0; i < len; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[len] = '\0';
      for (guint k = 0; k < n; k++)
        {
          guint m = g_rand_int_range (rand, 0, 5);

          for (guint i = 0; i < m; i++)
            needle_bytes[k][i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          needle_bytes[k][m] = '\0';
          needles[k] = needle_bytes[k];
          want = want || bd_text_strcasestr (text, needles[k]) != NULL;
        }
      needles[n] = NULL;
      g_assert_cmpint (bd_text_contains_any (text, needles), ==, want);
    }
  g_assert_false (bd_text_contains_any (NULL, (const char *const[]) { "a", NULL }));
}

/* bd_scan_has_header () against bd_scan_header () != NULL: fields there
 * or not, empty, folded, encoded, named in another case, and an input
 * without a message. */
static void
test_util_has_header (void)
{
  static const char *const names[] = { "X-SES-Outgoing", "x-ses-outgoing", "X-AWS-Outgoing", "X-ZohoMail", "X-Mailer" };
  static const char *const headers[] = {
    "", "X-SES-Outgoing: 2024.01.01-1.2.3.4\n", "X-SES-Outgoing:\n", "X-AWS-Outgoing:\n  folded\n value\n",
    "X-ZohoMail: =?utf-8?q?Zoho_Mail?=\n", "x-zohomail: x\n", "X-Mailer: \n",
  };

  for (guint h = 0; h < G_N_ELEMENTS (headers); h++)
    {
      g_autofree char *mail = g_strdup_printf ("From: a@example.com\nSubject: s\n%s\nbody\n", headers[h]);
      BdMimePart *message = bd_mime_parse (mail, strlen (mail), BD_MIME_MAX_DEPTH);
      BdScanInput input = { .message = message, .from = "", .subject = "", .body = "" };
      BdScanInput bare = { .from = "", .subject = "", .body = "" };

      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        {
          g_autofree char *value = bd_scan_header (&input, names[n]);
          g_autofree char *none = bd_scan_header (&bare, names[n]);

          g_assert_cmpint (bd_scan_has_header (&input, names[n]), ==, value != NULL);
          g_assert_cmpint (bd_scan_has_header (&bare, names[n]), ==, none != NULL);
        }
      bd_mime_part_free (message);
    }
}

/* The body of a message with @n_parts text parts, the second HTML (which
 * the plain ones win over), as bd_scan_input_init() joins them. */
static char *
body_of_parts (guint n_parts)
{
  g_autoptr(GString) mail = g_string_new ("From: a@example.com\nSubject: s\n"
                                          "Content-Type: multipart/mixed; boundary=\"b\"\n\n");
  BdScanInput input;
  BdMimePart *message;
  char *body;

  for (guint i = 0; i < n_parts; i++)
    g_string_append_printf (mail, "--b\nContent-Type: text/%s\n\npart %u\n",
                            i == 1 ? "html" : "plain", i);
  g_string_append (mail, "--b--\n");
  message = bd_mime_parse (mail->str, mail->len, BD_MIME_MAX_DEPTH);
  bd_scan_input_init (&input, message, NULL);
  body = g_strdup (input.body);
  bd_scan_input_clear (&input);
  bd_mime_part_free (message);
  return body;
}

/* From: and Subject: given away by the input stay the caller's after the
 * input is cleared (a double free or a use after free shows under
 * memcheck and ASan), and an input not given them still frees them. */
static void
test_input_give_headers (void)
{
  static const char mail[] = "From: Mail Delivery System <MAILER-DAEMON@example.com>\n"
                             "Subject: Undelivered Mail Returned to Sender\n\nbody\n";
  BdMimePart *message = bd_mime_parse (mail, strlen (mail), BD_MIME_MAX_DEPTH);
  BdScanInput input;
  char *from = NULL, *subject = NULL;

  bd_scan_input_init (&input, message, NULL);
  bd_scan_input_give_headers (&input, &from, &subject);
  g_assert_true (from == input.from && subject == input.subject);
  g_assert_cmpstr (input.from_lower, ==, "mail delivery system <mailer-daemon@example.com>");
  bd_scan_input_clear (&input);
  /* cleared: the input's memory is freed, ours is not */
  {
    g_autofree char *again = g_strdup_printf ("%s|%s", from, subject);

    g_assert_cmpstr (again, ==, "Mail Delivery System <MAILER-DAEMON@example.com>|Undelivered Mail Returned to Sender");
  }
  g_free (from);
  g_free (subject);

  bd_scan_input_init (&input, message, NULL);
  g_assert_false (input.headers_given);
  bd_scan_input_clear (&input);
  bd_mime_part_free (message);
}

/* bd_text_ascii_down_in_place () against g_ascii_strdown (): every byte
 * at every place of strings up to 20 bytes, and a string it returns is
 * the one it was given. */
static void
test_text_down_in_place (void)
{
  for (guint len = 1; len <= 20; len++)
    for (guint at = 0; at < len; at++)
      for (guint byte = 1; byte < 256; byte += BD_TEST_STEP)
        {
          g_autofree char *text = g_strnfill (len, 'Q');
          g_autofree char *want = NULL;

          text[at] = (char)byte;
          want = g_ascii_strdown (text, -1);
          g_assert_true (bd_text_ascii_down_in_place (text) == text);
          g_assert_cmpstr (text, ==, want);
        }
}

/* bd_text_ascii_down_copy () against g_ascii_strdown (): every byte at
 * every place of texts up to 40 bytes (the 16-byte blocks and the bytes
 * after them), NUL included, and not a byte written past @len. */
static void
test_text_down_copy (void)
{
  for (guint len = 0; len <= 40; len++)
    for (guint at = 0; at < MAX (len, 1); at++)
      for (guint byte = 0; byte < 256; byte += BD_TEST_STEP)
        {
          g_autofree char *text = g_strnfill (len, 'Q');
          g_autofree char *want = NULL;
          char out[48];

          if (len > 0)
            text[at] = (char)byte;
          memset (out, '#', sizeof out);
          bd_text_ascii_down_copy (out, text, len);
          for (guint i = 0; i < len; i++)
            g_assert_cmpint (out[i], ==, g_ascii_tolower (text[i]));
          g_assert_cmpint (out[len], ==, '#');
        }
}

/* A random From: or Subject: value of up to @max pieces: capitals next
 * to the bytes bit 5 would also fold ('@', '[', '`', '{'), blanks and
 * UTF-8 letters. */
static char *
random_header_value (GRand *rand,
                     guint  max)
{
  static const char *const pieces[] = { "A", "z", "Q", "@", "[", "`", "{", " ", "<", ">",
                                        "\xc5\x81", "\xc3\xb3", "\xc4\x98", "x.Y", "MAILER-DAEMON" };
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, max + 1);

  for (guint i = 0; i < n; i++)
    g_string_append (out, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  return g_string_free (out, FALSE);
}

/* bd_scan_input_init() lowers From: and Subject: into one block: each
 * is g_ascii_strdown () of the decoded value, also when one or both are
 * empty or absent. */
static void
test_input_lowered_headers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < BD_TEST_ROUNDS (2000); round++)
    {
      g_autofree char *from = random_header_value (rand, 12);
      g_autofree char *subject = random_header_value (rand, 12);
      guint absent = g_rand_int_range (rand, 0, 4);   /* bit 0: no From:, bit 1: no Subject: */
      g_autofree char *mail = g_strdup_printf ("%s%s%s%s%s\n\nbody\n",
                                               absent & 1 ? "" : "From: ", absent & 1 ? "" : from,
                                               absent & 1 ? "" : "\n",
                                               absent & 2 ? "X-No: 1" : "Subject: ", absent & 2 ? "" : subject);
      BdMimePart *message = bd_mime_parse (mail, strlen (mail), BD_MIME_MAX_DEPTH);
      BdScanInput input;

      bd_scan_input_init (&input, message, NULL);
      {
        g_autofree char *from_lower = g_ascii_strdown (input.from, -1);
        g_autofree char *subject_lower = g_ascii_strdown (input.subject, -1);

        g_assert_cmpstr (input.from_lower, ==, from_lower);
        g_assert_cmpstr (input.subject_lower, ==, subject_lower);
      }
      bd_scan_input_clear (&input);
      bd_mime_part_free (message);
    }
}

/* The text parts are kept on the stack up to four of each kind, then on
 * the heap: every count across that edge joins all of them in order. */
static void
test_input_many_parts (void)
{
  for (guint n = 1; n < 13; n++)
    {
      g_autofree char *body = body_of_parts (n);
      g_autoptr(GString) expected = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          if (i == 1)
            continue;
          if (expected->len > 0)
            g_string_append_c (expected, '\n');
          g_string_append_printf (expected, "part %u", i);
        }
      g_assert_cmpstr (body, ==, expected->str);
    }
}

/* HTML bounces (and bounces an HTML mail program forwarded) read as a
 * browser shows them: line breaks where the tags put them, the source's
 * own line ends are blanks, indentation written as &nbsp; stays. */
static void
test_input_strip_html (void)
{
  static const char html[] =
    "<html><head><style>p {margin:0}</style></head><body><div dir=\"ltr\">The mail system<br>\n"
    "<br>\n"
    "&nbsp;&nbsp;&lt;jan@example.com&gt;: host mx.example.com said: 550 5.1.1\n"
    "   user unknown<br>\n"
    "<pre>  kept\n    as is</pre>"
    "<table><tr><td>Status</td><td>5.1.1</td></tr><tr><td></td></tr>"
    "<tr><td></td><td>Remote Server returned '550'</td></tr></table>"
    "<script>var x = '<b>';</script>end</div>"
    "<p class=MsoPlainText>First line</p>\n<p class=MsoPlainText>&nbsp;</p>\n"
    "<p class=MsoPlainText>&nbsp;&nbsp;indented</p>"
    "<p>couldn&#x27;t, couldn&#39;t, couldn&rsquo;t, &#x201E;x&#8221;, &#xD800; &#12345678901; in&shy;valid</p>"
    "</body></html>\n";
  gsize len;
  g_autofree char *text = bd_mime_strip_html (html, strlen (html), &len);

  g_assert_cmpstr (text, ==,
                   "The mail system\n"
                   "\n"
                   "  <jan@example.com>: host mx.example.com said: 550 5.1.1 user unknown\n"
                   "  kept\n    as is\n"
                   "Status 5.1.1\n"
                   "Remote Server returned '550'\n"
                   "end\n"
                   "First line\n"
                   "\n"
                   "  indented\n"
                   "couldn't, couldn't, couldn’t, „x”, &#xD800; &#12345678901; invalid\n");
  g_assert_cmpuint (len, ==, strlen (text));
}

/* Tag names as tag_is() matched them before each tag's name was read once
 * (read_tag_key): any case, an optional '/', the letters and digits up to
 * the first other byte ("<pre-x>" is a <pre>, "<preformatted>" is not),
 * names too long for any we look for, empty tags. The expected text is
 * the old code's. */
static void
test_input_tag_names (void)
{
  static const char html[] =
    "a<P>b<BR/>c<br class=x>d<pre-x>  e  </PRE >f<preformatted>  g  <p1>h<h1x>i<blockquotee>j"
    "<thead>k</TD >l<TD>m</th\tx>n<averyveryverylongtagnameindeed>o</>p<>q<Div>r</LI>s<hr/>t"
    "<Script type=x>u</SCRIPT>v<styles>w</style>x<h3>y</h3 >z&AMP;&Nbsp;&x;&#65;&";
  gsize len;
  g_autofree char *text = bd_mime_strip_html (html, strlen (html), &len);

  g_assert_cmpstr (text, ==,
                   "a\nb\nc\nd\n  e\nf g hijk lm nopq\nr\ns\ntvwx\ny\nz& &x;A&");
  g_assert_cmpuint (len, ==, strlen (text));
}

/* Every entity of append_entity's table (bd-scan-input.c), in upper and
 * lower case, and a '&' that starts none. */
static void
test_input_entities (void)
{
  static const char html[] =
    "<p>Terms &amp; conditions, &AMP;, &quot;q&quot; &apos;a&apos; &lt;x&gt;&nbsp;y</p>"
    "<p>&lsquo;s&rsquo; &ldquo;d&rdquo; &bdquo;p&rdquo; a&ndash;b a&mdash;b wait&hellip; &laquo;g&raquo; hy&shy;phen</p>"
    "<p>R&D &unknown; &amp</p>";
  gsize len;
  g_autofree char *text = bd_mime_strip_html (html, strlen (html), &len);

  g_assert_cmpstr (text, ==,
                   "Terms & conditions, &, \"q\" 'a' <x> y\n"
                   "‘s’ “d” „p” a–b a—b wait… «g» hyphen\n"
                   "R&D &unknown; &amp\n");
  g_assert_cmpuint (len, ==, strlen (text));
}

/* bd_text_strcasestr() against the obvious search, on random texts over
 * a few letters in both cases, so that first letters repeat, matches
 * fall on every offset of its 16-byte blocks and at the very end. */
static const char *
naive_strcasestr (const char *haystack,
                  const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = haystack; ; p++)
    {
      if (g_ascii_strncasecmp (p, needle, n) == 0)
        return p;
      if (*p == '\0')
        return NULL;
    }
}

static void
test_util_strcasestr (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);
  /* '@' and '`', '[' and '{' differ in bit 5 as the cases of a letter do */
  const char alphabet[] = "abAB c:@`[{";

  for (guint round = 0; round < BD_TEST_ROUNDS (3000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, 70), n = g_rand_int_range (rand, 1, 5);
      g_autofree char *text = g_malloc (len + 1);
      char needle[5];

      for (gsize i = 0; i < len; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[len] = '\0';
      for (gsize i = 0; i < n; i++)
        needle[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      needle[n] = '\0';
      g_assert_true (bd_text_strcasestr (text, needle) == naive_strcasestr (text, needle));
    }
  g_assert_true (bd_text_strcasestr ("abc", "") != NULL);
  g_assert_null (bd_text_strcasestr ("ab", "abc"));
}

/* bd_scan_find_line() (the needle measured once, the lines before @from
 * skipped) against the search it replaces: bd_text_strcasestr () over
 * every line at or after @from, on random lines and needles, @from
 * anywhere from before the first line to past the last. */
static void
test_util_find_line (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);
  const char alphabet[] = "abAB c:@`";

  for (guint round = 0; round < 3000; round++)
    {
      int n_lines = g_rand_int_range (rand, 0, 8);
      int from = g_rand_int_range (rand, -2, n_lines + 3);
      g_auto(GStrv) lines = g_new0 (char *, n_lines + 1);
      char needle[5];
      gsize n = g_rand_int_range (rand, 0, 5);
      int want = -1;

      for (int i = 0; i < n_lines; i++)
        {
          gsize len = g_rand_int_range (rand, 0, 40);

          lines[i] = g_malloc (len + 1);
          for (gsize k = 0; k < len; k++)
            lines[i][k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          lines[i][len] = '\0';
        }
      for (gsize k = 0; k < n; k++)
        needle[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      needle[n] = '\0';
      for (int i = 0; lines[i] != NULL && want < 0; i++)
        if (i >= from && bd_text_strcasestr (lines[i], needle) != NULL)
          want = i;
      g_assert_cmpint (bd_scan_find_line (lines, from, needle), ==, want);
    }
}

/* bd_scan_find_line() on the lines of bd_scan_split_lines() against
 * bd_text_strcasestr () over each line at or after @from: random bodies
 * with blanks to trim before line feeds (left in the block past each
 * line's NUL), needles that may hold blanks and so could match across a
 * line's end, and @from anywhere. */
static void
test_util_find_line_split (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);
  const char alphabet[] = "abAB c:@`\n\n \t";
  const char needle_bytes[] = "abAB c:@` \t";

  for (guint round = 0; round < BD_TEST_ROUNDS (6000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, round % 10 == 0 ? 400 : 80);
      g_autofree char *body = g_malloc (len + 1);
      BdScanInput input = { .from = "", .subject = "", .body = body, .body_len = len };
      g_autofree char **lines = NULL;
      char needle[7];
      gsize n = g_rand_int_range (rand, 0, 7);
      int n_lines, from, want = -1;

      for (gsize i = 0; i < len; i++)
        body[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      body[len] = '\0';
      for (gsize k = 0; k < n; k++)
        needle[k] = needle_bytes[g_rand_int_range (rand, 0, sizeof needle_bytes - 1)];
      needle[n] = '\0';
      lines = bd_scan_split_lines (&input, NULL);
      n_lines = (int)g_strv_length (lines);
      from = g_rand_int_range (rand, -2, n_lines + 3);
      for (int i = MAX (from, 0); i < n_lines && want < 0; i++)
        if (bd_text_strcasestr (lines[i], needle) != NULL)
          want = i;
      g_assert_cmpint (bd_scan_find_line (lines, from, needle), ==, want);
    }
}

/* bd_text_find_ci() and bd_text_find() against the obvious searches
 * within a length, on texts of exactly their length (no NUL after them,
 * so that a read past the end is caught under AddressSanitizer) up to
 * past several blocks of 64 places, needles of up to 40 bytes (those of
 * 16 and more compared 16 bytes at a time once found) over
 * letters that differ only in bit 5 ('@' and '`', '[' and '{') and in
 * case, planted anywhere, the very end too: the first and last bytes
 * are looked for 64 places, then 16, at a time. */
static const char *
naive_find_ci (const char *text,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (g_ascii_strncasecmp (text + i, needle, n) == 0)
      return text + i;
  return NULL;
}

static const char *
naive_find (const char *text,
            gsize       len,
            const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (text + i, needle, n) == 0)
      return text + i;
  return NULL;
}

static void
test_util_find_ci_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (37);
  const char alphabet[] = "abAB-@`[{ ";

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, round % 4 == 0 ? 300 : 100);
      gsize n = g_rand_int_range (rand, 1, round % 2 == 0 ? 21 : 41);
      guint span = g_rand_int_range (rand, 2, sizeof alphabet);
      g_autofree char *text = g_malloc (MAX (len, 1));
      char needle[41];

      for (gsize i = 0; i < len; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, span)];
      for (gsize k = 0; k < n; k++)
        needle[k] = alphabet[g_rand_int_range (rand, 0, span)];
      needle[n] = '\0';
      if (round % 3 == 0 && n <= len)
        {
          gsize at = round % 6 == 0 ? len - n : (gsize)g_rand_int_range (rand, 0, len - n + 1);

          for (gsize k = 0; k < n; k++)
            text[at + k] = round % 2 == 0 || g_rand_boolean (rand) ? needle[k] : g_ascii_toupper (needle[k]);
        }
      g_assert_true (bd_text_find_ci (text, len, needle) == naive_find_ci (text, len, needle));
      g_assert_true (bd_text_find (text, len, needle, n) == naive_find (text, len, needle));
    }
  g_assert_true (bd_text_find ("abc", 3, "", 0) != NULL);
  g_assert_null (bd_text_find ("ab", 2, "abc", 3));
}

/* bd_scan_localized_is_bounce() (the markers' lengths known, the
 * subject's runs asked first) against a strstr () of every bounce marker
 * and its folded form in the lowered subject and prose: subjects and
 * bodies of random pieces of markers, whole markers, their folded and
 * capitalised forms and English words, with a memo and without one. */
static gboolean
says_not_delivered_slowly (const char *text)
{
  g_autofree char *lowered = bd_text_strdown (text, -1);
  const char *const *markers = bd_localized_bounce_markers ();

  for (guint i = 0; markers[i] != NULL; i++)
    {
      g_autofree char *owned = NULL;

      if (strstr (lowered, markers[i]) != NULL || strstr (lowered, bd_phrase_fold (markers[i], &owned)) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
append_marker_piece (GString *out,
                     GRand   *rand)
{
  const char *const *markers = bd_localized_bounce_markers ();
  static const char *const words[] = { "Undelivered Mail", "Delivery failure", "nie", "zugestellt", " ", "doručit" };
  guint n_markers = g_strv_length ((char **) markers);
  const char *marker = markers[g_rand_int_range (rand, 0, n_markers)];
  g_autofree char *owned = NULL;
  g_autofree char *upper = NULL;

  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      g_string_append (out, marker);
      break;
    case 1:
      g_string_append (out, bd_phrase_fold (marker, &owned));
      break;
    case 2:
      upper = g_utf8_strup (marker, -1);
      g_string_append (out, upper);
      break;
    case 3:
      /* a marker cut short: its runs may all be there */
      g_string_append_len (out, marker, g_rand_int_range (rand, 0, strlen (marker)));
      break;
    default:
      g_string_append (out, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }
}

static void
test_localized_is_bounce (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (47);

  for (guint round = 0; round < BD_TEST_ROUNDS (3000); round++)
    {
      g_autoptr(GString) subject = g_string_new (NULL);
      g_autoptr(GString) body = g_string_new ("Hello,\n");
      g_autoptr(BdScanMemo) memo = round % 2 == 0 ? bd_scan_memo_new () : NULL;
      BdScanInput input = { .from = "", .subject = NULL, .body = NULL, .memo = memo };
      gboolean want;

      for (guint k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        append_marker_piece (subject, rand);
      if (round % 3 == 0)
        for (guint k = g_rand_int_range (rand, 0, 3); k > 0; k--)
          append_marker_piece (body, rand);
      input.subject = subject->str;
      input.body = body->str;
      input.body_len = body->len;
      input.body_is_ascii = g_str_is_ascii (body->str);
      want = says_not_delivered_slowly (subject->str) || says_not_delivered_slowly (body->str);
      g_assert_cmpint (bd_scan_localized_is_bounce (&input), ==, want);
    }
}

/* bd_scan_body_find() (the body's grams asked by the first runs of each
 * phase inline, the rest in the call, then bd_text_find ()) against
 * strstr (), with a memo, on random bodies over a few letters (so that
 * most runs are noted and needles pass some phases and not others) and
 * needles cut from the body or made at random, of every length up to
 * past a run in every phase; the first search of a body makes its grams. */
static void
test_body_find_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (53);
  const char alphabet[] = "abcAB -";

  for (guint round = 0; round < BD_TEST_ROUNDS (400); round++)
    {
      gsize len = g_rand_int_range (rand, 0, round % 4 == 0 ? 2000 : 200);
      g_autofree char *body = g_malloc (len + 1);
      g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();
      BdScanInput input = { .from = "", .subject = "", .body = body, .body_len = len, .memo = memo };
      guint span = g_rand_int_range (rand, 2, sizeof alphabet);

      for (gsize i = 0; i < len; i++)
        body[i] = alphabet[g_rand_int_range (rand, 0, span)];
      body[len] = '\0';
      for (guint k = 0; k < 60; k++)
        {
          char needle[25];
          gsize n = g_rand_int_range (rand, 1, 25);

          if (k % 2 == 0 && n <= len)
            memcpy (needle, body + g_rand_int_range (rand, 0, len - n + 1), n);
          else
            for (gsize i = 0; i < n; i++)
              needle[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          needle[n] = '\0';
          if (k % 5 == 4 && n > 3)
            needle[g_rand_int_range (rand, 0, n)] = 'z';   /* a run the body lacks */
          g_assert_true (bd_scan_body_find (&input, needle) == strstr (body, needle));
        }
    }
}

/* bd_text_find_first_of_needles() against one search per needle, on
 * random texts and needle sets over a few letters in both cases (so that
 * needles overlap, share first bytes and fall on every offset of a
 * 16-byte block and at the end), case-sensitive and not, with and without
 * needles of one byte. Half the sets
 * are letters only, which the block test folds by setting bit 5 ('@' and
 * '`', '[' and '{' differ only there); the others fold by lowering. */
static const char *
naive_find_first (const char        *text,
                  gsize              len,
                  const char *const *needles,
                  guint              n_needles,
                  gboolean           ignore_case,
                  guint             *which)
{
  const char *best = NULL;

  for (guint i = 0; i < n_needles; i++)
    {
      const char *at = NULL;
      gsize n = strlen (needles[i]);

      for (const char *p = text; at == NULL && p + n <= text + len; p++)
        if (ignore_case ? g_ascii_strncasecmp (p, needles[i], n) == 0 : strncmp (p, needles[i], n) == 0)
          at = p;
      if (at != NULL && (best == NULL || at < best))
        {
          best = at;
          *which = i;
        }
    }
  return best;
}

static void
test_util_find_first_of_needles (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  const char alphabet[] = "abAB c[>@`{";
  const char letters[] = "abAB";

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      gsize len = g_rand_int_range (rand, 0, round % 4 == 0 ? 200 : 80);   /* past two blocks a step too */
      guint n_needles = g_rand_int_range (rand, 1, 9);
      gboolean ignore_case = g_rand_boolean (rand);
      gboolean letters_only = g_rand_boolean (rand);
      g_autofree char *text = g_malloc (len + 1);
      char needle_bytes[8][5];
      const char *needles[8];
      const char *got, *want;
      guint got_which = G_MAXUINT, want_which = G_MAXUINT;

      for (gsize i = 0; i < len; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[len] = '\0';
      for (guint k = 0; k < n_needles; k++)
        {
          gsize n = g_rand_int_range (rand, 1, 5);

          for (gsize i = 0; i < n; i++)
            needle_bytes[k][i] = letters_only ? letters[g_rand_int_range (rand, 0, sizeof letters - 1)]
                                              : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
          needle_bytes[k][n] = '\0';
          needles[k] = needle_bytes[k];
        }
      /* searched to a random end short of the NUL, too */
      if (len > 0 && g_rand_boolean (rand))
        len = g_rand_int_range (rand, 0, len);
      got = bd_text_find_first_of_needles (text, len, needles, n_needles, ignore_case, &got_which);
      want = naive_find_first (text, len, needles, n_needles, ignore_case, &want_which);
      g_assert_true (got == want);
      if (want != NULL)
        g_assert_cmpuint (got_which, ==, want_which);
      /* the same, from a set made ready once */
      {
        BdTextNeedles *set = bd_text_needles_new (needles, n_needles, ignore_case);

        got_which = G_MAXUINT;
        g_assert_true (bd_text_needles_find (set, text, len, &got_which) == want);
        if (want != NULL)
          g_assert_cmpuint (got_which, ==, want_which);
        bd_text_needles_free (set);
      }
    }
  {
    const char *const needles[] = { "after ", "in reply to " };
    const char text[] = "550 (in reply to RCPT TO) after data";
    guint which = 9;

    g_assert_true (bd_text_find_first_of_needles (text, strlen (text), needles, 2, FALSE, &which) == text + 5);
    g_assert_cmpuint (which, ==, 1);
    g_assert_true (bd_text_find_first_of_needles (text, strlen (text), needles, 1, FALSE, NULL) == text + 26);
    g_assert_null (bd_text_find_first_of_needles (text, 31, needles, 1, FALSE, NULL));
    g_assert_null (bd_text_find_first_of_needles ("IN REPLY TO x", 13, needles + 1, 1, FALSE, NULL));
    g_assert_nonnull (bd_text_find_first_of_needles ("IN REPLY TO x", 13, needles + 1, 1, TRUE, NULL));
    g_assert_null (bd_text_find_first_of_needles ("", 0, needles, 2, TRUE, NULL));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/scanners/input/strip-html", test_input_strip_html);
  g_test_add_func ("/core/scanners/input/tag-names", test_input_tag_names);
  g_test_add_func ("/core/scanners/input/entities", test_input_entities);
  g_test_add_func ("/core/scanners/util/status", test_util_status);
  g_test_add_func ("/core/scanners/util/reply-code", test_util_reply_code);
  g_test_add_func ("/core/scanners/util/host", test_util_host);
  g_test_add_func ("/core/scanners/util/strdown", test_util_strdown);
  g_test_add_func ("/core/scanners/util/strdown-code-points", test_util_strdown_code_points);
  g_test_add_func ("/core/scanners/util/strdown-mixed", test_util_strdown_mixed);
  test_add_func_each_vector_path ("/core/scanners/util/find-ci", test_util_find_ci);
  g_test_add_func ("/core/scanners/util/fold-lower", test_util_fold_lower);
  test_add_func_each_vector_path ("/core/scanners/util/strcasestr", test_util_strcasestr);
  g_test_add_func ("/core/scanners/util/find-first-of-needles", test_util_find_first_of_needles);
  g_test_add_func ("/core/scanners/util/find-line", test_util_find_line);
  test_add_func_each_vector_path ("/core/scanners/util/find-line-split", test_util_find_line_split);
  test_add_func_each_vector_path ("/core/scanners/util/find-ci-random", test_util_find_ci_random);
  g_test_add_func ("/core/scanners/util/address", test_util_address);
  g_test_add_func ("/core/scanners/util/recipient-set-status", test_recipient_set_status);
  g_test_add_func ("/core/scanners/util/autofree", test_scan_autofree);
  g_test_add_func ("/core/scanners/util/scan-text-random", test_scan_text_random);
  g_test_add_func ("/core/scanners/util/collapse", test_util_collapse);
  g_test_add_func ("/core/scanners/util/collapse-max", test_util_collapse_max);
  g_test_add_func ("/core/scanners/util/collapse-max-random", test_util_collapse_max_random);
  test_add_func_each_vector_path ("/core/scanners/util/split-lines", test_util_split_lines);
  test_add_func_each_vector_path ("/core/scanners/util/split-lines-random", test_util_split_lines_random);
  g_test_add_func ("/core/scanners/util/has-prefix", test_util_has_prefix);
  g_test_add_func ("/core/text/contains-any", test_text_contains_any);
  g_test_add_func ("/core/scanners/util/has-header", test_util_has_header);
  g_test_add_func ("/core/scanners/util/from-subject-has", test_util_from_subject_has);
  g_test_add_func ("/core/scanners/util/from-subject-has-padded", test_util_from_subject_has_padded);
  g_test_add_func ("/core/scanners/memo", test_memo);
  test_add_func_each_vector_path ("/core/scanners/memo/body-find-random", test_body_find_random);
  g_test_add_func ("/core/scanners/localized/is-bounce", test_localized_is_bounce);
  g_test_add_func ("/core/scanners/memo-from-providers", test_memo_from_providers);
  g_test_add_func ("/core/scanners/memo-lower-prose-grams", test_memo_lower_prose_grams);
  g_test_add_func ("/core/scanners/util/long-diagnostic", test_util_long_diagnostic);
  g_test_add_func ("/core/scanners/input/many-parts", test_input_many_parts);
  g_test_add_func ("/core/scanners/input/lowered-headers", test_input_lowered_headers);
  g_test_add_func ("/core/scanners/input/give-headers", test_input_give_headers);
  g_test_add_func ("/core/text/down-in-place", test_text_down_in_place);
  g_test_add_func ("/core/text/down-copy", test_text_down_copy);
  g_test_add_func ("/core/scanners/codes/is-address-random", test_is_address_random);
  return g_test_run ();
}
