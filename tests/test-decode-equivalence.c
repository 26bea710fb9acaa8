/* test-decode-equivalence.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast paths of the delivery-report reader, the code finders and the
 * classifier give what the code they replaced gave: each is run next to
 * a copy of that code (kept here as the oracle) over hand-made edge cases
 * and random text made of the bytes that matter to it.
 */
#include "config.h"

#include <string.h>

#include "bd-classify.h"
#include "bd-classify-private.h"
#include "bd-decoder-private.h"
#include "bd-dsn.h"
#include "bd-phrase-fold.h"
#include "bd-scan-codes.h"
#include "bd-scan-util.h"
#include "bd-text.h"
#include "bd-test-util.h"

static char *
random_text (GRand      *rand,
             const char *alphabet,
             gsize       max_len)
{
  gsize len = g_rand_int_range (rand, 0, max_len + 1);
  char *out = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    out[i] = alphabet[g_rand_int_range (rand, 0, strlen (alphabet))];
  out[len] = '\0';
  return out;
}

/* --- bd_dsn_find_status ------------------------------------------------- */

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* The byte-by-byte search bd_dsn_find_status() did before it went from
 * dot to dot. */
static gboolean
old_find_status (const char *text,
                 char        out[BD_STATUS_MAX])
{
  out[0] = '\0';
  if (text == NULL)
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      const char *q;
      guint n1 = 0, n2 = 0;

      if ((*p != '2' && *p != '4' && *p != '5') || p[1] != '.')
        continue;
      if (p > text && (is_digit (p[-1]) || p[-1] == '.'))
        continue;
      q = p + 2;
      while (is_digit (*q) && n1 < 4)
        q++, n1++;
      if (n1 == 0 || n1 > 3 || *q != '.')
        continue;
      q++;
      while (is_digit (*q) && n2 < 4)
        q++, n2++;
      if (n2 == 0 || n2 > 3)
        continue;
      if (*q == '.' && is_digit (q[1]))
        continue;
      if ((gsize)(q - p) >= BD_STATUS_MAX)
        continue;
      memcpy (out, p, q - p);
      out[q - p] = '\0';
      return TRUE;
    }
  return FALSE;
}

static void
assert_same_status (const char *text)
{
  char got[BD_STATUS_MAX], want[BD_STATUS_MAX];
  gboolean found = bd_dsn_find_status (text, got);

  g_assert_cmpint (found, ==, old_find_status (text, want));
  g_assert_cmpstr (got, ==, want);
}

static void
test_find_status (void)
{
  static const char *const cases[] = {
    "", ".", "5", "5.", "5.1", "5.1.", "5.1.1", ".5.1.1", "5.1.1.", "5.1.1.1", "x5.1.1",
    "25.1.1", "2.0.0 ok then 5.7.1", "4.4.7", "5.1234.1", "5.1.1234", "5.123.456",
    "1.2.3.4 then 4.2.2", "5..1.1", "5.1..1", "...5.1.1", "550 5.7.1 <a@b>", "5.1.1x",
    "v1.5.2.3", "5.1.1 5.2.2", "3.1.1", "9.9.9 4.0.0",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);

  assert_same_status (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_status (cases[i]);
  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *text = random_text (rand, "2455.1.0123456789. x", 40);

      assert_same_status (text);
    }
}

/* --- bd_classify_find_command ------------------------------------------ */

/* The search bd_classify_find_command() made in a folded copy of the text
 * (bd_text_fold_lower()), one strstr() per anchor. */
static const char *const old_anchors[] = { "in reply to ", "after ", "progress was ", "did not like our ", "[", ">>> " };
enum { IN_REPLY, AFTER, PROGRESS, DID_NOT, BRACKET, TRANSCRIPT };

static const struct
{
  const char *marker;
  const char *command;
  guint       anchor;
} old_markers[] = {
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

static void
old_find_markers (const char  *text,
                  guint        anchor,
                  const char **at)
{
  for (const char *p = strstr (text, old_anchors[anchor]); p != NULL; p = strstr (p + 1, old_anchors[anchor]))
    for (guint i = 0; i < G_N_ELEMENTS (old_markers); i++)
      if (old_markers[i].anchor == anchor && (at[i] == NULL || anchor == TRANSCRIPT)
          && g_str_has_prefix (p, old_markers[i].marker))
        at[i] = p;
}

static const char *
old_find_command (const char *raw)
{
  g_autofree char *text = bd_text_fold_lower (raw);
  const char *at[G_N_ELEMENTS (old_markers)] = { NULL };
  const char *best = NULL, *best_at = NULL;

  for (guint a = 0; a < G_N_ELEMENTS (old_anchors); a++)
    old_find_markers (text, a, at);
  for (guint i = 0; i < G_N_ELEMENTS (old_markers); i++)
    {
      if (at[i] != NULL && (best_at == NULL || (old_markers[i].anchor == TRANSCRIPT ? at[i] > best_at : at[i] < best_at)))
        {
          best = old_markers[i].command;
          best_at = at[i];
        }
    }
  if (best == NULL)
    {
      const char *talk = strstr (text, "while talking to ");
      const char *colon = talk != NULL ? strstr (talk, ": ") : NULL;

      if (colon != NULL && strncmp (colon + 2, "<<< ", 4) == 0)
        best = "CONN";
    }
  return best;
}

/* Returns the command found, for counting. */
static const char *
assert_same_command (const char *text)
{
  g_autofree char *folded = bd_text_fold_lower (text);
  const char *want = old_find_command (text);

  g_assert_cmpstr (bd_classify_find_command (text), ==, want);
  g_assert_cmpstr (bd_classify_find_command (folded), ==, want);
  return want;
}

static const char *const command_words[] = {
  "in", "reply", "to", "rcpt", "mail", "from", "end", "of", "data", "ehlo", "helo", "after",
  "command", "progress", "was", "response", "initial", "connection", "did", "not", "like",
  "our", "final", "[rcpt_to]", "[mail_from]", "[data]", "[", "]", ">>>", ">>", "<<<", "<<<",
  "while", "talking", "host.example:", ":", "554", "eply", "gress", "pro", "r", "x", "\xc5\x82",
  "in reply", "login", "rcpt_to]",
};

/* Those of a Sendmail transcript, whose last command counts. */
static const char *const transcript_words[] = {
  ">>>", ">>> rcpt to", ">>> mail from", ">>> data", ">>> ehlo", "rcpt", "to", "mail", "from", "data",
  "helo", "<<<", "550", "in reply to rcpt to",
};

/* Those of a Sendmail refusal at the greeting, and a few others. */
static const char *const greeting_words[] = {
  "while", "talking", "to", "while talking to", "mx.example:", ":", ": ", "<<<", "<<", "554", "x",
  "after", "data",
};

/* Text made of @words, in random case, with random runs of blanks between
 * them. */
static char *
random_command_text (GRand             *rand,
                     const char *const *words,
                     guint              n_words)
{
  static const char *const blanks[] = { " ", " ", " ", "  ", "\t", "\n", "\r\n", " \n\t", "", "" };
  GString *out = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 40);

  if (g_rand_int_range (rand, 0, 4) == 0)
    g_string_append (out, blanks[g_rand_int_range (rand, 0, G_N_ELEMENTS (blanks))]);
  for (guint i = 0; i < n; i++)
    {
      const char *word = words[g_rand_int_range (rand, 0, n_words)];

      for (const char *p = word; *p != '\0'; p++)
        g_string_append_c (out, g_rand_boolean (rand) ? g_ascii_toupper (*p) : *p);
      g_string_append (out, blanks[g_rand_int_range (rand, 0, G_N_ELEMENTS (blanks))]);
    }
  return g_string_free (out, FALSE);
}

