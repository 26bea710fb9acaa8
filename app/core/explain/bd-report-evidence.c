/* bd-report-evidence.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Why this reason?": the evidence the classifier and the report readers
 * record ("status 5.1.1", "phrase “mailbox is full”"…) said as a sentence
 * in the user's language. The recorded form stays in exports and JSON.
 */
#define G_LOG_DOMAIN "bd-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-classify.h"
#include "bd-report.h"

/* The text between a prefix and a suffix of @evidence, or NULL. */
static char *
between (const char *evidence,
         const char *prefix,
         const char *suffix)
{
  gsize len = strlen (evidence), p = strlen (prefix), s = strlen (suffix);

  if (len < p + s || strncmp (evidence, prefix, p) != 0 || strcmp (evidence + len - s, suffix) != 0)
    return NULL;
  return g_strndup (evidence + p, len - p - s);
}

/* Forms with a quoted or named part in the middle. */
static char *
describe_framed (const char *evidence)
{
  char *part;

  if ((part = between (evidence, "phrase “", "” after the message was sent")) != NULL)
    {
      g_autofree char *words = part;

      /* Translators: %s is a quote from the mail server's reply, given
       * after the message's text had been sent (so a filter refused it) */
      return g_strdup_printf (_("The server’s reply says “%s”, but only after the whole message "
                                "had been sent: a filter refused it."), words);
    }
  if ((part = between (evidence, "phrase “", "” in reply to MAIL FROM")) != NULL
      || (part = between (evidence, "", " in reply to MAIL FROM")) != NULL)
    {
      g_autofree char *words = part;

      /* Translators: %s is a quote from the mail server's reply (or a
       * status code) given to the sender's address, MAIL FROM */
      return g_strdup_printf (_("The server answered the sender’s address (MAIL FROM) with “%s”: "
                                "it refused the sender, not the recipient."), words);
    }
  if ((part = between (evidence, "a domain name before “", "”")) != NULL)
    {
      g_autofree char *words = part;

      /* Translators: %s is a quote such as “does not exist” that followed a
       * domain name in the server's reply */
      return g_strdup_printf (_("The server’s reply says “%s” right after a domain name: the domain "
                                "is unknown."), words);
    }
  if ((part = between (evidence, "refused at ", "")) != NULL)
    {
      g_autofree char *step = part;

      /* Translators: %s is an SMTP step such as EHLO or CONN (the greeting) */
      return g_strdup_printf (_("The server refused the connection at the %s step, before any "
                                "recipient was named: it turned the sending server away."), step);
    }
  if ((part = between (evidence, "feedback report (", ")")) != NULL)
    {
      g_autofree char *type = part;

      /* Translators: %s is the report's feedback type, e.g. “abuse”; keep it as it is */
      return g_strdup_printf (_("A feedback report (complaint) of type “%s”."), type);
    }
  if (g_str_has_prefix (evidence, "auto-reply"))
    return g_strdup (_("The message is an automatic reply, such as an out-of-office notice."));
  return NULL;
}

/**
 * bd_report_describe_evidence:
 * @evidence: (nullable): what the classifier recorded ("status 5.1.1",
 *   "phrase “mailbox is full”", "reply code 552"…)
 *
 * Returns: (transfer full) (nullable): the evidence as a translated
 *   sentence for "Why this reason?", or as recorded when it has no
 *   known form.
 */
char *
bd_report_describe_evidence (const char *evidence)
{
  g_autofree char *base = NULL;
  char *framed;

  if (evidence == NULL)
    return NULL;

  /* A temporary failure to find a host: the evidence, then that. */
  if ((base = between (evidence, "", ", temporary")) != NULL)
    {
      g_autofree char *said = bd_report_describe_evidence (base);

      /* Translators: %s is a sentence saying why the reason was chosen */
      return g_strdup_printf (_("%s The failure was temporary."), said);
    }

  if ((framed = describe_framed (evidence)) != NULL)
    return framed;

  if (g_str_has_prefix (evidence, "phrase "))
    {
      /* "phrase “mailbox is full”": quote the words in the user's language. */
      g_autofree char *words = g_strdup (evidence + strlen ("phrase "));

      if (g_str_has_prefix (words, "“") && g_str_has_suffix (words, "”"))
        {
          words[strlen (words) - strlen ("”")] = '\0';
          memmove (words, words + strlen ("“"), strlen (words) - strlen ("“") + 1);
        }
      /* Translators: %s is a quote from the mail server's reply */
      return g_strdup_printf (_("The server’s reply says “%s”."), words);
    }

  if (g_str_has_prefix (evidence, "status "))
    /* Translators: %s is a delivery status code such as 5.1.1 */
    return g_strdup_printf (_("The delivery status code %s stands for this reason."), evidence + strlen ("status "));

  if (g_str_has_prefix (evidence, "reply code "))
    /* Translators: %s is an SMTP reply code such as 550 */
    return g_strdup_printf (_("The server’s reply code %s stands for this reason."), evidence + strlen ("reply code "));

  if (g_str_has_prefix (evidence, "PowerMTA bounce category "))
    /* Translators: %s is PowerMTA's own name for the failure, e.g. “bad-mailbox”; keep it as it is */
    return g_strdup_printf (_("The sending server (PowerMTA) filed the reply under “%s”."),
                            evidence + strlen ("PowerMTA bounce category "));

  if (g_str_equal (evidence, BD_CLASSIFY_UNRECOGNISED))
    return g_strdup (_("Nothing in the server’s reply names a known reason."));
  /* A provider's documented meaning (bd-classify-provider-rules.c) has a
   * translation; other evidence is shown as recorded (gettext of "" would
   * be the catalogue's header). */
  return g_strdup (*evidence != '\0' ? _(evidence) : evidence);
}
