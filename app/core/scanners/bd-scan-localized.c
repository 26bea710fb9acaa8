/* bd-scan-localized.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader shared by the Polish, German and Czech scanners. Localized
 * bounces follow no single layout: a Polish hosting company's Postfix
 * template, a German Exchange report and Seznam's notice all name the
 * failed address somewhere and explain it in a sentence nearby, often
 * without any machine-readable part. So this reader takes every address
 * named before the quoted original (except the sender's own and the
 * mailer's), the lines around it, and the sentences that state a reason;
 * the classifier then reads those words with the phrase tables
 * (bd-phrases-pl.c, -de.c, -cs.c).
 */
#define G_LOG_DOMAIN "bd-scan-localized"

#include "config.h"

#include <string.h>

#include "bd-gmime-autocleanups.h"
#include "bd-phrase-fold.h"
#include "bd-phrase-index.h"
#include "bd-scan-i18n.h"
#include "bd-scan-localized-private.h"
#include "bd-scan-memo.h"
#include "bd-scan-util.h"

/* A recipient's explanation rarely runs longer; more is someone's text. */
#define MAX_DIAGNOSTIC_LINES 6
#define MAX_RECIPIENTS 200

/* "This message was not delivered", lower case. */
static const char *const bounce_markers[] = {
  /* Polish */
  "nie można dostarczyć", "nie można było dostarczyć", "nie udało się dostarczyć",
  "nie mogłem dostarczyć", "nie została dostarczona", "nie zostało dostarczone",
  "nie mogła zostać dostarczona", "nie może zostać dostarczona", "niedostarczon",
  "nie została jeszcze dostarczona", "nie została doręczona", "nie udało się doręczyć",
  "adresatów lub grup nie powiodło się", "adresatów nie powiodło się",
  /* German */
  "konnte nicht zugestellt werden", "nicht zugestellt werden", "unzustellbar",
  "zustellung fehlgeschlagen", "empfänger oder gruppen ist fehlgeschlagen",
  "empfänger fehlgeschlagen", "konnte nicht übermittelt werden",
  "noch nicht zugestellt",
  /* Czech; "nemohla být doručena" is Seznam.cz's notice ("Vaše zpráva pro
   * <…> ze dne … nemohla být doručena.", napoveda.seznam.cz/uzivatel-neexistuje) */
  "nepodařilo se doručit", "nemohla být doručena", "nebylo možné doručit", "nelze doručit", "nebyla doručena",
  "příjemcům nebo skupinám se nezdařilo", "nedoručiteln", "dosud nebyla doručena",
  /* Exchange's delay notices */
  "adresatów lub grup zostało opóźnione", "empfänger oder gruppen verzögert sich",
  "příjemcům nebo skupinám je zpožděno",
  NULL
};

/* Still being retried, lower case. */
static const char *const delay_markers[] = {
  "nie została jeszcze dostarczona", "nie zostało jeszcze dostarczone", "nadal próbuje",
  "będzie próbował", "będziemy próbować", "kolejne próby doręczenia", "dostarczenie opóźnione",
  "doręczenie opóźnione", "opóźnienie doręczenia",
  "wird weiterhin versucht", "weitere zustellversuche", "noch nicht zugestellt", "zustellung verzögert",
  "dosud nebyla doručena", "doručení je zpožděno", "bude opakováno", "bude se opakovat",
  "adresatów lub grup zostało opóźnione", "empfänger oder gruppen verzögert sich",
  "příjemcům nebo skupinám je zpožděno",
  NULL
};

/* The report has given up, lower case; wins over a delay marker. */
static const char *const final_markers[] = {
  "nie będę więcej próbował", "rezygnuję", "zrezygnowano", "nie będą podejmowane",
  "błąd stały", "trwały błąd", "wurde aufgegeben", "endgültig", "permanenter fehler",
  "trvalá chyba", "další pokusy nebudou",
  NULL
};