static void
test_find_command (void)
{
  static const char *const cases[] = {
    "", " ", "in reply to RCPT TO command", "(in reply to end of DATA command)", "IN\r\n REPLY\tTO  MAIL FROM",
    "inreply to rcpt to", "login reply to data", "in reply to ", "after", "after ", "after data",
    "after\n\nDATA command", "after rcpt to after mail from", ">>> MAIL FROM\n>>> RCPT TO\n<<< 550",
    ">>> DATA", ">>>DATA", "[RCPT_TO]", "[ rcpt_to]", "did not like our final data",
    "progress was rcpt to response", "... while talking to mx.example.org.:\n<<< 554 no",
    "while talking to mx:\n<<<", "while talking to mx:\n<<< ", "while talking to mx: x: <<< 5",
    "while talking to mx:<<< 5", "while  talking to mx.:   <<<   554", "while talking to",
    "r", "eply", " reply", "\treply to rcpt to", "in  reply\tto rcpt\r\nto", "after data >>> ehlo",
    ">>> helo >>> helo", "did not like our rcpt to [data]", "x in reply to helo", "in\x01reply to helo",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  guint n_found = 0, n_conn = 0;

  g_assert_null (bd_classify_find_command (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_command (cases[i]);
  for (guint round = 0; round < 60000; round++)
    {
      g_autofree char *text = round % 3 == 0 ? random_command_text (rand, command_words, G_N_ELEMENTS (command_words))
                            : round % 3 == 1 ? random_command_text (rand, transcript_words, G_N_ELEMENTS (transcript_words))
                            : random_command_text (rand, greeting_words, G_N_ELEMENTS (greeting_words));
      const char *command = assert_same_command (text);

      n_found += command != NULL;
      n_conn += g_strcmp0 (command, "CONN") == 0;
    }
  /* the random texts do hold markers */
  g_test_message ("%u commands, %u CONN", n_found, n_conn);
  g_assert_cmpuint (n_found, >, 1000);
  g_assert_cmpuint (n_conn, >, 20);
}

/* --- bd_phrase_fold: is the text folded already? ------------------------ */

/* The byte-by-byte test bd_phrase_fold() made before it tested 16 bytes
 * at once. */
static gboolean
old_is_folded (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c >= 0x80 || (c >= 'A' && c <= 'Z') || c == '\t' || c == '\r' || c == '\n'
          || (c == ' ' && p[1] == ' '))
        return FALSE;
    }
  return TRUE;
}

static void
assert_same_folded (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *folded_len = NULL;
  const char *result;
  gsize len = G_MAXSIZE;

  g_assert_cmpint (bd_phrase_fold (text, &folded) == text, ==, old_is_folded (text));
  /* the same, told the length, and telling the result's */
  result = bd_phrase_fold_len (text, strlen (text), &folded_len, &len);
  g_assert_cmpint (result == text, ==, old_is_folded (text));
  g_assert_cmpstr (result, ==, folded != NULL ? folded : text);
  g_assert_cmpuint (len, ==, strlen (result));
}

static void
test_is_folded (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  assert_same_folded ("");
  /* one odd byte, or two spaces, at every place of texts up to 40 bytes
   * (across the 16-byte blocks and their ends) */
  for (guint len = 1; len <= 40; len++)
    for (guint at = 0; at < len; at++)
      {
        static const char odd[] = { 'A', 'Z', '@', '[', '\t', '\r', '\n', ' ', (char)0x80, (char)0xc5, (char)0xff };

        for (guint k = 0; k < G_N_ELEMENTS (odd); k++)
          {
            g_autofree char *text = g_strnfill (len, 'a');

            text[at] = odd[k];
            assert_same_folded (text);
            if (at + 1 < len)
              {
                text[at + 1] = ' ';
                assert_same_folded (text);
              }
          }
      }
  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *text = random_text (rand, round % 2 ? "abc d e.f g h i j k l m n " : "ab Z\t\n\r. \xc3\xa9x", 70);

      assert_same_folded (text);
    }
}

/* --- bd_scan_collapse_max ---------------------------------------------- */

/* The byte-by-byte collapse bd_scan_collapse_max() made before it took
 * whole blocks of words and single spaces. */
static char *
old_collapse_max (const char *text,
                  gsize       max)
{
  const char ellipsis[] = "…";
  gsize len, n = 0;
  char *out;
  gboolean space = FALSE;

  len = strlen (text);
  out = g_malloc ((max < len ? max + 1 : len) + sizeof ellipsis);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (n >= max)
        {
          const char *end = g_utf8_find_prev_char (out, out + n);

          n = end != NULL ? (gsize)(end - out) : 0;
          memcpy (out + n, ellipsis, sizeof ellipsis - 1);
          n += sizeof ellipsis - 1;
          break;
        }
      if (g_ascii_isspace (*p))
        {
          space = n > 0;
          continue;
        }
      if (space)
        out[n++] = ' ';
      space = FALSE;
      out[n++] = *p;
    }
  out[n] = '\0';
  return out;
}

static void
assert_same_collapse (const char *text,
                      gsize       max)
{
  g_autofree char *got = bd_scan_collapse_max (text, max);
  g_autofree char *want = old_collapse_max (text, max);

  g_assert_cmpstr (got, ==, want);
}

static void
test_collapse (void)
{
  static const char *const cases[] = {
    "", " ", "a", "  550 5.1.1\n    user\tunknown \n", "0123456789abcdef", " 0123456789abcdef",
    "0123456789abcde ", "0123456789abcdef 0123456789abcdef", "0123456789abcdef\n\n0123456789abcdef ",
    "a b c d e f g h i j k l m n o p q r s t u v w x y z", "\v\f\r\n\t ab cd\vef\fgh ij kl mn op qr",
    "żółć żółć żółć żółć żółć żółć żółć żółć",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize max = 0; max < 70; max++)
      assert_same_collapse (cases[i], max);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_collapse (cases[i], G_MAXSIZE);
  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *text = random_text (rand, round % 2 ? "abcdefgh ijklmn\nop" : "ab \t\n\r\v\f.\xc5\xbc", 120);
      gsize max = g_rand_boolean (rand) ? G_MAXSIZE : (gsize)g_rand_int_range (rand, 0, 130);

      assert_same_collapse (text, max);
    }
  /* Mostly words, as replies are: whole blocks, runs of white space
   * across the blocks' edges, the last block read from the text's end,
   * and @max far from, near and past the length. */
  for (guint round = 0; round < 20000; round++)
    {
      static const char *const alphabets[] = {
        "abcdefghijklmnopqrstuvwxyz01234 ", "abcdefghij \r\n\t", "ab    \n\n\n\v\f\xc5\xbc",
      };
      g_autofree char *text = random_text (rand, alphabets[round % 3], round % 5 == 0 ? 2200 : 200);
      gsize len = strlen (text);
      gsize max = round % 4 == 0 ? G_MAXSIZE
                  : round % 4 == 1 ? (gsize)g_rand_int_range (rand, 0, len + 40)
                  : round % 4 == 2 ? 2000 : len + (gsize)g_rand_int_range (rand, 0, 40);

      assert_same_collapse (text, max);
    }
}

/* --- bd_scan_find_status ----------------------------------------------- */

/* The byte-by-byte search bd_scan_find_status() made before it went from
 * dot to dot, with its helpers. */
static gboolean
old_digits_at (const char *p,
               guint       min,
               guint       max,
               guint      *count)
{
  guint n = 0;

  while (g_ascii_isdigit (p[n]) && n <= max)
    n++;
  *count = n;
  return n >= min && n <= max;
}

static gsize
old_status_at (const char *text,
               const char *p)
{
  guint n1, n2;
  const char *end;

  if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '_'))
    return 0;
  if (p[1] != '.' || !old_digits_at (p + 2, 1, 3, &n1) || p[2 + n1] != '.'
      || !old_digits_at (p + 3 + n1, 1, 3, &n2))
    return 0;
  end = p + 3 + n1 + n2;
  if (g_ascii_isalnum (*end) || (*end == '.' && g_ascii_isdigit (end[1])))
    return 0;
  return end - p;
}

static gboolean
old_scan_find_status (const char *text,
                      char        status[BD_SCAN_STATUS_MAX])
{
  const char *success = NULL;
  gsize success_len = 0, len;

  status[0] = '\0';
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || (*p != '2' && *p != '4' && *p != '5'))
        continue;
      len = old_status_at (text, p);
      if (len == 0 || len >= BD_SCAN_STATUS_MAX)
        continue;
      if (*p != '2')
        {
          memcpy (status, p, len);
          status[len] = '\0';
          return TRUE;
        }
      if (success == NULL)
        {
          success = p;
          success_len = len;
        }
    }
  if (success == NULL)
    return FALSE;
  memcpy (status, success, success_len);
  status[success_len] = '\0';
  return TRUE;
}

static void
assert_same_scan_status (const char *text)
{
  char got[BD_SCAN_STATUS_MAX], want[BD_SCAN_STATUS_MAX];
  gboolean found = bd_scan_find_status (text, got);

  g_assert_cmpint (found, ==, old_scan_find_status (text, want));
  g_assert_cmpstr (got, ==, want);
}

static void
test_scan_find_status (void)
{
  static const char *const cases[] = {
    "", ".", "5.1.1", ".5.1.1", "a5.1.1", "_5.1.1", "5.1.1a", "5.1.1.1", "5.1.1.", "2.0.0 then 5.7.1",
    "2.0.0 then 2.1.5", "5.1234.1", "5.123.456", "4.4.7", "192.168.5.1 4.2.2", "5.1.1_", "x 2.6.0 y",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_scan_status (cases[i]);
  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *text = random_text (rand, "2455.1.0123456789. xa_", 40);

      assert_same_scan_status (text);
    }
}

/* --- bd_decoder_find_agreeing_pair ------------------------------------- */

