/* test-scan-gates.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scanners' first questions (bd-scan-gates-private.h) are asked in
 * the order that costs least: the body's phrases before the From:, and a
 * From: address's domain before the address. Each gate is held here to
 * the order it replaced, over every pairing of a set of From: lines and
 * Subject: lines with bodies made of random sets of the phrases asked,
 * with a memo and without one.
 */
#include "config.h"

#include <string.h>

#include "bd-scan-gates-private.h"
#include "bd-scan-memo.h"
#include "bd-scan-util.h"

#define AUTOMATIC "This message was created automatically by mail delivery software"
#define GMX_MARKER "--- The header of the original message is following. ---"

static gboolean
old_exim (const BdScanInput *input)
{
  if (bd_scan_body_has (input, AUTOMATIC))
    return TRUE;
  if (!bd_scan_from_has (input, "Mail Delivery System"))
    return FALSE;
  return bd_scan_body_has (input, "A message that you sent ")
         || bd_scan_body_has (input, "router encountered the following error");
}

static gboolean
old_sendmail (const BdScanInput *input)
{
  if (!bd_scan_subject_has (input, "Returned mail") && !bd_scan_subject_has (input, "Warning: could not send")
      && !bd_scan_from_has (input, "Mail Delivery Subsystem"))
    return FALSE;
  return bd_scan_body_has (input, "----- The following addresses had permanent fatal errors -----")
         || bd_scan_body_has (input, "----- Transcript of session follows -----");
}

static gboolean
old_yandex (const BdScanInput *input)
{
  if (!bd_scan_from_has (input, "@yandex.") && !bd_scan_from_has (input, "@ya.ru"))
    return FALSE;
  return bd_scan_body_has (input, "This is the mail system at host");
}

static gboolean
old_gmail (const BdScanInput *input)
{
  if (!bd_scan_from_has (input, "@googlemail.com") && !bd_scan_from_has (input, "@gmail.com")
      && !bd_scan_from_has (input, "@google.com"))
    return FALSE;
  return bd_scan_body_has (input, "Delivery to the following recipient") || bd_scan_body_has (input, "** ");
}

static gboolean
old_googlegroups (const BdScanInput *input)
{
  if (!bd_scan_from_has (input, "@googlemail.com") && !bd_scan_from_has (input, "@google.com"))
    return FALSE;
  return bd_scan_body_has (input, "Google Groups") || bd_scan_body_has (input, "groups.google.com");
}

static gboolean
old_mailru (const BdScanInput *input)
{
  if (!bd_scan_from_has (input, "mail.ru") && !bd_scan_from_has (input, "@corp.mail.ru"))
    return FALSE;
  return bd_scan_body_has (input, "не может быть доставлено") || bd_scan_body_has (input, AUTOMATIC);
}

/* (no message: no X-GMX-Antispam header) */
static gboolean
old_gmx (const BdScanInput *input)
{
  gboolean from_gmx = bd_scan_from_has (input, "@mail.gmx.") || bd_scan_from_has (input, "gmx.net")
                      || bd_scan_from_has (input, "@gmx.");

  if (bd_scan_body_has (input, GMX_MARKER))
    return from_gmx;
  return from_gmx && bd_scan_from_has (input, "mailer-daemon@") && bd_scan_body_has (input, AUTOMATIC);
}

/* (no message: no Message-ID or Received header to add to the score) */
static gboolean
old_ezweb (const BdScanInput *input)
{
  gboolean from_postmaster = bd_scan_from_has (input, "Postmaster@ezweb.ne.jp")
                             || bd_scan_from_has (input, "Postmaster@au.com")
                             || bd_scan_from_has (input, "MAILER-DAEMON@ezweb.ne.jp")
                             || bd_scan_from_has (input, "MAILER-DAEMON@au.com");
  gboolean bounce_subject = g_strcmp0 (input->subject, "Mail System Error - Returned Mail") == 0;
  guint score = from_postmaster + bounce_subject;

  if (score == 0)
    return FALSE;
  return score >= 2 || bd_scan_body_has (input, "Each of the following recipients was rejected");
}

/* (no message: no SES headers, no X-Mailer) */
static gboolean
old_ses_text (const BdScanInput *input)
{
  return bd_scan_from_has (input, "MAILER-DAEMON@") && bd_scan_from_has (input, "amazonses.com");
}

static gboolean
old_opensmtpd (const BdScanInput *input)
{
  if (!bd_scan_subject_has (input, "Delivery status notification"))
    return FALSE;
  return bd_scan_body_has (input, "This is the MAILER-DAEMON, please DO NOT REPLY");
}

