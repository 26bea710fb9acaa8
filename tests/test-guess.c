/* test-guess.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The last resort (bd-scan-guess.c) through the whole decoder: returned
 * mail in a format no scanner knows gives its failed recipients, marked
 * as a best guess; ordinary mail (tests/fixtures/not-bounce: newsletters,
 * replies, an invoice, out-of-office replies, a read receipt, mail that
 * talks about an undelivered message, a courier's "Delivery failed")
 * stays out.
 */
#include "config.h"

#include <string.h>

#include <gmime/gmime.h>

#include "bd-decoder.h"
#include "bd-scanner.h"

static BdBounce *
decode (const char *folder,
        const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", folder, file, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return bd_decoder_decode_bytes (data, len, path, 0);
}

typedef struct
{
  const char *folder;
  const char *file;
  BdKind      kind;
  const char *address;
  const char *status;
  guint       reply_code;
  BdReason    reason;
} GuessCase;

static const GuessCase cases[] = {
  { "scanners", "guess-unknown-mailer.eml", BD_KIND_BOUNCE, "anna.kowalska@odbiorca.example", "5.1.1", 550, BD_REASON_USERUNKNOWN },
  { "scanners", "guess-empty-report.eml", BD_KIND_BOUNCE, "marek@odbiorca.example", "5.2.2", 552, BD_REASON_MAILBOXFULL },
  /* a notice pasted by itself, without headers */
  { "guess", "guess-pasted-notice.eml", BD_KIND_DELAYED, "ola@odbiorca.example", "4.2.2", 452, BD_REASON_MAILBOXFULL },
  /* still being retried, with no code: its pseudo status is of class 4 */
  { "guess", "guess-delayed-no-code.eml", BD_KIND_DELAYED, "ola@odbiorca.example", "4.0.922", 0, BD_REASON_MAILBOXFULL },
  /* RFC 3464 fields in the notice's text, the report part of another type */
  { "guess", "guess-fields-in-text.eml", BD_KIND_BOUNCE, "marta@odbiorca.example", "5.9.8", 0, BD_REASON_SPAMDETECTED },
  /* neither a mailer's sender nor a null path: returned by its subject
   * (EZweb's "Mail System Error - Returned Mail") and Exchange 2003's
   * "did not reach the following recipient", both from Sisimai's list */
  { "guess", "guess-sisimai-subject.eml", BD_KIND_BOUNCE, "adam@odbiorca.example", "5.2.2", 552, BD_REASON_MAILBOXFULL },
};

static void
test_guess_reads (gconstpointer data)
{
  const GuessCase *c = data;
  g_autoptr(BdBounce) bounce = decode (c->folder, c->file);
  BdRecipient *r;

  g_assert_cmpstr (bd_kind_to_string (bounce->kind), ==, bd_kind_to_string (c->kind));
  g_assert_cmpstr (bounce->mta, ==, "guess");
  g_assert_nonnull (bounce->note);
  g_assert_nonnull (strstr (bounce->note, "best guess"));
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  r = g_ptr_array_index (bounce->recipients, 0);
  g_assert_cmpstr (r->address, ==, c->address);
  g_assert_cmpstr (r->status, ==, c->status);
  g_assert_cmpuint (r->reply_code, ==, c->reply_code);
  g_assert_cmpstr (bd_reason_to_string (r->reason), ==, bd_reason_to_string (c->reason));
  g_assert_nonnull (bd_scan_guess_explanation ());
}

/* Servers small offices meet (fixtures/families/README.md gives each
 * message's source): the family that reads it and what it finds. */
typedef struct
{
  const char *file;
  const char *mta;
  const char *address;
  const char *status;
  BdReason    reason;
} FamilyCase;