/* The byte-by-byte search it made before it went from dot to dot. */
static gboolean
old_find_agreeing_pair (const char *text,
                        char        status[BD_STATUS_MAX],
                        guint      *code)
{
  gboolean first_disagreed = FALSE;

  for (const char *p = text; p[0] != '\0'; p++)
    {
      gsize n;

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

static void
assert_same_pair (const char *text)
{
  char got[BD_STATUS_MAX] = "", want[BD_STATUS_MAX] = "";
  guint got_code = 0, want_code = 0;
  gboolean found = bd_decoder_find_agreeing_pair (text, got, &got_code);

  g_assert_cmpint (found, ==, old_find_agreeing_pair (text, want, &want_code));
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (got_code, ==, want_code);
}

static void
test_agreeing_pair (void)
{
  static const char *const cases[] = {
    "", ".", "554 4.4.7 Message expired <421 4.4.2 Connection timed out>", "421 4.4.2 x",
    "554 4.4.7 550 5.1.1 x", "554 4.4.7 x 550-5.1.1.", "554-4.4.7 451 4.3.0.", "a554 4.4.7 451 4.3.0",
    "554 4.4.7 451 4.3.0...", "554 4.4.7 451 4.3.012345678901", "4.4.7 451 4.3.0",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  guint n_found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_pair (cases[i]);
  for (guint round = 0; round < 30000; round++)
    {
      static const char *const words[] = {
        "554", "421", "451", "550", "5.1.1", "4.4.2", "4.3.0.", "5.7.1.2", "4.4", "x", "a1", "-", ".",
        "554-4.4.7", "550 5.1.1", "421 4.4.2", "4", "5",
      };
      g_autofree char *text = round % 2 ? random_command_text (rand, words, G_N_ELEMENTS (words))
                                        : random_text (rand, "45455..1 - 0a", 40);
      char status[BD_STATUS_MAX];
      guint code;

      assert_same_pair (text);
      n_found += old_find_agreeing_pair (text, status, &code);
    }
  g_assert_cmpuint (n_found, >, 500);
}

/* --- reply codes: bd_dsn_find_reply_code, bd_scan_find_reply_code ------ */

static gboolean
old_is_reply_code (guint code)
{
  static const guint16 codes[] = {
    211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 453, 454, 455,
    458, 459, 500, 501, 502, 503, 504, 521, 523, 530, 534, 535, 538, 550, 551, 552, 553, 554,
    555, 556,
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (codes[i] == code)
      return TRUE;
  return FALSE;
}

/* bd_dsn_find_reply_code() before strpbrk () took it from 4 or 5 to the
 * next. */
static guint
old_dsn_find_reply_code (const char *text)
{
  const char *p;

  if (text == NULL)
    return 0;
  p = text;
  while (*p == ' ' || *p == '\t' || *p == '"' || *p == '(')
    p++;
  if (*p >= '2' && *p <= '5' && is_digit (p[1]) && is_digit (p[2])
      && !is_digit (p[3]) && p[3] != '.' && p[3] != ','
      && old_is_reply_code ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0')))
    return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
  for (p = text; *p; p++)
    {
      if ((*p != '4' && *p != '5') || !is_digit (p[1]) || !is_digit (p[2]))
        continue;
      if (p[1] > '5')
        continue;
      if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '-'
                       || p[-1] == '#' || p[-1] == '/' || p[-1] == ':' || p[-1] == '='))
        continue;
      if (!old_is_reply_code ((p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0')))
        continue;
      if (p[3] == '\0'
          || ((p[3] == ' ' || p[3] == '-') && (p[4] == ' ' || g_ascii_isalpha (p[4])
                                              || (is_digit (p[4]) && p[5] == '.')
                                              || p[4] == '<' || p[4] == '"')))
        return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    }
  return 0;
}

static gboolean
old_is_reply_code_at (const char *text,
                      const char *p,
                      gboolean    failure)
{
  if (p > text && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '_' || p[-1] == '#'))
    return FALSE;
  if (!g_ascii_isdigit (p[1]) || !g_ascii_isdigit (p[2]))
    return FALSE;
  if (g_ascii_isalnum (p[3]) || (p[3] == '.' && g_ascii_isdigit (p[4])) || p[3] == '_')
    return FALSE;
  if (failure)
    return (p[0] == '4' || p[0] == '5') && p[1] <= '5';
  return p[0] == '2' && p[1] == '5' && p[2] <= '3';
}

/* bd_scan_find_reply_code() before strpbrk () took it from number to
 * number. */
static guint
old_scan_find_reply_code (const char *text)
{
  const char *success = NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        continue;
      if (old_is_reply_code_at (text, p, TRUE))
        return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
      if (success == NULL && old_is_reply_code_at (text, p, FALSE))
        success = p;
      while (g_ascii_isdigit (p[1]) || (p[1] == '.' && g_ascii_isdigit (p[2])))
        p++;
    }
  return success != NULL ? (success[0] - '0') * 100 + (success[1] - '0') * 10 + (success[2] - '0') : 0;
}

/* Returns whether both found a code, for counting. */
static gboolean
assert_same_reply_codes (const char *text)
{
  guint dsn = old_dsn_find_reply_code (text), scan = old_scan_find_reply_code (text);

  g_assert_cmpuint (bd_dsn_find_reply_code (text), ==, dsn);
  g_assert_cmpuint (bd_scan_find_reply_code (text), ==, scan);
  return dsn != 0 && scan != 0;
}

static void
test_reply_codes (void)
{
  static const char *const cases[] = {
    "", "4", "45", "550", "550 5.1.1 no", " (550-x", "x 550 user", "x 550", "a550 b", "192.168.4.55 x",
    "250 ok then 550 no", "250 ok", "5500 x", "550.1 x", "4.550 x", "x/550 y", "x:550 y", "x=550 y",
    "x 550 <a@b>", "x 550 \"q\"", "x 550 5.1.1", "x 550-5.1.1", "x 451 4.3.0", "x 599 no", "x 453 no",
    "1.2.3.4 550 x", "x 550_ y", "#550 x",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);
  guint n_found = 0;

  g_assert_cmpuint (bd_dsn_find_reply_code (NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_same_reply_codes (cases[i]);
  /* every three digits, at the start and inside a reply: the table of
   * codes against the list it replaced */
  for (guint code = 0; code < 1000; code++)
    {
      static const char *const forms[] = { "%03u", "%03u x", " (%03u-x", "x %03u x", "x %03u" };

      for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
        {
          g_autofree char *text = g_strdup_printf (forms[i], code);

          assert_same_reply_codes (text);
        }
    }
  for (guint round = 0; round < 30000; round++)
    {
      g_autofree char *text = random_text (rand, "45455025130 .-<\"a(#:_", 30);

      n_found += assert_same_reply_codes (text);
    }
  g_assert_cmpuint (n_found, >, 500);
}

/* --- bd_dsn_parse: fields of any length, over any number of lines ----- */

/* @name in random case half the time (field names are compared as
 * written first, then case-insensitively), as it is the other half. */
static char *
random_case (GRand      *rand,
             const char *name)
{
  char *out = g_strdup (name);

  if (g_rand_boolean (rand))
    for (char *p = out; *p != '\0'; p++)
      *p = g_rand_boolean (rand) ? g_ascii_toupper (*p) : g_ascii_tolower (*p);
  return out;
}

/* Reports whose fields were read through a GString, now through a buffer
 * of bd-dsn.c's own that starts on the stack: fields shorter and longer
 * than it, folded over many lines, with every kind of line end, names in
 * any case, against what a naive reading says they hold. */
static void
test_dsn_long_fields (void)
{
  static const char *const line_ends[] = { "\n", "\r\n", "\r" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint round = 0; round < 2000; round++)
    {
      const char *eol = line_ends[round % G_N_ELEMENTS (line_ends)];
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GString) words = g_string_new (NULL);
      guint n_recipients = g_rand_int_range (rand, 1, 4);
      g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *mta = g_strdup_printf ("mx%u.example.com", round);
      BdDsn *dsn;

      g_string_append_printf (text, "Reporting-MTA: dns; mx%u.example.com%s%s", round, eol, eol);
      for (guint r = 0; r < n_recipients; r++)
        {
          guint n_words = g_rand_int_range (rand, 1, round % 4 == 0 ? 400 : 40);

          g_autofree char *final = random_case (rand, "Final-Recipient");
          g_autofree char *action = random_case (rand, "Action");
          g_autofree char *status = random_case (rand, "Status");
          g_autofree char *diagnostic = random_case (rand, "Diagnostic-Code");

          g_string_truncate (words, 0);
          g_string_append_printf (text, "%s: rfc822; user%u@example.com%s", final, r, eol);
          g_string_append_printf (text, "X-Odd.Name: not a field%s%s: failed%s%s: 5.1.1%s", eol, action, eol, status, eol);
          g_string_append_printf (text, "%s: smtp; 550", diagnostic);
          g_string_append (words, "550");
          for (guint w = 0; w < n_words; w++)
            {
              g_autofree char *word = random_text (rand, "abcdefghij", 12);

              if (*word == '\0')
                continue;
              /* a folded line, or a space */
              if (g_rand_int_range (rand, 0, 5) == 0)
                g_string_append_printf (text, "%s%s", eol, g_rand_boolean (rand) ? " " : "\t ");
              else
                g_string_append_c (text, ' ');
              g_string_append (text, word);
              g_string_append_printf (words, " %s", word);
            }
          g_string_append_printf (text, "%s%s", eol, eol);
          g_ptr_array_add (wanted, g_strdup (words->str));
        }
      dsn = bd_dsn_parse (text->str, text->len, 100);
      g_assert_cmpstr (dsn->reporting_mta, ==, mta);
      g_assert_cmpuint (dsn->recipients->len, ==, n_recipients);
      for (guint r = 0; r < n_recipients; r++)
        {
          const BdRecipient *recipient = g_ptr_array_index (dsn->recipients, r);
          g_autofree char *address = g_strdup_printf ("user%u@example.com", r);

          g_assert_cmpstr (recipient->address, ==, address);
          g_assert_cmpstr (recipient->status, ==, "5.1.1");
          g_assert_cmpstr (recipient->action, ==, "failed");
          g_assert_cmpstr (recipient->diagnostic_type, ==, "smtp");
          g_assert_cmpstr (recipient->diagnostic, ==, g_ptr_array_index (wanted, r));
        }
      bd_dsn_free (dsn);
    }
}

/* --- the provider rules' status codes ---------------------------------- */

/* What bd_classify_status_matches() did with strlen () and strcmp (). */
static gboolean
old_status_matches (const char *status,
                    const char *pattern)
{
  gsize n;

  if (pattern == NULL)
    return TRUE;
  n = strlen (pattern);
  if (status == NULL)
    return FALSE;
  if (pattern[n - 1] == '.')
    return strncmp (status, pattern, n) == 0;
  return strcmp (status, pattern) == 0;
}

/* bd_classify_internal_status () against the g_strdup_printf () it
 * replaces, for every code of three digits in both classes. */
static void
test_internal_status (void)
{
  for (guint code = 100; code <= 999; code++)
    for (int temporary = 0; temporary <= 1; temporary++)
      {
        g_autofree char *got = bd_classify_internal_status (temporary, code);
        g_autofree char *want = g_strdup_printf ("%c.0.%u", temporary ? '4' : '5', code);

        g_assert_cmpstr (got, ==, want);
      }
}

/* bd_scan_append_word () and bd_scan_append_after_space () against the
 * g_string_append_printf () they replace, on random words (empty, long,
 * UTF-8, '%') appended to text already there. */
static void
test_append_words (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (41);

  for (guint round = 0; round < 2000; round++)
    {
      g_autofree char *word = random_text (rand, "ab %\t\xc5\xbc", 40);
      g_autoptr(GString) got = g_string_new ("550 x");
      g_autoptr(GString) want = g_string_new ("550 x");

      bd_scan_append_word (got, word);
      g_string_append_printf (want, "%s ", word);
      g_assert_cmpstr (got->str, ==, want->str);
      bd_scan_append_after_space (got, word);
      g_string_append_printf (want, " %s", word);
      g_assert_cmpstr (got->str, ==, want->str);
      g_assert_cmpuint (got->len, ==, want->len);
    }
}

static void
test_status_matches (void)
{
  static const char *const statuses[] = {
    NULL, "", "5", "5.", "5.7", "5.7.", "5.7.1", "5.7.10", "5.7.509", "5.7.5090", "5.1.10", "5.1.1",
    "4.7.0", "4.7.", "5.2.2", "5.2.22", "2.0.0", "x", "5.7.6", "5.7.60",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (37);

  for (guint i = 0; i < bd_n_provider_rules; i++)
    {
      const char *pattern = bd_provider_rules[i].status;

      for (guint k = 0; k < G_N_ELEMENTS (statuses); k++)
        g_assert_cmpint (bd_classify_status_matches (statuses[k], pattern), ==,
                         old_status_matches (statuses[k], pattern));
      /* the pattern itself, and it cut or lengthened */
      if (pattern != NULL)
        for (gsize cut = 0; cut <= strlen (pattern); cut++)
          {
            g_autofree char *shorter = g_strndup (pattern, cut);
            g_autofree char *longer = g_strconcat (pattern, cut % 2 ? "1" : ".", NULL);

            g_assert_cmpint (bd_classify_status_matches (shorter, pattern), ==, old_status_matches (shorter, pattern));
            g_assert_cmpint (bd_classify_status_matches (longer, pattern), ==, old_status_matches (longer, pattern));
          }
    }
  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *status = random_text (rand, "4557.1.0.2", 8);
      g_autofree char *pattern = random_text (rand, "4557.1.0.2", 7);

      if (*pattern == '\0')
        continue;
      g_assert_cmpint (bd_classify_status_matches (status, pattern), ==, old_status_matches (status, pattern));
    }
}

/* --- bd-dsn.c's field names: split at the first ':' ------------------- */

/* The name check before it: the run of name bytes, ended by a ':'. */
static gboolean
old_name_is (const char *line,
             const char *name)
{
  const char *p = line;

  while (g_ascii_isalnum (*p) || *p == '-' || *p == '_')
    p++;
  if (p == line || *p != ':')
    return FALSE;
  return (gsize)(p - line) == strlen (name) && g_ascii_strncasecmp (line, name, p - line) == 0;
}

/* Names of known fields with a byte or two changed (to name bytes, white
 * space, ':' or others), padded past the longest name or cut short:
 * read as the old check read them. */
static void
test_dsn_field_names (void)
{
  static const char *const names[] = { "Status", "Action", "Remote-MTA", "X-PowerMTA-BounceCategory" };
  static const char bytes[] = "aZz09-_: \t.;@\x01\x80";
  g_autoptr(GRand) rand = g_rand_new_with_seed (37);
  guint n_read = 0, n_dropped = 0;

  for (guint round = 0; round < 40000; round++)
    {
      const char *name = names[round % G_N_ELEMENTS (names)];
      g_autoptr(GString) line = g_string_new (name);
      g_autoptr(GString) text = g_string_new ("Final-Recipient: rfc822; a@example.com\n");
      guint n_changes = g_rand_int_range (rand, 0, 3);
      BdDsn *dsn;
      const BdRecipient *r;
      gboolean want, got;

      for (guint c = 0; c < n_changes; c++)
        {
          guint at = g_rand_int_range (rand, 0, line->len + 1);
          char byte = bytes[g_rand_int_range (rand, 0, sizeof bytes - 1)];

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0: g_string_insert_c (line, at, byte); break;
            case 1: if (at < line->len) line->str[at] = byte; break;
            case 2: if (at < line->len) g_string_erase (line, at, 1); break;
            default: g_string_append (line, "-Padding-Past-The-Longest"); break;
            }
        }
      /* a value each of the fields keeps */
      g_string_append (line, name == names[3] ? ": bad-mailbox" : ": 5.1.1 x");
      want = old_name_is (line->str, name);
      g_string_append_printf (text, "%s\n", line->str);
      dsn = bd_dsn_parse (text->str, text->len, 10);
      g_assert_cmpuint (dsn->recipients->len, ==, 1);
      r = g_ptr_array_index (dsn->recipients, 0);
      if (name == names[0])
        got = r->status != NULL;
      else if (name == names[1])
        got = r->action != NULL;
      else if (name == names[2])
        got = r->remote_mta != NULL;
      else
        got = r->reason != BD_REASON_UNDEFINED;
      g_assert_cmpint (got, ==, want);
      n_read += want;
      n_dropped += !want;
      bd_dsn_free (dsn);
    }
  g_assert_cmpuint (n_read, >, 1000);
  g_assert_cmpuint (n_dropped, >, 1000);
}

/* --- bd_dsn_clean_address (): its type and its end by table ---------- */

/* skip_type () before it: a strchr () for the ';', then the bytes before
 * it tested. */
static const char *
old_skip_type (const char *value)
{
  const char *semi = strchr (value, ';');

  if (semi == NULL)
    return value;
  for (const char *p = value; p < semi; p++)
    if (*p == ' ' || *p == '@' || *p == '<')
      return value;
  semi++;
  while (*semi == ' ' || *semi == '\t')
    semi++;
  return semi;
}

/* bd_dsn_clean_address () before the tables. */
static char *
old_clean_address (const char *value)
{
  const char *start, *end, *quoted_end = NULL;

  start = old_skip_type (value);
  while (*start == ' ' || *start == '\t' || *start == '<')
    start++;
  if (*start == '"')
    {
      end = start + 1;
      while (*end && *end != '"' && *end != '\r' && *end != '\n')
        end += end[0] == '\\' && end[1] != '\0' ? 2 : 1;
      if (end[0] == '"' && end[1] == '@' && memchr (start, '@', end - start) == NULL)
        quoted_end = end + 1;
    }
  if (quoted_end == NULL)
    while (*start == ' ' || *start == '\t' || *start == '<' || *start == '"' || *start == '\'')
      start++;
  end = quoted_end != NULL ? quoted_end : start;
  while (*end && *end != '>' && *end != ' ' && *end != '\t' && *end != '\r'
         && *end != '\n' && *end != '"' && *end != '\'' && *end != ',' && *end != ';')
    end++;
  if (end == start)
    return NULL;
  return g_strndup (start, end - start);
}

/* Random values of the bytes either reads specially, and the values
 * real reports hold, against the old reading; also through Remote-MTA
 * (skip_type () then squeeze ()). */
static void
test_clean_address (void)
{
  static const char *const cases[] = {
    "", ";", "rfc822;", "rfc822; <a@b>", "rfc822;a@b", "dns; mx.example.com", "a@b; x",
    "x <y; z>", "rfc822; \"j r\"@b.c", "rfc822;\t \"a@b\"", "'a@b', c", "<a@b>;",
    /* a comment ends nothing: a speed step that made '(' end an address
     * dropped the recipient of "(c) u@x.y" (found by differential tests) */
    "rfc822; (c) u@x.y", "rfc822; u@x.y(c)", "u(x)@example.net", "(c)rfc822;u@x.y",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (41);
  guint n_typed = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *want = old_clean_address (cases[i]);
      g_autofree char *got = bd_dsn_clean_address (cases[i]);

      g_assert_cmpstr (got, ==, want);
    }
  for (guint round = 0; round < BD_TEST_ROUNDS (60000); round++)
    {
      g_autofree char *value = random_text (rand, "ab;; @<>\"'\t\r\n,\\x.()", 24);
      g_autofree char *want = old_clean_address (value);
      g_autofree char *got = bd_dsn_clean_address (value);
      g_autofree char *mta_value = g_strdelimit (g_strdup (value), "\r\n", 'x');
      g_autofree char *text = g_strdup_printf ("Final-Recipient: a@b\nRemote-MTA: %s\n", mta_value);
      g_autoptr(BdDsn) dsn = bd_dsn_parse (text, strlen (text), 10);
      const BdRecipient *r = g_ptr_array_index (dsn->recipients, 0);
      const char *mta_want = old_skip_type (mta_value);

      g_assert_cmpstr (got, ==, want);
      n_typed += old_skip_type (value) != value;
      /* squeeze () of the rest: its ends trimmed, here only compared
       * where it holds no white space */
      if (strpbrk (mta_want, " \t") == NULL)
        g_assert_cmpstr (r->remote_mta, ==, mta_want);
    }
  g_assert_cmpuint (n_typed, >, BD_TEST_ROUNDS (60000) / 12);
}

/* --- bd-dsn.c's squeeze (), through a Diagnostic-Code ------------------ */

/* The byte-by-byte squeeze () before it took whole blocks of words and
 * single spaces (bd_text_copy_collapsed ()). */
static char *
old_squeeze (const char *value)
{
  char *out = g_malloc (strlen (value) + 1);
  char *q = out;
  gboolean space = TRUE;

  for (const char *p = value; *p; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        {
          if (!space)
            *q++ = ' ';
          space = TRUE;
          continue;
        }
      *q++ = *p;
      space = FALSE;
    }
  if (q > out && q[-1] == ' ')
    q--;
  *q = '\0';
  return out;
}

static void
test_squeeze (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (41);

  for (guint round = 0; round < 20000; round++)
    {
      /* no line break: the value stays one line; '\f' and '\v' are not
       * white space here, unlike g_ascii_isspace ()'s */
      g_autofree char *value = random_text (rand, round % 2 ? "abcdefghij k" : "ab \t\f\v.", 90);
      g_autofree char *text = g_strdup_printf ("Final-Recipient: rfc822; a@example.com\nDiagnostic-Code: x;%s\n", value);
      g_autofree char *want = old_squeeze (value);
      BdDsn *dsn = bd_dsn_parse (text, strlen (text), 10);
      const BdRecipient *r = g_ptr_array_index (dsn->recipients, 0);

      g_assert_cmpstr (r->diagnostic, ==, *want != '\0' ? want : NULL);
      bd_dsn_free (dsn);
    }
}

/* --- bd_decoder_normalise_codes: repeated codes dropped ---------------- */

/* drop_repeated_codes () as it was: g_snprintf () for each prefix, each
 * formatted again where needed. */
static void
old_drop_repeated_codes (BdRecipient *r)
{
  char prefix[BD_STATUS_MAX + 8];
  char *first, *p;
  gsize n;

  if (r->reply_code == 0 || r->status == NULL)
    return;
  for (int sep = 0; sep < 2; sep++)
    {
      g_snprintf (prefix, sizeof prefix, "%u%c%s ", r->reply_code, sep ? ' ' : '-', r->status);
      n = strlen (prefix);
      first = strstr (r->diagnostic, prefix);
      if (first == NULL)
        continue;
      p = first + n;
      while ((p = strstr (p, prefix)) != NULL)
        memmove (p, p + n, strlen (p + n) + 1);
    }
  g_snprintf (prefix, sizeof prefix, "%u%c%s ", r->reply_code, ' ', r->status);
  n = strlen (prefix);
  p = strstr (r->diagnostic, prefix);
  if (p != NULL && p != r->diagnostic && strstr (r->diagnostic, "-") < p)
    {
      char dash[BD_STATUS_MAX + 8];

      g_snprintf (dash, sizeof dash, "%u%c%s ", r->reply_code, '-', r->status);
      if (strstr (r->diagnostic, dash) != NULL)
        memmove (p, p + n, strlen (p + n) + 1);
    }
}

/* bd_decoder_normalise_codes () as it was: the old agreeing-pair search
 * and the old drop_repeated_codes (); the status and reply-code finders
 * are today's, tested against their old forms above. */
static void
old_normalise_codes (BdRecipient *r)
{
  char status[BD_STATUS_MAX];
  guint code;

  if (r->diagnostic == NULL)
    return;
  if (bd_dsn_find_status (r->diagnostic, status)
      && (status[0] == '4' || status[0] == '5') && status[2] != '0' && status[3] == '.')
    {
      g_free (r->status);
      r->status = g_strdup (status);
    }
  if (r->reply_code == 0)
    r->reply_code = bd_dsn_find_reply_code (r->diagnostic);
  if (old_find_agreeing_pair (r->diagnostic, status, &code))
    {
      g_free (r->status);
      r->status = g_strdup (status);
      r->reply_code = code;
    }
  old_drop_repeated_codes (r);
}

static void
test_normalise_codes (void)
{
  static const char *const words[] = {
    "550-5.7.1", "550 5.7.1", "550-5.7.1 ", "550 5.7.1 ", "554 5.7.1", "451-4.3.0", "451 4.3.0", "-", "x",
    "blocked", "550", "5.7.1", "5.7.12345678901234", "550-5.7.12345678901234",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (43);

  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *text = random_command_text (rand, words, G_N_ELEMENTS (words));
      BdRecipient *got = bd_recipient_new ();
      BdRecipient *want = bd_recipient_new ();

      got->diagnostic = g_strdup (text);
      want->diagnostic = g_strdup (text);
      if (round % 3 == 0)
        {
          got->status = g_strdup ("5.7.1");
          want->status = g_strdup ("5.7.1");
        }
      bd_decoder_normalise_codes (got);
      old_normalise_codes (want);
      g_assert_cmpstr (got->diagnostic, ==, want->diagnostic);
      g_assert_cmpstr (got->status, ==, want->status);
      g_assert_cmpuint (got->reply_code, ==, want->reply_code);
      bd_recipient_free (got);
      bd_recipient_free (want);
    }
}

/* --- addresses and hosts in a reply: bd-scan-codes.c's byte classes ---- */

static gboolean
old_is_local_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+/=?^_`{|}~.-", c) != NULL)
         || (guchar)c >= 0x80;
}

static gboolean
old_is_domain_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_' || (guchar)c >= 0x80;
}

/* bd_scan_extract_address () as it was, its byte classes by function. */
static char *
old_address_at (const char *text,
                const char *at)
{
  const char *start = at;
  const char *end = at + 1;

  while (start > text && old_is_local_char (start[-1]))
    start--;
  if (end[0] == '[')
    {
      const char *close = strchr (end, ']');

      if (close == NULL)
        return NULL;
      end = close + 1;
    }
  else
    {
      while (old_is_domain_char (*end))
        end++;
    }
  while (start < at && (*start == '.' || *start == '\'' || *start == '`'))
    start++;
  while (end > at + 1 && (end[-1] == '.' || end[-1] == '-'))
    end--;
  if (start == at || end == at + 1)
    return NULL;
  if (end[-1] != ']' && memchr (at + 1, '.', end - at - 1) == NULL
      && g_ascii_strncasecmp (at + 1, "localhost", end - at - 1) != 0)
    return NULL;
  return g_strndup (start, end - start);
}

static char *
old_extract_address (const char *text)
{
  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      char *address = old_address_at (text, at);

      if (address != NULL)
        return address;
    }
  return NULL;
}

/* bd_scan_host_in () as it was. */
static char *
old_host_in (const char *text)
{
  for (const char *hit = bd_text_strcasestr (text, "host "); hit != NULL; hit = bd_text_strcasestr (hit + 1, "host "))
    {
      const char *p = hit + 5, *end;

      if (hit > text && g_ascii_isalnum (hit[-1]))
        continue;
      while (*p == ' ' || *p == '[')
        p++;
      end = p;
      while (*end != '\0' && (old_is_domain_char (*end) || *end == ':'))
        end++;
      while (end > p && (end[-1] == '.' || end[-1] == ':'))
        end--;
      if (end > p && memchr (p, '.', end - p) != NULL)
        return g_strndup (p, end - p);
    }
  return NULL;
}

static void
assert_same_address (const char *text)
{
  g_autofree char *got = bd_scan_extract_address (text);
  g_autofree char *want = old_extract_address (text);
  g_autofree char *got_host = bd_scan_host_in (text);
  g_autofree char *want_host = old_host_in (text);

  g_assert_cmpstr (got, ==, want);
  g_assert_cmpstr (got_host, ==, want_host);
}

static void
test_addresses (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (47);

  /* every byte before and after the '@', and in a host name */
  for (guint c = 1; c < 256; c++)
    {
      g_autofree char *before = g_strdup_printf ("x %cuser@example.com", c);
      g_autofree char *inside = g_strdup_printf ("us%cer@exa%cmple.com y", c, c);
      g_autofree char *host = g_strdup_printf ("host mx%c1.exa%cmple.com said", c, c);

      assert_same_address (before);
      assert_same_address (inside);
      assert_same_address (host);
    }
  for (guint round = 0; round < 30000; round++)
    {
      g_autofree char *text = random_text (rand, "ab@.-_'`<>[] !#~:\xc5\x82hostlocal", 40);

      assert_same_address (text);
    }
}

/* --- the scratch result's test: every field ORed against each tested ---- */

static gboolean
ref_is_untouched (const BdBounce *scratch)
{
  const BdOriginal *o = scratch->original;

  return scratch->kind == BD_KIND_NOT_BOUNCE && scratch->recipients->len == 0
      && scratch->mta == NULL && scratch->reporting_mta == NULL && scratch->limits == 0
      && o->from == NULL && o->to->len == 0 && o->subject == NULL && o->dkim->len == 0;
}

/* Each of the nine fields set alone, and every pair of them. */
static void
set_scratch_field (BdBounce *scratch,
                   guint     field)
{
  switch (field)
    {
    case 0: scratch->kind = BD_KIND_BOUNCE; break;
    case 1: g_ptr_array_add (scratch->recipients, bd_recipient_new ()); break;
    case 2: scratch->mta = g_strdup ("x"); break;
    case 3: scratch->reporting_mta = g_strdup ("x"); break;
    case 4: scratch->limits = BD_DECODE_LIMIT_DEPTH; break;
    case 5: scratch->original->from = g_strdup ("a@b.c"); break;
    case 6: g_ptr_array_add (scratch->original->to, g_strdup ("a@b.c")); break;
    case 7: scratch->original->subject = g_strdup (""); break;
    case 8: g_ptr_array_add (scratch->original->dkim, g_new0 (BdDkimRef, 1)); break;
    default: g_assert_not_reached ();
    }
}

static void
test_is_untouched (void)
{
  for (guint a = 0; a <= 9; a++)
    for (guint b = a; b <= 9; b++)
      {
        g_autoptr(BdBounce) scratch = bd_bounce_new ("x", 0);

        if (a < 9)
          set_scratch_field (scratch, a);
        if (b < 9 && b != a)
          set_scratch_field (scratch, b);
        g_assert_cmpint (bd_decoder_is_untouched (scratch), ==, ref_is_untouched (scratch));
        g_assert_cmpint (bd_decoder_is_untouched (scratch), ==, a == 9);
      }
}

/* --- bd_decoder_cap_parts ---------------------------------------------- */

/* The line walk bd_decoder_cap_parts() replaced: each line start tested
 * for "content-type:" with at least one byte after it. */
static gsize
ref_cap_parts (const char *data,
               gsize       len)
{
  const char *p = data, *end = data + len;
  guint count = 0;

  if (len < (gsize)(BD_DECODER_MAX_PARTS + 1) * 14)
    return len;
  while (p < end)
    {
      if ((gsize)(end - p) > 13 && g_ascii_strncasecmp (p, "content-type:", 13) == 0
          && ++count > BD_DECODER_MAX_PARTS)
        return p - data;
      p = memchr (p, '\n', end - p);
      if (p == NULL)
        break;
      p++;
    }
  return len;
}

/* Lines of pieces that are, or nearly are, a Content-Type line, about as
 * many as the cap: each message is cut in some runs and not in others. */
static void
test_cap_parts (void)
{
  static const char *const pieces[] = {
    "Content-Type:", "content-type:", "CONTENT-TYPE:", "Content-Typ:", "content-type", "Content_Type:",
    " Content-Type:", "x", ":", "\r", "\t", "--b", "contenT-tYpe:x", "\0", "e:", "content-type:\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint lines = g_rand_int_range (rand, 1200, 2200);
      gsize whole;

      for (guint i = 0; i < lines; i++)
        {
          guint n = g_rand_int_range (rand, 1, 4);

          for (guint j = 0; j < n; j++)
            {
              const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

              /* "\0" is one byte long */
              g_string_append_len (text, piece, piece[0] == '\0' ? 1 : (gssize)strlen (piece));
            }
          if (i + 1 < lines || g_rand_boolean (rand))
            g_string_append_c (text, '\n');
        }
      whole = text->len;
      g_assert_cmpuint (bd_decoder_cap_parts (text->str, text->len), ==, ref_cap_parts (text->str, text->len));
      /* every length ending inside the last lines too: a Content-Type
       * line 13 bytes from the end is not counted, one 14 bytes away is */
      for (gsize cut = whole > 64 ? whole - 64 : 0; cut < whole; cut++)
        g_assert_cmpuint (bd_decoder_cap_parts (text->str, cut), ==, ref_cap_parts (text->str, cut));
    }
}

/* The cap's edges: the first line, the 513th at the very end (counted
 * only with a byte after its colon), and a message just too short to be
 * walked. */
static void
test_cap_parts_edges (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i <= BD_DECODER_MAX_PARTS; i++)
    g_string_append (text, "content-type:\n");
  g_assert_cmpuint (bd_decoder_cap_parts (text->str, text->len), ==, BD_DECODER_MAX_PARTS * 14);
  g_string_prepend (text, "x");
  g_assert_cmpuint (bd_decoder_cap_parts (text->str, text->len), ==, text->len);
  g_string_overwrite (text, 0, "\n");
  g_assert_cmpuint (bd_decoder_cap_parts (text->str, text->len), ==, text->len - 14);
  g_assert_cmpuint (bd_decoder_cap_parts (text->str, text->len - 1), ==, text->len - 1);
  for (gsize cut = text->len - 30; cut <= text->len; cut++)
    g_assert_cmpuint (bd_decoder_cap_parts (text->str, cut), ==, ref_cap_parts (text->str, cut));
}


/* --- the same functions over the inputs test-mime-walk made for them --- */

static void
check_squeeze (const char *text)
{
  g_autofree char *got = bd_dsn_date_to_iso (text);
  g_autofree char *want = old_squeeze (text);

  g_assert_cmpstr (got, ==, want);
}

static void
test_squeeze_random (void)
{
  /* no digits: none of it reads as a date */
  static const char alphabet[] = { 'a', 'b', ' ', '\t', '\r', '\n', 'x', '.' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (27);

  check_squeeze ("");
  check_squeeze ("   ");
  check_squeeze ("550 5.1.1 user unknown here, sorry about that; no such mailbox");
  for (guint i = 1; i < 48; i++)
    for (const char *blank = " \t\r\n"; *blank != '\0'; blank++)
      {
        g_autoptr(GString) text = g_string_new ("ab cd ef gh ij kl mn op qr st uv wx yz ab cd ef gh");

        g_string_insert_c (text, i, *blank);
        check_squeeze (text->str);
      }
  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autofree char *text = test_random_text_of_length (rand, alphabet, g_rand_int_range (rand, 1, sizeof alphabet + 1),
                                           g_rand_int_range (rand, 0, 70));

      /* mostly words and single spaces, as diagnostics are */
      for (gsize k = 0; text[k] != '\0'; k++)
        if (text[k] != ' ' && text[k] != 'a' && g_rand_int_range (rand, 0, 4) != 0)
          text[k] = 'b';
      check_squeeze (text);
    }
}

static void
check_codes (const char *text)
{
  char got[BD_STATUS_MAX], want[BD_STATUS_MAX];

  g_assert_cmpint (bd_dsn_find_status (text, got), ==, old_find_status (text, want));
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (bd_dsn_find_reply_code (text), ==, old_dsn_find_reply_code (text));
}

static void
test_codes_random (void)
{
  static const char alphabet[] = { '5', '4', '2', '.', '0', '1', '5', '.', ' ', 'a', '-', '#', '/', ':', '=',
                                   '(', '"', '9', '3', '\t', ',' };
  g_autoptr(GRand) rand = g_rand_new_with_seed (28);

  check_codes ("");
  check_codes (".");
  check_codes ("5.1.1");
  check_codes (".5.1.1");
  check_codes ("550 5.1.1 <a@b.c>: Recipient address rejected: user unknown");
  check_codes ("host 1.2.3.4 said: 452 4.2.2 over quota (in reply to RCPT TO)");
  for (guint i = 0; i < BD_TEST_ROUNDS (100000); i++)
    {
      g_autofree char *text = test_random_text_of_length (rand, alphabet, g_rand_int_range (rand, 3, sizeof alphabet + 1),
                                           g_rand_int_range (rand, 0, 24));

      check_codes (text);
    }
}

static void
check_normalise (const char *diagnostic,
                 guint       reply_code,
                 const char *status)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("test", 0);
  BdRecipient *got = bd_bounce_add_recipient (bounce, NULL);
  BdRecipient *want = bd_bounce_add_recipient (bounce, NULL);

  got->diagnostic = g_strdup (diagnostic);
  want->diagnostic = g_strdup (diagnostic);
  got->reply_code = want->reply_code = reply_code;
  got->status = g_strdup (status);
  want->status = g_strdup (status);
  bd_decoder_normalise_codes (got);
  old_normalise_codes (want);
  g_assert_cmpstr (got->diagnostic, ==, want->diagnostic);
  g_assert_cmpstr (got->status, ==, want->status);
  g_assert_cmpuint (got->reply_code, ==, want->reply_code);
}

