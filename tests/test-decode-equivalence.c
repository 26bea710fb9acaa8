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

#include "bd-dsn.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/decode-equivalence/find-status", test_find_status);
  return g_test_run ();
}