/* Where the quoted original starts, as written (case-sensitive). */
static const char *const stop_markers[] = {
  "--- Poniżej tej linii znajduje się kopia wiadomości",
  "Poniżej znajduje się kopia",
  "Oryginalne nagłówki wiadomości",
  "Nagłówki oryginalnej wiadomości",
  "Treść oryginalnej wiadomości",
  "----- Oryginalna wiadomość",
  "Ursprüngliche Nachrichtenkopfzeilen",
  "Kopfzeilen der ursprünglichen Nachricht",
  "----- Ursprüngliche Nachricht",
  "------ Dies ist eine Kopie der Nachricht",
  "Hlavičky původní zprávy",
  "Záhlaví původní zprávy",
  "----- Původní zpráva",
  "------ This is a copy of the message",
  "--- Below this line is a copy of the message",
  "Original message headers:",
  NULL
};

/* Labels before the server's own words; "odpowiedź otrzymana z serwera
 * zdalnego:" is Gmail's Polish "The response from the remote server was:"
 * (its "Nie znaleziono adresu" notice, fixtures/families/README.md). */
static const char *const reply_labels[] = {
  "powód:", "przyczyna:", "błąd:", "odpowiedź serwera", "serwer zdalny zwrócił",
  "zdalny serwer odpowiedział", "odpowiedź otrzymana z serwera", "grund:", "fehler:", "antwort des", "remoteserver hat",
  "remote server returned", "důvod:", "chyba:", "odpověď serveru", "vzdálený server vrátil",
  /* Seznam.cz's bilingual label, underlined, the server's reply below it
   * (napoveda.seznam.cz/uzivatel-neexistuje) */
  "důvod / reason:",
  NULL
};

/* Labels of the host that wrote the report. */
static const char *const generator_labels[] = {
  "serwer generujący:", "generierender server:", "generující server:", "generating server:",
  "system pocztowy serwera ", "qmail-send z serwera ", "mailsystem auf dem rechner ",
  "poštovní systém serveru ",
  NULL
};

/* @grams: (nullable): the runs of @lowered, which tell most needles
 * absent without searching (bd-text-grams.h) */
static gboolean
contains_any_lower (const char        *lowered,
                    const BdTextGrams *grams,
                    const char *const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    if ((grams == NULL || bd_text_grams_may_contain (grams, needles[i])) && strstr (lowered, needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar)*p >= 0x80)
      return FALSE;
  return TRUE;
}

/* The hash of a needle's first run of four bytes in each phase of the
 * grams' stride, or BD_TEXT_GRAM_NO_RUN (bd_text_gram_first_runs ()). */
typedef guint16 FirstRuns[BD_TEXT_GRAM_STRIDE];

/* Markers with their lengths, measured once: says_not_delivered() asks
 * some sixty of each text, and measuring each needle for its grams cost
 * as much as asking them. */

typedef struct
{
  const char **needles;   /* NULL-terminated */
  gsize       *lengths;
  /* each needle's: it is asked of every message the reader sees, and
   * mostly turned away by those runs, hashed here once instead of each
   * time */
  FirstRuns   *first_runs;
} Markers;

static const Markers *
markers_take (GPtrArray *needles)
{
  Markers *markers = g_new (Markers, 1);

  markers->lengths = g_new (gsize, needles->len);
  markers->first_runs = g_new (FirstRuns, needles->len);
  for (guint i = 0; i < needles->len; i++)
    {
      const char *needle = g_ptr_array_index (needles, i);

      markers->lengths[i] = strlen (needle);
      bd_text_gram_first_runs (needle, markers->lengths[i], markers->first_runs[i]);
    }
  g_ptr_array_add (needles, NULL);
  markers->needles = (const char **) g_ptr_array_free (needles, FALSE);
  return markers;
}

/* bd_text_grams_may_contain_len() of the @i-th of @markers: a phase
 * whose first run is not noted is let go on its hash alone. */