static void
test_normalise_random (void)
{
  static const char *const pieces[] = {
    "554 4.4.7 ", "421 4.4.2 ", "550-5.1.1 ", "550 5.1.1 ", "452 4.2.2 ", "550 4.1.1 ", "4", "5", "45", "5.",
    ".", "1", "0", " ", "-", "a", "<", ">", "Message expired", "x550 5.1.1 ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (29);

  check_normalise ("554 4.4.7 Message expired <421 4.4.2 Connection timed out>", 0, NULL);
  check_normalise ("550-5.1.1 no such user 550-5.1.1 here 550 5.1.1 sorry", 550, "5.1.1");
  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint k = g_rand_int_range (rand, 0, 8); k > 0; k--)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      check_normalise (text->str, g_rand_boolean (rand) ? 0 : 550, g_rand_boolean (rand) ? NULL : "5.0.0");
    }
}

/* --- bd_classify_provider_rules --------------------------------------- */

/* The walk over the provider table as it was before any rule was skipped
 * by what the reply lacks: every rule asked in turn, its phrase searched
 * for with strstr (). */
static BdReason
old_provider_table (const BdRecipient *r,
                    const char        *reporter,
                    const char        *lowered)
{
  guint32 providers = bd_provider_mask_for_host (reporter) | bd_provider_mask_named_in (lowered);

  for (guint i = 0; i < bd_n_provider_rules; i++)
    {
      const BdProviderRule *rule = &bd_provider_rules[i];

      if (rule->provider != BD_PROVIDER_NONE && !(providers >> rule->provider & 1))
        continue;
      if (!bd_classify_status_matches (r->status, rule->status))
        continue;
      if (rule->phrase != NULL && (lowered == NULL || strstr (lowered, rule->phrase) == NULL))
        continue;
      return rule->reason;
    }
  return BD_REASON_UNDEFINED;
}

