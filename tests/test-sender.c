/* test-sender.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which domain "Check Sender Domain" looks at, and with which DKIM
 * selector: the returned copy's From and signature when the report has a
 * copy, the bounce's own To: when it has none (WP, Onet). Decoded through
 * the whole production pipeline.
 */
#include "config.h"

#include <gmime/gmime.h>

#include <string.h>

#include "bd-decoder.h"
#include "bd-sender.h"

/* A delivery report to @to, with a returned copy whose From is
 * @original_from (none when NULL) signed by two domains. */
static BdBounce *
decode_report (const char *to,
               const char *original_from)
{
  g_autofree char *to_line = to != NULL ? g_strdup_printf ("To: %s\n", to) : g_strdup ("");
  g_autofree char *copy = original_from == NULL ? g_strdup ("")
    : g_strdup_printf ("--b\nContent-Type: message/rfc822\n\n"
                       "DKIM-Signature: v=1; a=rsa-sha256; d=esp.example.net; s=esp1; h=from; bh=x; b=y\n"
                       "DKIM-Signature: v=1; a=rsa-sha256; d=Firma.Example.PL; s=sel2026; h=from; bh=x; b=y\n"
                       "From: %s\nTo: row@example.net\nSubject: Oferta\n\nDzien dobry.\n\n", original_from);
  g_autofree char *dsn = g_strdup_printf (
    "From: MAILER-DAEMON@mx.example.org\n"
    "%s"
    "Subject: Undelivered Mail Returned to Sender\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
    "--b\nContent-Type: text/plain\n\nDelivery failed.\n\n"
    "--b\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.org\n\n"
    "Final-Recipient: rfc822; row@example.net\nAction: failed\nStatus: 5.1.1\n\n"
    "%s--b--\n", to_line, copy);

  return bd_decoder_decode_bytes (dsn, strlen (dsn), "sender.eml", 0);
}

static void
test_sender_from_copy (void)
{
  g_autoptr(BdBounce) bounce = decode_report ("other@elsewhere.example", "\"Jan\" <jan@firma.example.pl>");

  /* The copy's From wins over the bounce's To. */
  g_assert_cmpstr (bd_bounce_get_sender_domain (bounce), ==, "firma.example.pl");
  /* The signature of the sender's own domain, matched without case. */
  g_assert_cmpstr (bd_bounce_get_dkim_selector (bounce, "firma.example.pl"), ==, "sel2026");
  g_assert_cmpstr (bd_bounce_get_dkim_selector (bounce, "esp.example.net"), ==, "esp1");
  g_assert_null (bd_bounce_get_dkim_selector (bounce, "example.pl"));
  g_assert_null (bd_bounce_get_dkim_selector (bounce, NULL));
}

static void
test_sender_from_own_to (void)
{
  g_autoptr(BdBounce) named = decode_report ("\"Biuro\" <biuro@Sklep.Example.PL>", NULL);
  g_autoptr(BdBounce) group = decode_report ("Zespol: anna@zespol.example.pl, ola@zespol.example.pl;", NULL);
  g_autoptr(BdBounce) undisclosed = decode_report ("undisclosed-recipients:;", NULL);
  g_autoptr(BdBounce) none = decode_report (NULL, NULL);

  g_assert_cmpstr (named->to, ==, "biuro@Sklep.Example.PL");
  g_assert_cmpstr (bd_bounce_get_sender_domain (named), ==, "Sklep.Example.PL");
  g_assert_null (bd_bounce_get_dkim_selector (named, "Sklep.Example.PL"));
  g_assert_cmpstr (bd_bounce_get_sender_domain (group), ==, "zespol.example.pl");
  g_assert_null (bd_bounce_get_sender_domain (undisclosed));
  g_assert_null (bd_bounce_get_sender_domain (none));
  g_assert_null (bd_bounce_get_sender_domain (NULL));
}

/* WP sends no copy of the message: the report's own To: is the sender. */
static void
test_sender_wp_fixture (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "tests", "fixtures", "i18n",
                                            "wp-pl-userunknown.eml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(BdBounce) bounce = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bounce = bd_decoder_decode_bytes (contents, len, path, 0);
  g_assert_null (bounce->original->from);
  g_assert_cmpstr (bd_bounce_get_sender_domain (bounce), ==, "example.pl");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

  g_test_add_func ("/sender/from-copy", test_sender_from_copy);
  g_test_add_func ("/sender/from-own-to", test_sender_from_own_to);
  g_test_add_func ("/sender/wp-fixture", test_sender_wp_fixture);

  return g_test_run ();
}
