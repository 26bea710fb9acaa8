/* test-cli-i18n.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `bounce-doctor-cli explain` prints the guidance texts (headline, what
 * happened, whose move it is, the steps) in the user's language, and the
 * JSON summary is the headline.
 */
#include "config.h"

#include <glib.h>
#include <string.h>
#include <sys/wait.h>

#include "bd-test-util.h"

static char *
run_cli (const char *language,
         const char *format,
         const char *fixture)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "i18n", fixture, NULL);
  const char *args[] = { "explain", format, path, NULL };
  g_auto(CliRun) run = { 0 };

  cli_run_argv (&run, language, NULL, NULL, args);
  g_assert_cmpint (run.status, ==, 0);
  return g_steal_pointer (&run.out);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, text);
}

static void
test_cli_i18n_polish (void)
{
  g_autofree char *out = run_cli ("pl", "--format=text", "qmail-pl-userunknown.eml");

  assert_contains (out, "Adres jan.kowalski@example.pl nie istnieje");
  assert_contains (out, "Co się stało: Serwer pocztowy odbiorcy informuje");
  assert_contains (out, "Kto ma działać: Ty");
  assert_contains (out, "Co zrobić:");
  assert_contains (out, "1. Sprawdź adres litera po literze");
  assert_contains (out, "z listy podpowiedzi");
  assert_contains (out, "5.1.1");
}

/* Ukrainian: the guidance and the CLI's own labels, with the Ukrainian
 * guillemets around the server's words. */
static void
test_cli_i18n_ukrainian (void)
{
  g_autofree char *out = run_cli ("uk", "--format=text", "qmail-pl-userunknown.eml");

  assert_contains (out, "Адреси jan.kowalski@example.pl не існує");
  assert_contains (out, "Що сталося: Поштовий сервер одержувача повідомляє");
  assert_contains (out, "Хто має діяти: Ви");
  assert_contains (out, "Що робити:");
  assert_contains (out, "1. Перевірте адресу літера за літерою");
  assert_contains (out, "Відповідь сервера: «");
  assert_contains (out, "5.1.1");
}

static void
test_cli_i18n_english (void)
{
  g_autofree char *out = run_cli ("en", "--format=text", "qmail-pl-userunknown.eml");

  assert_contains (out, "The address jan.kowalski@example.pl does not exist");
  assert_contains (out, "What happened: ");
  assert_contains (out, "Whose move: You");
  assert_contains (out, "1. Check the address letter by letter");
}

static void
test_cli_i18n_provider_note (void)
{
  g_autofree char *out = run_cli ("pl", "--format=text", "onet-pl-speeding.eml");

  assert_contains (out, "Warto wiedzieć: Onet Poczta ogranicza, ile");
  assert_contains (out, "Odczekaj kilka godzin");
}

static void
test_cli_i18n_json_summary (void)
{
  g_autofree char *pl = run_cli ("pl", "--format=json", "wp-pl-userunknown.eml");
  g_autofree char *en = run_cli ("en", "--format=json", "webde-de-delayed.eml");

  assert_contains (pl, "\"summary\": \"Adres michal.zajac@example.pl nie istnieje\"");
  assert_contains (en, "\"summary\": \"Your message to stefan.koch@example.de has not been delivered yet\"");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/i18n/polish", test_cli_i18n_polish);
  g_test_add_func ("/cli/i18n/ukrainian", test_cli_i18n_ukrainian);
  g_test_add_func ("/cli/i18n/english", test_cli_i18n_english);
  g_test_add_func ("/cli/i18n/provider-note", test_cli_i18n_provider_note);
  g_test_add_func ("/cli/i18n/json-summary", test_cli_i18n_json_summary);

  return g_test_run ();
}