/* Replies the rules before the table (KDDI, NTT docomo, Orange, Spectrum)
 * could decide, which the old walk above does not know. */
static gboolean
asks_coded_rules (const char *lowered,
                  const char *reporter)
{
  static const char *const words[] = { ": user unknown", "lpn", "ofr", "ouk", "aup#" };

  for (guint i = 0; lowered != NULL && i < G_N_ELEMENTS (words); i++)
    if (strstr (lowered, words[i]) != NULL)
      return TRUE;
  return reporter != NULL && (strstr (reporter, "docomo") != NULL || strstr (reporter, "charter") != NULL);
}

static void
check_provider_rules (const char *status,
                      const char *reporter,
                      const char *lowered)
{
  BdRecipient r = { 0 };
  BdClassifyReply reply;
  BdEvidence evidence = { 0 };
  BdReason got;

  if (asks_coded_rules (lowered, reporter))
    return;
  r.status = (char *)status;
  r.address = (char *)"user@example.com";
  bd_classify_reply_init (&reply, lowered);
  got = bd_classify_provider_rules (&r, reporter, &reply, &evidence);
  bd_classify_reply_clear (&reply);
  bd_evidence_clear (&evidence);
  if (got != old_provider_table (&r, reporter, lowered))
    g_error ("status %s, reporter %s, reply “%s”: %s, the walk said %s", status, reporter, lowered,
             bd_reason_to_string (got), bd_reason_to_string (old_provider_table (&r, reporter, lowered)));
}