static gboolean
old_v5sendmail (const BdScanInput *input)
{
  if (!bd_scan_subject_has (input, "Returned mail: "))
    return FALSE;
  if (!bd_scan_body_has (input, "----- Transcript of session follows -----"))
    return FALSE;
  return bd_scan_body_has (input, "----- Unsent message follows -----")
         || bd_scan_body_has (input, "----- No message was collected -----");
}

static const struct
{
  const char *name;
  gboolean  (*gate) (const BdScanInput *input);
  gboolean  (*old) (const BdScanInput *input);
} gates[] = {
  { "exim", bd_scan_gate_exim, old_exim },
  { "sendmail", bd_scan_gate_sendmail, old_sendmail },
  { "yandex", bd_scan_gate_yandex, old_yandex },
  { "gmail", bd_scan_gate_gmail, old_gmail },
  { "googlegroups", bd_scan_gate_googlegroups, old_googlegroups },
  { "mailru", bd_scan_gate_mailru, old_mailru },
  { "gmx", bd_scan_gate_gmx, old_gmx },
  { "ezweb", bd_scan_gate_ezweb, old_ezweb },
  { "ses-text", bd_scan_gate_ses_text, old_ses_text },
  { "opensmtpd", bd_scan_gate_opensmtpd, old_opensmtpd },
  { "v5sendmail", bd_scan_gate_v5sendmail, old_v5sendmail },
};

static const char *const froms[] = {
  "", "Mail Delivery System <Mailer-Daemon@mx.example.com>", "Mail Delivery Subsystem <MAILER-DAEMON@x.example>",
  "postmaster@ezweb.ne.jp", "MAILER-DAEMON@ezweb.ne.jp", "Postmaster@au.com", "mailer-daemon@au.com",
  "mailer-daemon@ezweb.ne.jpx", "info@au.com", "MAILER-DAEMON@amazonses.com", "no-reply@amazonses.com",
  "MAILER-DAEMON@email.amazonses.com", "MAILER-DAEMON@corp.mail.ru", "mailer-daemon@mail.ru", "a@mail.rux",
  "x@yandex.ru", "y@ya.ru", "mailer-daemon@googlemail.com", "x@gmail.com", "x@google.com", "Mailer-Daemon@gmx.net",
  "MAILER-DAEMON@mail.gmx.de", "x@gmx.de", "a@example.org", "Mail Delivery System", "mail delivery subsystem",
};

static const char *const subjects[] = {
  "", "Returned mail: see transcript for details", "Warning: could not send message for past 4 hours",
  "Mail System Error - Returned Mail", "hello", "Delivery status notification: error", "Returned mail:",
};

static const char *const phrases[] = {
  AUTOMATIC, "A message that you sent ", "router encountered the following error",
  "----- The following addresses had permanent fatal errors -----", "----- Transcript of session follows -----",
  "This is the mail system at host", "Delivery to the following recipient", "** ", "Google Groups",
  "groups.google.com", "не может быть доставлено", GMX_MARKER, "Each of the following recipients was rejected",
  "This is the MAILER-DAEMON, please DO NOT REPLY", "----- Unsent message follows -----",
  "----- No message was collected -----",
};

static void
check_input (const char *from,
             const char *subject,
             const char *body,
             gboolean    with_memo)
{
  g_autofree char *from_lower = with_memo ? g_ascii_strdown (from, -1) : NULL;
  g_autofree char *subject_lower = with_memo ? g_ascii_strdown (subject, -1) : NULL;
  g_autoptr(BdScanMemo) memo = with_memo ? bd_scan_memo_new () : NULL;
  BdScanInput input = {
    .from = from, .subject = subject, .body = body, .body_len = strlen (body),
    .body_is_ascii = FALSE, .from_lower = from_lower, .subject_lower = subject_lower, .memo = memo,
  };

  for (guint g = 0; g < G_N_ELEMENTS (gates); g++)
    if (gates[g].gate (&input) != gates[g].old (&input))
      g_error ("gate %s: From %s, Subject %s, memo %d, body:\n%s", gates[g].name, from, subject, with_memo, body);
}

static void
test_gates (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (43);

  for (guint f = 0; f < G_N_ELEMENTS (froms); f++)
    for (guint s = 0; s < G_N_ELEMENTS (subjects); s++)
      for (guint round = 0; round < 40; round++)
        {
          g_autoptr(GString) body = g_string_new ("Hello,\n");

          for (guint k = 0; k < G_N_ELEMENTS (phrases); k++)
            if (g_rand_int_range (rand, 0, 4) == 0)
              g_string_append_printf (body, "%s\n", phrases[k]);
          check_input (froms[f], subjects[s], body->str, round % 2 == 0);
        }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/scanners/gates", test_gates);
  return g_test_run ();
}