static gboolean
marker_may_be_in (const BdTextGrams *grams,
                  const Markers     *markers,
                  guint              i)
{
  for (gsize phase = 0; phase < BD_TEXT_GRAM_STRIDE; phase++)
    {
      guint32 first = markers->first_runs[i][phase];

      /* a phase without a run: its needle may be anywhere */
      if (first == BD_TEXT_GRAM_NO_RUN)
        return TRUE;
      if (bd_text_grams_hash_noted (grams, first)
          && bd_text_grams_phase_noted (grams, markers->needles[i], markers->lengths[i], phase))
        return TRUE;
    }
  return FALSE;
}

/* contains_any_lower() of @markers, whose lengths are known */
static gboolean
contains_any_marker (const char        *lowered,
                     const BdTextGrams *grams,
                     const Markers     *markers)
{
  for (guint i = 0; markers->needles[i] != NULL; i++)
    if ((grams == NULL || marker_may_be_in (grams, markers, i))
        && strstr (lowered, markers->needles[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The bounce markers without diacritics: SMTP replies and some relays'
 * templates are ASCII ("nie mozna dostarczyc", "nemohla byt dorucena";
 * issue 14, point 2). Matched against the lowered text as it is, so a
 * notice written either way is found without folding every message. */
static const Markers *
folded_bounce_markers (void)
{
  static gsize once = 0;
  static const Markers *folded = NULL;

  if (g_once_init_enter (&once))
    {
      GPtrArray *out = g_ptr_array_new ();

      for (guint i = 0; bounce_markers[i] != NULL; i++)
        {
          bd_scan_autofree char *owned = NULL;
          const char *f = bd_phrase_fold (bounce_markers[i], &owned);

          if (strcmp (f, bounce_markers[i]) != 0)
            g_ptr_array_add (out, g_strdup (f));
        }
      folded = markers_take (out);
      g_once_init_leave (&once, 1);
    }
  return folded;
}

/* The bounce markers written in ASCII alone (@ascii_only): the only ones
 * an ASCII text can hold, so such a text (most bounces) is not searched
 * for the rest; or all of them. */
static const Markers *
all_bounce_markers (gboolean ascii_only)
{
  static gsize once = 0;
  static const Markers *sets[2];

  if (g_once_init_enter (&once))
    {
      for (guint set = 0; set < 2; set++)
        {
          GPtrArray *out = g_ptr_array_new ();

          for (guint i = 0; bounce_markers[i] != NULL; i++)
            if (set == 0 || is_ascii (bounce_markers[i]))
              g_ptr_array_add (out, (gpointer) bounce_markers[i]);
          sets[set] = markers_take (out);
        }
      g_once_init_leave (&once, 1);
    }
  return sets[ascii_only ? 1 : 0];
}

const char *const *
bd_localized_bounce_markers (void)
{
  return bounce_markers;
}

/* @ascii: whether @lowered has only ASCII bytes; @grams: (nullable): its
 * runs */
static gboolean
says_not_delivered (const char        *lowered,
                    const BdTextGrams *grams,
                    gboolean           ascii)
{
  return contains_any_marker (lowered, grams, all_bounce_markers (ascii))
         || contains_any_marker (lowered, grams, folded_bounce_markers ());
}

static gboolean
prose_or_subject_says_not_delivered (const BdScanInput *input)
{
  bd_scan_autofree char *owned = NULL;
  bd_scan_autofree char *subject = NULL;
  g_autoptr(BdTextGrams) subject_grams = NULL;

  /* the prose lowered is ASCII when the body is (bd_text_strdown()) */
  if (says_not_delivered (bd_scan_memo_lower_prose (input, &owned), bd_scan_memo_lower_prose_grams (input),
                          input->body_is_ascii))
    return TRUE;
  subject = bd_text_strdown (input->subject, -1);
  /* its runs too: some sixty markers, none in most subjects, and a
   * strstr () call for each cost more than noting the runs once */
  subject_grams = bd_text_grams_new (subject, strlen (subject));
  return says_not_delivered (subject, subject_grams, is_ascii (subject));
}

/**
 * bd_scan_localized_is_bounce:
 *
 * Returns: TRUE when the text says, in Polish, German or Czech, that a
 *   message was not (or not yet) delivered.
 */
gboolean
bd_scan_localized_is_bounce (const BdScanInput *input)
{
  BdScanMemoAnswer known;
  gboolean is_bounce;

  g_return_val_if_fail (input != NULL, FALSE);

  known = bd_scan_memo_get_answer (input, BD_SCAN_MEMO_LOCALIZED_BOUNCE);
  if (known != BD_SCAN_MEMO_UNKNOWN)
    return known == BD_SCAN_MEMO_YES;
  is_bounce = prose_or_subject_says_not_delivered (input);
  bd_scan_memo_set_answer (input, BD_SCAN_MEMO_LOCALIZED_BOUNCE, is_bounce);
  return is_bounce;
}

static gboolean
is_delay (const BdScanInput *input)
{
  bd_scan_autofree char *owned = NULL;
  const char *lowered = bd_scan_memo_lower_prose (input, &owned);
  bd_scan_autofree char *subject = bd_text_strdown (input->subject, -1);
  const BdTextGrams *grams = bd_scan_memo_lower_prose_grams (input);

  if (contains_any_lower (lowered, grams, final_markers))
    return FALSE;
  return contains_any_lower (lowered, grams, delay_markers) || contains_any_lower (subject, NULL, delay_markers);
}

/* Addresses that are not recipients: the bounce's own sender and
 * addressee (the user), and the original's sender. */
static GPtrArray *
addresses_to_skip (const BdScanInput *input)
{
  GPtrArray *skip = g_ptr_array_new_with_free_func (g_free);

  bd_scan_add_addresses (skip, input->from);
  if (input->message != NULL)
    {
      bd_scan_autofree char *to = bd_mime_header (input->message, "To");
      bd_scan_autofree char *delivered_to = bd_mime_header (input->message, "Delivered-To");

      bd_scan_add_addresses (skip, to);
      bd_scan_add_addresses (skip, delivered_to);
    }
  if (input->original != NULL && input->original->message != NULL)
    {
      bd_scan_autofree char *from = bd_mime_header (input->original->message, "From");

      bd_scan_add_addresses (skip, from);
    }
  return skip;
}

/* Sentences that state a reason, found anywhere in the prose: what a
 * recipient gets when its own lines say nothing the classifier knows. */
static char *
reason_sentences (char **lines)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = 0; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *lowered = bd_text_strdown (lines[i], -1);
      gboolean labelled = contains_any_lower (lowered, NULL, reply_labels);

      if (!labelled && bd_phrases_reason (lowered, NULL) == BD_REASON_UNDEFINED
          && !bd_localized_is_server_reply (lines[i]))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, lines[i]);
      /* A label alone on its line: the words follow, under its rule if
       * it is underlined ("Důvod / Reason:" then a line of dashes). */
      if (labelled && lines[i + 1] != NULL && (strlen (lines[i]) < 40 || g_str_has_suffix (lowered, ":")))
        {
          while (lines[i + 1] != NULL && bd_localized_is_rule (lines[i + 1]))
            i++;
          if (lines[i + 1] == NULL)
            break;
          /* the rule may be followed by a blank line */
          if (lines[i + 1][0] == '\0' && lines[i + 2] != NULL)
            i++;
          g_string_append_c (out, ' ');
          g_string_append (out, lines[++i]);
        }
      if (out->len > 1000)
        break;
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static char *
generator (char **lines)
{
  for (int i = 0; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *lowered = bd_text_strdown (lines[i], -1);

      for (guint j = 0; generator_labels[j] != NULL; j++)
        {
          const char *hit = strstr (lowered, generator_labels[j]);
          bd_scan_autofree char *host = NULL;

          if (hit == NULL)
            continue;
          gsize len;

          /* Labels keep their byte length when lowered (their letters
           * are ASCII or two-byte in both cases). */
          host = g_strchug (g_strdup (lines[i] + (hit - lowered) + strlen (generator_labels[j])));
          len = strcspn (host, " \t,;");
          while (len > 0 && (host[len - 1] == '.' || host[len - 1] == ':'))
            len--;
          host[len] = '\0';
          if (strchr (host, '.') != NULL && strchr (host, '@') == NULL)
            return g_steal_pointer (&host);
        }
    }
  return NULL;
}

/* "serwer mx.example.pl odpowiedział", "Server mx.example.de meldete". */
static char *
remote_host (const char *diagnostic)
{
  static const char *const words[] = { "serwer ", "server ", "serveru ", "serwera ", NULL };
  char *host;

  if ((host = bd_scan_host_in (diagnostic)) != NULL)
    return host;
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *p = bd_text_strcasestr (diagnostic, words[i]);
      gsize len;

      if (p == NULL)
        continue;
      p += strlen (words[i]);
      len = strcspn (p, " [(,:;'\"");
      while (len > 0 && p[len - 1] == '.')
        len--;
      if (len > 3 && memchr (p, '.', len) != NULL && memchr (p, '@', len) == NULL)
        return g_strndup (p, len);
    }
  return NULL;
}

/* The provider's own sentence in its users' language states the reason
 * as plainly as a template does: "skrzynka adresata jest przepełniona".
 * It is not an SMTP reply whose meaning depends on the command it
 * answered, so it decides. */
static void
set_reason_from_words (BdRecipient *recipient)
{
  bd_scan_autofree char *lowered = NULL;
  const char *phrase = NULL;
  BdReason reason;

  if (recipient->diagnostic == NULL || recipient->reason != BD_REASON_UNDEFINED)
    return;
  lowered = bd_text_strdown (recipient->diagnostic, -1);
  reason = bd_phrases_reason (lowered, &phrase);
  if (reason == BD_REASON_UNDEFINED || phrase == NULL || !bd_phrases_is_localized (phrase))
    return;
  bd_scan_set_reason (recipient, reason, BD_EVIDENCE_PHRASE, phrase);
}

static BdRecipient *
find_recipient (BdBounce   *bounce,
                const char *address)
{
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *r = g_ptr_array_index (bounce->recipients, i);

      if (r->address != NULL && g_ascii_strcasecmp (r->address, address) == 0)
        return r;
    }
  return NULL;
}

/* The address's own line and the lines after it up to a blank line or
 * the next address. */
static int
collect_paragraph (char      **lines,
                   int         at,
                   const char *address,
                   GPtrArray  *skip,
                   GString    *out)
{
  bd_scan_autofree char *rest = bd_localized_line_without (lines[at], address);
  bd_scan_autofree char *lowered = bd_text_strdown (rest, -1);
  int j;

  /* "Nie można dostarczyć wiadomości do <addr>." says nothing the
   * classifier can use, and reads badly glued to the server's words; nor
   * does a field's label before it ("Adresat: <addr>", "Empfänger:"). */
  if (!contains_any_lower (lowered, NULL, bounce_markers) && !bd_localized_is_label (rest))
    g_string_append (out, rest);
  for (j = at + 1; lines[j] != NULL && lines[j][0] != '\0' && j - at <= MAX_DIAGNOSTIC_LINES; j++)
    {
      bd_scan_autofree char *other = NULL;

      if (bd_localized_line_has_recipient (lines[j], skip, &other))
        break;
      g_string_append_c (out, ' ');
      g_string_append (out, lines[j]);
    }
  return j;
}

static void
add_or_extend (BdBounce   *bounce,
               const char *address,
               const char *text)
{
  BdRecipient *recipient = find_recipient (bounce, address);
  bd_scan_autofree char *joined = NULL;

  if (recipient == NULL)
    {
      if (bounce->recipients->len < MAX_RECIPIENTS)
        bd_scan_add (bounce, address, text);
      return;
    }
  if (text[0] == '\0')
    return;
  joined = recipient->diagnostic != NULL ? g_strconcat (recipient->diagnostic, " ", text, NULL)
                                         : g_strdup (text);
  bd_scan_set_diagnostic (recipient, joined);
}

static gboolean
classifiable (const BdRecipient *recipient)
{
  bd_scan_autofree char *lowered = NULL;

  if (recipient->status != NULL)
    return TRUE;
  if (recipient->diagnostic == NULL)
    return FALSE;
  lowered = bd_text_strdown (recipient->diagnostic, -1);
  return bd_phrases_reason (lowered, NULL) != BD_REASON_UNDEFINED;
}

/**
 * bd_scan_localized_read:
 *
 * Fills @bounce with every recipient the localized prose names.
 *
 * Returns: TRUE when the text is a localized bounce naming a recipient.
 */
gboolean
bd_scan_localized_read (const BdScanInput *input,
                        BdBounce          *bounce)
{
  g_autoptr(GPtrArray) skip = NULL;
  bd_scan_autofree char **lines = NULL;
  bd_scan_autofree char *reasons = NULL;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (bounce != NULL, FALSE);

  if (!bd_scan_localized_is_bounce (input))
    return FALSE;

  skip = addresses_to_skip (input);
  lines = bd_scan_split_lines (input, stop_markers);
  for (int i = 0; lines[i] != NULL; i++)
    {
      bd_scan_autofree char *address = NULL;
      g_autoptr(GString) text = g_string_new (NULL);

      if (!bd_localized_line_has_recipient (lines[i], skip, &address))
        continue;
      i = collect_paragraph (lines, i, address, skip, text) - 1;
      add_or_extend (bounce, address, text->str);
    }

  reasons = reason_sentences (lines);
  for (guint i = 0; i < bounce->recipients->len; i++)
    {
      BdRecipient *recipient = g_ptr_array_index (bounce->recipients, i);

      /* the reasons once: a paragraph may already hold them */
      if (reasons != NULL && !classifiable (recipient)
          && (recipient->diagnostic == NULL || strstr (recipient->diagnostic, reasons) == NULL))
        add_or_extend (bounce, recipient->address, reasons);
      if (recipient->diagnostic != NULL && recipient->remote_mta == NULL)
        recipient->remote_mta = remote_host (recipient->diagnostic);
      set_reason_from_words (recipient);
    }
  if (bounce->reporting_mta == NULL)
    bounce->reporting_mta = generator (lines);

  return bd_scan_finish (bounce, is_delay (input) ? BD_KIND_DELAYED : BD_KIND_BOUNCE);
}

/* Whether a machine wrote the message: a mailer's address, an empty
 * return path or an Auto-Submitted header. A person who writes "my
 * message nie została dostarczona do …" is not a bounce. */
static gboolean
written_by_a_machine (const BdScanInput *input)
{
  static const char *const mailers[] = {
    "mailer-daemon", "postmaster", "mail delivery", "system", "microsoft outlook",
    "administrator", "no-reply", "noreply", NULL
  };
  bd_scan_autofree char *auto_submitted = NULL;

  if (bd_text_contains_any (input->from, mailers) || bd_scan_from_null_sender (input))
    return TRUE;
  if (input->message == NULL)
    return FALSE;
  auto_submitted = bd_mime_header (input->message, "Auto-Submitted");
  return auto_submitted != NULL && g_ascii_strncasecmp (auto_submitted, "no", 2) != 0;
}

/* The last resort for localized prose no family claimed. */
gboolean
bd_scan_localized (const BdScanInput *input,
                   BdBounce          *bounce)
{
  if (!written_by_a_machine (input))
    return FALSE;

  return bd_scan_localized_read (input, bounce);
}
