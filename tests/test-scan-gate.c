/* test-scan-gate.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanners' inline From: and Subject: questions (bd-scan-gate.h)
 * against bd_scan_from_has () and bd_scan_subject_has (), which they
 * replace: random texts of every length up to 64 over a small alphabet
 * (so that needles are often found, and found near the end), lowered into
 * a malloc'd block with the 16 bytes of padding that bd_scan_input_init ()
 * leaves and no more, and needles cut from them with their case changed.
 * Then the From's provider names against the address cut out and looked
 * up, the header fields asked of the memo against the look-ups,
 * and the body collapsed at once against its lines joined.
 */
#include "config.h"

#include <string.h>

#include "bd-provider.h"
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

/* Froms made of the registry's names, their case and surroundings
 * changed, and near misses. */
static char *
random_from (GRand       *rand,
             const char  *const *names,
             guint        n_names)
{
  static const char *const pieces[] = {
    "", " ", "<", ">", ".", "..", "@", "x", "mx.", "a@", "Mailer-Daemon@", "\"Q\" ", ".pl", ".com", "o", "-", "ONET",
    "gmx", "web", ".de", "t-", "2", "cz", "\xc3\xa9",
  };
  GString *from = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 8);

  /* half of them an address under a name, as a provider's notice has */
  if (g_rand_boolean (rand))
    g_string_append (from, g_rand_boolean (rand) ? "Mail Delivery <mailer-daemon@" : "x@mx.");

  for (guint i = 0; i < n; i++)
    {
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          const char *name = names[g_rand_int_range (rand, 0, n_names)];
          gsize at = from->len;

          /* a name, or a piece of one */
          if (g_rand_boolean (rand))
            g_string_append (from, name);
          else
            {
              gsize start = g_rand_int_range (rand, 0, strlen (name));

              g_string_append_len (from, name + start, g_rand_int_range (rand, 0, strlen (name) - start + 1));
            }
          for (gsize k = at; k < from->len; k++)
            if (g_rand_int_range (rand, 0, 4) == 0)
              from->str[k] = g_ascii_toupper (from->str[k]);
        }
      else
        g_string_append (from, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
    }
  return g_string_free (from, FALSE);
}

/* As bd_scan_input_init () lays the From out, and the question asked. */
static gboolean
gate_says (const BdScanGateNames *set,
           const char            *from)
{
  gsize len = strlen (from);
  g_autofree char *block = g_malloc (len + 2 + 16);
  BdScanInput input = { .from = from, .subject = "", .body = "" };

  bd_text_ascii_down_copy (block, from, len);
  memset (block + len, 0, 18);
  input.from_lower = block;
  input.subject_lower = block + len + 1;
  input.from_lower_len = len;
  return bd_scan_gate_from_may_name (&input, set);
}

static void
test_provider_names (void)
{
  const guint32 providers = 1u << BD_PROVIDER_ONET | 1u << BD_PROVIDER_INTERIA | 1u << BD_PROVIDER_WP
                            | 1u << BD_PROVIDER_O2 | 1u << BD_PROVIDER_HOMEPL | 1u << BD_PROVIDER_NAZWAPL
                            | 1u << BD_PROVIDER_OVH | 1u << BD_PROVIDER_FORPSI | 1u << BD_PROVIDER_SEZNAM
                            | 1u << BD_PROVIDER_TONLINE | 1u << BD_PROVIDER_GMX | 1u << BD_PROVIDER_WEBDE
                            | 1u << BD_PROVIDER_MICROSOFT;
  g_autoptr(BdScanGateNames) set = bd_scan_gate_names_new (providers);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  guint said_yes = 0, named = 0;

  for (guint id = 0; id < BD_N_PROVIDERS; id++)
    if (providers >> id & 1)
      {
        const BdProvider *provider = bd_provider_get (id);

        for (guint i = 0; provider->mail_domains[i] != NULL; i++)
          g_ptr_array_add (names, (gpointer)provider->mail_domains[i]);
        for (guint i = 0; provider->host_suffixes[i] != NULL; i++)
          g_ptr_array_add (names, (gpointer)provider->host_suffixes[i]);
      }
  for (guint round = 0; round < 200000; round++)
    {
      g_autofree char *from = random_from (rand, (const char *const *)names->pdata, names->len);
      g_autofree char *address = bd_scan_extract_address (from);
      gboolean yes = (bd_provider_mask_for_address (address) & providers) != 0;
      gboolean may = gate_says (set, from);

      /* "no" must be right; "maybe" may be said in error */
      if (yes && !may)
        g_error ("From \"%s\" (address %s) names a provider, the gate says not", from, address);
      said_yes += may;
      named += yes;
    }
  /* the random Froms name a provider often enough, and the gate says
   * "no" to many others */
  g_assert_cmpuint (named, >, 5000);
  g_assert_cmpuint (said_yes, <, 200000 - 50000);
  g_assert_true (gate_says (set, "MAILER-DAEMON@mx.GMX.net"));
  g_assert_false (gate_says (set, "MAILER-DAEMON@mx.example.com"));
  g_assert_false (gate_says (set, ""));
}

/* The header fields asked of the memo against bd_scan_has_header (): every
 * pairing of fields of the names asked (in other cases, near misses),
 * each question asked first, with a memo and without one. */