static const FamilyCase families[] = {
  { "hmailserver-userunknown.eml", "guess", "anna@odbiorca.example", "5.1.1", BD_REASON_USERUNKNOWN },
  { "interia-blocked.eml", "postfix", "ola@interia.example", "5.7.1", BD_REASON_FILTERED },
  { "rspamd-spam.eml", "postfix", "kasia@odbiorca.example", "5.7.1", BD_REASON_SPAMDETECTED },
  { "amavis-spam.eml", "postfix", "piotr@odbiorca.example", "5.7.0", BD_REASON_SPAMDETECTED },
  /* status NULL: the text states none (the decoder derives one from the reason) */
  { "smartermail-mailboxfull.eml", "guess", "tomasz@odbiorca.example", NULL, BD_REASON_MAILBOXFULL },
  { "zimbra-suspend.eml", "rfc3464", "marek@nadawca.example", "4.2.1", BD_REASON_SUSPEND },
  { "cpanel-exim-hostunknown.eml", "exim", "jan@klient-nieistniejacy.example", NULL, BD_REASON_HOSTUNKNOWN },
  { "mdaemon-hostunknown.eml", "mdaemon", "jacek@bledna-domena.example", NULL, BD_REASON_HOSTUNKNOWN },
  { "gmail-pl-userunknown.eml", "localized", "zamowienia@hurtownia.example", "5.1.1", BD_REASON_USERUNKNOWN },
  { "gmail-message-blocked-auth.eml", "guess", "odbiorca@gmail.example", "5.7.26", BD_REASON_AUTHFAILURE },
  { "gmail-message-blocked-policy.eml", "guess", "jan@odbiorca.example", NULL, BD_REASON_POLICYVIOLATION },
  { "seznam-cz-userunknown.eml", "seznam", "vesely.uzivatel@seznam.cz", "5.1.1", BD_REASON_USERUNKNOWN },
  { "seznam-cz-userunknown-attached-fwd.eml", "seznam", "vesely.uzivatel@seznam.cz", "5.1.1", BD_REASON_USERUNKNOWN },
  { "m365-pl-userunknown-forwarded.eml", "localized", "jan.kowalski@kontrahent.example", "5.1.10", BD_REASON_USERUNKNOWN },
  { "kei-pl-mailboxfull.eml", "qmail", "biuro@kontotestowe.example", NULL, BD_REASON_MAILBOXFULL },
  { "kei-pl-userunknown.eml", "qmail", "kontakt@odbiorca.example", NULL, BD_REASON_USERUNKNOWN },
  { "m365-pl-userunknown-forwarded-ascii.eml", "localized", "jan.kowalski@kontrahent.example", "5.1.10",
    BD_REASON_USERUNKNOWN },
  { "exchange-cs-mailboxfull.eml", "exchange2007", "petr.dvorak@kontrahent-cz.example", "5.2.2", BD_REASON_MAILBOXFULL },
  { "interia-spf-authfailure.eml", "postfix", "klient@interia.example", "5.7.0", BD_REASON_AUTHFAILURE },
  { "onet-pl-sendlimit.eml", "onet", "klient.nowak@odbiorca.example", "5.0.0", BD_REASON_SPEEDING },
  /* the server's reply under a label the reader does not know */
  { "gmail-pl-notfound-unlabelled.eml", "localized", "marta@odbiorca.example", "5.1.1", BD_REASON_USERUNKNOWN },
  /* no diacritics: the localized reader folds its sentences of failure */
  { "cz-ascii-mailboxfull.eml", "localized", "pavel@odbiorca.example", NULL, BD_REASON_MAILBOXFULL },
  /* the Sisimai families without a scanner of their own (issue 14, step 3),
   * each built from its Lhost module's markers */
  { "activehunter-userunknown.eml", "guess", "anna@odbiorca.example", "5.1.1", BD_REASON_USERUNKNOWN },
  { "aol-hostunknown.eml", "rfc3464", "bartek@brak-domeny.example", "5.4.4", BD_REASON_HOSTUNKNOWN },
  { "bigfoot-userunknown.eml", "guess", "celina@odbiorca.example", "5.0.0", BD_REASON_USERUNKNOWN },
  { "deutschetelekom-mailboxfull.eml", "smail", "irena@t-online.de", "5.2.2", BD_REASON_MAILBOXFULL },
  { "facebook-userunknown.eml", "guess", "darek@facebook.com", "5.1.1", BD_REASON_USERUNKNOWN },
  { "googleworkspace-sendas.eml", "gmail", "jan@odbiorca.example", NULL, BD_REASON_REJECTED },
  { "gsuite-nullmx.eml", "rfc3464", "kasia@nullmx.example", "5.1.10", BD_REASON_NOTACCEPT },
  /* no command: "no such user" may be a filter's (Sisimai decides the same) */
  { "mailfoundry-nosuchuser.eml", "guess", "ewa@odbiorca.example", NULL, BD_REASON_FILTERED },
  { "messagelabs-userunknown.eml", "rfc3464", "filip@odbiorca.example", "5.1.1", BD_REASON_USERUNKNOWN },
  { "x5-userunknown.eml", "rfc3464", "hania@odbiorca.example", "5.1.1", BD_REASON_USERUNKNOWN },
};