/* A relay asked after the reporter, with the reply the reporter's
 * question read (bd-classify.c asks a relay only when the reporter's
 * rules said nothing): the same answer and evidence as when asked alone.
 * Every rule is asked here, the coded ones too. */
static void
check_relay_rules (const char *status,
                   const char *reporter,
                   const char *relay,
                   const char *lowered)
{
  BdRecipient r = { 0 };
  BdClassifyReply shared, alone;
  BdEvidence evidence = { 0 }, alone_evidence = { 0 };
  g_autofree char *got_why = NULL, *want_why = NULL;
  BdReason got, want;

  r.status = (char *)status;
  r.address = (char *)"user@example.com";
  bd_classify_reply_init (&shared, lowered);
  if (bd_classify_provider_rules (&r, reporter, &shared, &evidence) != BD_REASON_UNDEFINED)
    {
      bd_classify_reply_clear (&shared);
      bd_evidence_clear (&evidence);
      return;
    }
  got = bd_classify_provider_rules (&r, relay, &shared, &evidence);
  bd_classify_reply_init (&alone, lowered);
  want = bd_classify_provider_rules (&r, relay, &alone, &alone_evidence);
  got_why = bd_evidence_to_string (&evidence);
  want_why = bd_evidence_to_string (&alone_evidence);
  if (got != want || g_strcmp0 (got_why, want_why) != 0)
    g_error ("status %s, reporter %s, relay %s, reply “%s”: %s (%s), alone %s (%s)", status, reporter, relay,
             lowered, bd_reason_to_string (got), got_why, bd_reason_to_string (want), want_why);
  bd_classify_reply_clear (&shared);
  bd_classify_reply_clear (&alone);
  bd_evidence_clear (&evidence);
  bd_evidence_clear (&alone_evidence);
}