static void
test_has_field (void)
{
  static const char *const heads[] = {
    "", "X-SES-Outgoing: 1\n", "x-ses-outgoing: 1\n", "X-AWS-Outgoing: 1\n", "X-SES-Outgoin: 1\n",
    "X-SES-Outgoing2: 1\n", "Y-SES-Outgoing: 1\n", "Subject: X-SES-Outgoing\n", "X-SES-Outgoing:\n",
    "X-Mailer: m\n", "x-mailer: m\n", "X-Mailers: m\n", "Received: x\n", "X-MLServer: fml 4\n",
    "X-MLSERVER: fml\n", "X-MLServe: fml\n", "XMailer: m\n",
  };
  static const BdScanMemoQuestion questions[] = {
    BD_SCAN_MEMO_HAS_X_MLSERVER, BD_SCAN_MEMO_HAS_X_MAILER, BD_SCAN_MEMO_HAS_SES_STAMP,
  };

  for (guint i = 0; i < G_N_ELEMENTS (heads); i++)
    for (guint j = 0; j < G_N_ELEMENTS (heads); j++)
      {
        g_autofree char *data = g_strdup_printf ("From: a@b.example\n%s%sTo: c@d.example\n\nbody\n", heads[i], heads[j]);
        BdMimePart *message = bd_mime_parse (data, strlen (data), 4);
        BdScanInput input = { .message = message, .from = "", .subject = "", .body = "" };
        gboolean old[3];

        old[0] = bd_scan_has_header (&input, "X-MLServer");
        old[1] = bd_scan_has_header (&input, "X-Mailer");
        old[2] = bd_scan_has_header (&input, "X-SES-Outgoing") || bd_scan_has_header (&input, "X-AWS-Outgoing");
        for (guint first = 0; first < 3; first++)
          {
            g_autoptr(BdScanMemo) memo = bd_scan_memo_new ();

            for (guint k = 0; k < 3; k++)
              {
                guint q = (first + k) % 3;

                input.memo = NULL;
                g_assert_cmpint (bd_scan_gate_has_field (&input, questions[q]), ==, old[q]);
                input.memo = memo;
                g_assert_cmpint (bd_scan_gate_has_field (&input, questions[q]), ==, old[q]);
                g_assert_cmpint (bd_scan_gate_has_field (&input, questions[q]), ==, old[q]);
              }
          }
        bd_mime_part_free (message);
      }
  {
    BdScanInput input = { .message = NULL, .from = "", .subject = "", .body = "" };

    g_assert_false (bd_scan_gate_has_field (&input, BD_SCAN_MEMO_HAS_SES_STAMP));
  }
}

/* The body collapsed at once against its lines joined, with and without
 * a memo (whose grams answer the stop's search). */
static void
test_collapse_prose (void)
{
  static const char *const pieces[] = {
    "a", "word", " ", "  ", "\t", "\n", "\n\n", " \n", "\r", "\f", "\v", "----- Original message -----",
    "----- Original", "\xc3\xa9", "x@y.example",
  };
  const char *const stop[] = { "----- Original message -----", NULL };
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < n; i++)
        g_string_append (body, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      for (guint with_memo = 0; with_memo < 2; with_memo++)
        {
          g_autoptr(BdScanMemo) memo = with_memo ? bd_scan_memo_new () : NULL;
          BdScanInput input = { .from = "", .subject = "", .body = body->str, .body_len = body->len, .memo = memo };
          g_autofree char **lines = bd_scan_split_lines (&input, stop);
          g_autofree char *old = bd_scan_join_lines (lines, 0, -1);
          g_autofree char *fast = bd_scan_gate_collapse_prose (&input, stop[0]);

          if (strcmp (old, fast) != 0)
            g_error ("body \"%s\": joined \"%s\", collapsed \"%s\"", body->str, old, fast);
        }
    }
}

/* Needle lists searched in one pass against a strstr () of each: lists
 * of 1 to 20 needles (one byte, which the pass leaves to strstr (),
 * UTF-8, sharing their first bytes), texts of random pieces of them. */
static void
test_needles (void)
{
  static const char *const pool[] = {
    "undeliver", "undelivered mail", "returned mail", "niedostarczaln", "nedoručiteln", "zwrot wiadomości", "x",
    "bounce]", "delayed mail", "mail delivery failed", "mail failure", "non remis", "u", "und", "ma", "é",
    "mail could not be delivered", "------- failure reasons", "will retry", "ab",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (31);

  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_rand_int_range (rand, 1, 21);
      const char *needles[21];
      g_autoptr(BdScanGateNeedles) list = NULL;

      for (guint i = 0; i < n; i++)
        needles[i] = pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))];
      needles[n] = NULL;
      list = bd_scan_gate_needles_new (needles);
      for (guint t = 0; t < 20; t++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          guint pieces = g_rand_int_range (rand, 0, 6);
          gboolean old = FALSE;

          for (guint k = 0; k < pieces; k++)
            {
              const char *piece = pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))];

              /* a piece whole, cut short, or a byte */
              g_string_append_len (text, piece, g_rand_int_range (rand, 1, strlen (piece) + 1));
              if (g_rand_boolean (rand))
                g_string_append_c (text, " -]"[g_rand_int_range (rand, 0, 3)]);
            }
          for (guint i = 0; i < n; i++)
            old = old || strstr (text->str, needles[i]) != NULL;
          if (bd_scan_gate_needles_in (list, text->str) != old)
            g_error ("text \"%s\" (%u needles, the first \"%s\"): strstr says %d", text->str, n, needles[0], old);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/scanners/gate/edges", test_edges);
  g_test_add_func ("/core/scanners/gate/random", test_random);
  g_test_add_func ("/core/scanners/gate/provider-names", test_provider_names);
  g_test_add_func ("/core/scanners/gate/has-field", test_has_field);
  g_test_add_func ("/core/scanners/gate/collapse-prose", test_collapse_prose);
  g_test_add_func ("/core/scanners/gate/needles", test_needles);
  return g_test_run ();
}