static void
test_guess_family (gconstpointer data)
{
  const FamilyCase *c = data;
  g_autoptr(BdBounce) bounce = decode ("families", c->file);
  BdRecipient *r;

  g_assert_cmpstr (bd_kind_to_string (bounce->kind), ==, "bounce");
  g_assert_cmpstr (bounce->mta, ==, c->mta);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  r = g_ptr_array_index (bounce->recipients, 0);
  g_assert_cmpstr (r->address, ==, c->address);
  if (c->status != NULL)
    g_assert_cmpstr (r->status, ==, c->status);
  g_assert_cmpstr (bd_reason_to_string (r->reason), ==, bd_reason_to_string (c->reason));
}

/* The same Google Workspace notice, its returned copy sent to two: which
 * failed is not known, so neither is taken for the failed recipient. */
static void
test_guess_workspace_two_to (void)
{
  g_autoptr(BdBounce) bounce = decode ("families", "googleworkspace-sendas-two-to.eml");

  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      g_assert_cmpstr (r->address, !=, "jan@odbiorca.example");
      g_assert_cmpstr (r->address, !=, "ola@odbiorca.example");
    }
}

/* A mailer that lists its own users by their bare names: each is a user
 * of the mailer's domain (the AOL AIRmail layout). */
static void
test_guess_bare_names (void)
{
  g_autoptr(BdBounce) bounce = decode ("guess", "guess-bare-name.eml");
  const char *expected[] = { "jan.nowak@poczta.example", "ewa-k@poczta.example" };

  g_assert_cmpstr (bd_kind_to_string (bounce->kind), ==, "bounce");
  g_assert_cmpstr (bounce->mta, ==, "guess");
  g_assert_cmpuint (bounce->recipients->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      g_assert_cmpstr (r->address, ==, expected[i]);
      g_assert_cmpstr (bd_reason_to_string (r->reason), ==, "policyviolation");
    }
}

/* A mailer's delivery report whose body was lost: still a returned
 * email, its one recipient unnamed. */
static void
test_guess_report_without_body (void)
{
  g_autoptr(BdBounce) bounce = decode ("guess", "guess-report-no-body.eml");
  BdRecipient *r;

  g_assert_cmpstr (bd_kind_to_string (bounce->kind), ==, "bounce");
  g_assert_cmpstr (bounce->mta, ==, "guess");
  g_assert_nonnull (bounce->note);
  g_assert_cmpuint (bounce->recipients->len, ==, 1);
  r = g_ptr_array_index (bounce->recipients, 0);
  g_assert_null (r->address);
  g_assert_cmpstr (r->action, ==, "failed");
}

static void
test_guess_ordinary_mail (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fixtures", "not-bounce", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autoptr(BdBounce) bounce = NULL;

      if (!g_str_has_suffix (name, ".eml"))
        continue;
      bounce = decode ("not-bounce", name);
      g_test_message ("%s: %s", name, bd_kind_to_string (bounce->kind));
      if (bounce->kind == BD_KIND_BOUNCE || bounce->kind == BD_KIND_DELAYED)
        g_error ("%s is ordinary mail, read as %s by %s", name, bd_kind_to_string (bounce->kind), bounce->mta);
      n++;
    }
  g_assert_cmpuint (n, >=, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/core/guess/reads/%s", cases[i].file);

      g_test_add_data_func (name, &cases[i], test_guess_reads);
    }
  for (guint i = 0; i < G_N_ELEMENTS (families); i++)
    {
      g_autofree char *name = g_strdup_printf ("/core/guess/families/%s", families[i].file);

      g_test_add_data_func (name, &families[i], test_guess_family);
    }
  g_test_add_func ("/core/guess/bare-names", test_guess_bare_names);
  g_test_add_func ("/core/guess/workspace-two-to", test_guess_workspace_two_to);
  g_test_add_func ("/core/guess/report-without-body", test_guess_report_without_body);
  g_test_add_func ("/core/guess/ordinary-mail", test_guess_ordinary_mail);

  return g_test_run ();
}