/* @pattern (a rule's status) as a recipient's code, and the codes one
 * byte off it: cut, lengthened past eight bytes (the walk packs the
 * first eight), a byte changed at each place. */
static void
add_status_variants (GPtrArray  *statuses,
                     const char *pattern)
{
  gsize n = strlen (pattern);

  g_ptr_array_add (statuses, g_str_has_suffix (pattern, ".") ? g_strconcat (pattern, "1", NULL) : g_strdup (pattern));
  g_ptr_array_add (statuses, g_strconcat (pattern, "0", NULL));
  g_ptr_array_add (statuses, g_strconcat (pattern, "12.4", NULL));
  for (gsize cut = 0; cut < n; cut++)
    {
      g_autofree char *changed = g_strdup (pattern);

      changed[cut] = changed[cut] == '.' ? '1' : '.';
      g_ptr_array_add (statuses, g_strndup (pattern, cut));
      g_ptr_array_add (statuses, g_steal_pointer (&changed));
    }
}

/* Every code against every rule, from each reporter: a reply of no
 * words, and one of all the phrases the coded rules do not read, where
 * the first rule whose provider and code match applies (the phrases of
 * the rules for any provider and code left out: they would decide
 * first). */
static void
check_rule_codes (GPtrArray *statuses,
                  GPtrArray *reporters)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < bd_n_provider_rules; i++)
    {
      const BdProviderRule *rule = &bd_provider_rules[i];

      if (rule->phrase != NULL && !asks_coded_rules (rule->phrase, NULL)
          && (rule->provider != BD_PROVIDER_NONE || rule->status != NULL))
        g_string_append_printf (all, "%s | ", rule->phrase);
    }
  g_assert_false (asks_coded_rules (all->str, NULL));
  for (guint s = 0; s < statuses->len; s++)
    for (guint k = 0; k < reporters->len; k++)
      {
        check_provider_rules (g_ptr_array_index (statuses, s), g_ptr_array_index (reporters, k), NULL);
        check_provider_rules (g_ptr_array_index (statuses, s), g_ptr_array_index (reporters, k), all->str);
      }
}

/* Every rule's phrase, and its first bytes, alone and among the others,
 * from each provider's servers and none, under the rules' own codes: the
 * rules skipped for a start the reply lacks never applied. */
static void
test_provider_rules (void)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reporters = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  static const char *const coded[] = {
    "lpn416", "550 ofr416 no", "ofr_416", "lpnaaa_517", "ouk_999", "550 : user unknown", "<a@b>: user unknown",
    "aup#1000", "aup#mxrt-1360",
  };

  g_ptr_array_add (statuses, NULL);
  g_ptr_array_add (statuses, g_strdup ("5.0.0"));
  g_ptr_array_add (reporters, NULL);
  g_ptr_array_add (reporters, g_strdup ("mx.example.com"));
  g_ptr_array_add (reporters, g_strdup ("smtp.orange.fr"));   /* reads a bare "lpn416" */
  for (guint id = BD_PROVIDER_NONE + 1; id < BD_N_PROVIDERS; id++)
    {
      const BdProvider *provider = bd_provider_get (id);

      if (provider->host_suffixes[0] != NULL)
        g_ptr_array_add (reporters, g_strconcat ("mx.", provider->host_suffixes[0], NULL));
    }
  for (guint i = 0; i < bd_n_provider_rules; i++)
    {
      const BdProviderRule *rule = &bd_provider_rules[i];

      if (rule->status != NULL)
        add_status_variants (statuses, rule->status);
      if (rule->phrase == NULL)
        continue;
      g_ptr_array_add (pieces, g_strdup (rule->phrase));
      g_ptr_array_add (pieces, g_strndup (rule->phrase, 10));
      g_ptr_array_add (pieces, g_strndup (rule->phrase, 6));
    }
  g_ptr_array_add (pieces, g_strdup ("550 no such user here"));
  check_rule_codes (statuses, reporters);
  check_provider_rules ("5.0.0", NULL, NULL);
  check_relay_rules ("5.0.0", NULL, NULL, NULL);
  for (guint i = 0; i < bd_n_provider_rules; i++)
    for (guint k = 0; k < reporters->len; k++)
      {
        const BdProviderRule *rule = &bd_provider_rules[i];
        g_autofree char *status = rule->status == NULL ? NULL
                                  : g_str_has_suffix (rule->status, ".") ? g_strconcat (rule->status, "1", NULL)
                                                                          : g_strdup (rule->status);

        check_provider_rules (status, g_ptr_array_index (reporters, k), rule->phrase);
      }
  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint n = g_rand_int_range (rand, 1, 4); n > 0; n--)
        {
          g_string_append (text, g_ptr_array_index (pieces, g_rand_int_range (rand, 0, pieces->len)));
          g_string_append_c (text, ' ');
        }
      check_provider_rules (g_ptr_array_index (statuses, g_rand_int_range (rand, 0, statuses->len)),
                            g_ptr_array_index (reporters, g_rand_int_range (rand, 0, reporters->len)), text->str);
      /* the coded rules' words too, which read the host's name */
      if (g_rand_boolean (rand))
        g_string_append (text, coded[g_rand_int_range (rand, 0, G_N_ELEMENTS (coded))]);
      check_relay_rules (g_ptr_array_index (statuses, g_rand_int_range (rand, 0, statuses->len)),
                         g_ptr_array_index (reporters, g_rand_int_range (rand, 0, reporters->len)),
                         g_ptr_array_index (reporters, g_rand_int_range (rand, 0, reporters->len)), text->str);
    }
}

/* --- bd_classify_status ------------------------------------------------ */

/* The lookup bd_classify_status () made in a hash table of the rules. */
static BdReason
old_classify_status (GHashTable *table,
                     const char *status)
{
  gpointer reason;

  if (status == NULL || !g_hash_table_lookup_extended (table, status, NULL, &reason))
    return BD_REASON_UNDEFINED;
  return GPOINTER_TO_UINT (reason);
}

/* Every string of the codes' shape with one or two digits of detail (a
 * leading zero too), every class digit, and strings around them. */
static void
test_classify_status (void)
{
  static const char *const others[] = {
    "", "5", "5.", "5.1", "5.1.", "5.1.1 ", " 5.1.1", "5.1.1.", "5.1.100", "5.1.01", "5.10.1", "5,1,1",
    "5.1.1x", "x.1.1", "5.x.1", "5.1.x", "2.1.5", "5.7.27", "5.7.28", "4.7.12",
  };
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;
  const BdStatusRule *rules = bd_classify_status_rules (&n);

  for (guint i = 0; i < n; i++)
    if (!g_hash_table_contains (table, rules[i].status))
      g_hash_table_insert (table, (gpointer)rules[i].status, GUINT_TO_POINTER (rules[i].reason));
  g_assert_cmpint (bd_classify_status (NULL), ==, BD_REASON_UNDEFINED);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_cmpint (bd_classify_status (others[i]), ==, old_classify_status (table, others[i]));
  for (guint c = 0; c < 10; c++)
    for (guint subject = 0; subject < 10; subject++)
      for (guint detail = 0; detail < 110; detail++)
        {
          /* 0-99, then "00" to "09" */
          g_autofree char *status = detail < 100 ? g_strdup_printf ("%u.%u.%u", c, subject, detail)
                                                 : g_strdup_printf ("%u.%u.0%u", c, subject, detail - 100);

          g_assert_cmpint (bd_classify_status (status), ==, old_classify_status (table, status));
        }
}

/* --- bd_classify_may_hold_franceptt_code ------------------------------ */

/* The searches the one pass replaced. */
static gboolean
old_holds_franceptt_prefix (const char *lowered)
{
  return strstr (lowered, "lpn") != NULL || strstr (lowered, "ofr") != NULL || strstr (lowered, "ouk") != NULL;
}

static void
check_franceptt_gate (const char *text)
{
  g_assert_cmpint (bd_classify_may_hold_franceptt_code (text, strlen (text)), ==, old_holds_franceptt_prefix (text));
}

/* Every prefix at every place of texts around the 16-byte steps (and
 * split over a step's end), and random texts of the prefixes' letters. */
static void
test_franceptt_gate (void)
{
  static const char *const prefixes[] = { "lpn", "ofr", "ouk", "lp", "of", "ou", "pn", "fr", "uk", "lpnaaa" };
  static const char letters[] = "lpnofrukx _0123";
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  check_franceptt_gate ("");
  for (guint len = 0; len <= 40; len++)
    for (guint at = 0; at <= len; at++)
      for (guint k = 0; k < G_N_ELEMENTS (prefixes); k++)
        {
          g_autofree char *base = g_strnfill (len, 'x');
          g_autofree char *text = g_strconcat (base, prefixes[k], NULL);

          memmove (text + at + strlen (prefixes[k]), text + at, len - at);
          memcpy (text + at, prefixes[k], strlen (prefixes[k]));
          check_franceptt_gate (text);
        }
  for (guint i = 0; i < BD_TEST_ROUNDS (20000); i++)
    {
      guint len = g_rand_int_range (rand, 0, 60);
      g_autofree char *text = g_malloc (len + 1);

      for (guint j = 0; j < len; j++)
        text[j] = letters[g_rand_int_range (rand, 0, sizeof letters - 1)];
      text[len] = '\0';
      check_franceptt_gate (text);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/decode-equivalence/find-status", test_find_status);
  test_add_func_each_vector_path ("/decode-equivalence/find-command", test_find_command);
  g_test_add_func ("/decode-equivalence/franceptt-gate", test_franceptt_gate);
  g_test_add_func ("/decode-equivalence/classify-status", test_classify_status);
  g_test_add_func ("/decode-equivalence/provider-rules", test_provider_rules);
  g_test_add_func ("/decode-equivalence/is-folded", test_is_folded);
  g_test_add_func ("/decode-equivalence/collapse", test_collapse);
  g_test_add_func ("/decode-equivalence/scan-find-status", test_scan_find_status);
  g_test_add_func ("/decode-equivalence/agreeing-pair", test_agreeing_pair);
  g_test_add_func ("/decode-equivalence/reply-codes", test_reply_codes);
  g_test_add_func ("/decode-equivalence/dsn-long-fields", test_dsn_long_fields);
  g_test_add_func ("/decode-equivalence/status-matches", test_status_matches);
  g_test_add_func ("/decode-equivalence/internal-status", test_internal_status);
  g_test_add_func ("/decode-equivalence/append-words", test_append_words);
  g_test_add_func ("/decode-equivalence/squeeze", test_squeeze);
  g_test_add_func ("/decode-equivalence/dsn-field-names", test_dsn_field_names);
  g_test_add_func ("/decode-equivalence/clean-address", test_clean_address);
  g_test_add_func ("/decode-equivalence/normalise-codes", test_normalise_codes);
  g_test_add_func ("/decode-equivalence/addresses", test_addresses);
  g_test_add_func ("/decode-equivalence/is-untouched", test_is_untouched);
  test_add_func_each_vector_path ("/decode-equivalence/cap-parts", test_cap_parts);
  test_add_func_each_vector_path ("/decode-equivalence/cap-parts-edges", test_cap_parts_edges);
  g_test_add_func ("/decode-equivalence/squeeze-words", test_squeeze_random);
  g_test_add_func ("/decode-equivalence/codes-random", test_codes_random);
  g_test_add_func ("/decode-equivalence/normalise-pieces", test_normalise_random);
  return g_test_run ();
}
