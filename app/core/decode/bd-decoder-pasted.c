/* bd-decoder-pasted.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bounce pasted into the text of another message: what a colleague
 * sends with "Forward" when the mail program puts the returned message in
 * the text instead of attaching it. Two shapes are found:
 *  - a delivery report's own MIME header block ("Content-Type:
 *    multipart/report…") in the text;
 *  - the header block mail programs write above a forwarded message
 *    ("From:", "Subject:"… in English, or "Od:", "Temat:", "Von:",
 *    "Betreff:"… in the user's language), also quoted with "> ".
 * The pasted message is given back as a message of its own, its header
 * names in English, so the decoder reads it as if it had been attached.
 */
#define G_LOG_DOMAIN "bd-decoder"

#include "config.h"

#include <string.h>

#include "bd-date.h"
#include "bd-decoder-private.h"
#include "bd-phrase-fold.h"
#include "bd-text.h"

typedef enum
{
  FIELD_NONE,
  FIELD_FROM,
  FIELD_TO,
  FIELD_CC,
  FIELD_SUBJECT,
  FIELD_DATE,          /* kept when in RFC 5322 form, with its zone */
  FIELD_LOCAL_DATE,    /* "Sent: Monday, March 2, 2026 4:40 PM", "Wysłano: poniedziałek,
                        * 2 marca…": local time without a zone, dropped */
} Field;

/* Header names mail programs write above a forwarded message, in the
 * folded form of bd-phrase-fold.c (lower case, Latin letters without their
 * marks, Cyrillic lower-cased), so that a name is found with or without
 * its diacritics ("Wysłano", or "Wyslano" after a gateway):
 *  - Outlook, Gmail and Thunderbird in English, Polish, German, French,
 *    Spanish, Italian, Dutch, Portuguese and Czech;
 *  - Thunderbird's own labels, which its libmime writes as "Label: value"
 *    (comm-central mailnews/mime/src/mimedrft.cpp,
 *    mime_intl_insert_message_header_1) from mime.properties 1000 Subject,
 *    1007 Date, 1009 From, 1012 To, 1013 CC (thunderbird-l10n
 *    pl: Temat, Data, Nadawca, Adresat, Kopia; uk: Тема, Дата, Від, Кому);
 *  - Gmail in Ukrainian, which translates the sender's label only ("Від:"),
 *    and Apple Mail in Ukrainian ("Від кого:", "Копія:"): the fixtures and
 *    lib/parser.js of crisp-oss/email-forward-parser (gmail_uk_body.txt,
 *    apple_mail_uk_body.txt).
 * Every date label is read as FIELD_DATE: a value in RFC 5322 form with
 * its zone (Thunderbird copies the Date header as it is) is kept, local
 * time is dropped. */
static const struct
{
  const char *name;   /* folded */
  Field       field;
} pasted_names[] = {
  { "from", FIELD_FROM }, { "od", FIELD_FROM }, { "von", FIELD_FROM }, { "de", FIELD_FROM },
  { "da", FIELD_FROM }, { "van", FIELD_FROM }, { "nadawca", FIELD_FROM }, { "від", FIELD_FROM },
  { "від кого", FIELD_FROM },
  { "to", FIELD_TO }, { "do", FIELD_TO }, { "an", FIELD_TO }, { "a", FIELD_TO },
  { "para", FIELD_TO }, { "komu", FIELD_TO }, { "aan", FIELD_TO }, { "adresat", FIELD_TO },
  { "кому", FIELD_TO },
  { "cc", FIELD_CC }, { "dw", FIELD_CC }, { "kopie", FIELD_CC }, { "kopia", FIELD_CC },
  { "копія", FIELD_CC },
  { "subject", FIELD_SUBJECT }, { "temat", FIELD_SUBJECT }, { "betreff", FIELD_SUBJECT },
  { "objet", FIELD_SUBJECT }, { "asunto", FIELD_SUBJECT }, { "oggetto", FIELD_SUBJECT },
  { "onderwerp", FIELD_SUBJECT }, { "assunto", FIELD_SUBJECT }, { "predmet", FIELD_SUBJECT },
  { "тема", FIELD_SUBJECT },
  { "date", FIELD_DATE }, { "data", FIELD_DATE }, { "datum", FIELD_DATE }, { "fecha", FIELD_DATE },
  { "дата", FIELD_DATE },
  { "sent", FIELD_DATE }, { "wyslano", FIELD_DATE }, { "gesendet", FIELD_DATE },
  { "envoye", FIELD_DATE }, { "enviado", FIELD_DATE }, { "inviato", FIELD_DATE },
  { "verzonden", FIELD_DATE }, { "odeslano", FIELD_DATE },
};

static const char *const english_names[] = {
  [FIELD_FROM] = "From", [FIELD_TO] = "To", [FIELD_CC] = "Cc",
  [FIELD_SUBJECT] = "Subject", [FIELD_DATE] = "Date",
};

typedef struct
{
  const char *start;   /* the line, quote marks included */
  const char *end;     /* its '\n' or the end of the text */
  const char *text;    /* after the quote marks */
  const char *next;    /* the line after it, or the end of the text */
} Line;

static Line
line_at (const char *p,
         const char *end)
{
  Line line = { p, memchr (p, '\n', end - p), p, end };

  if (line.end == NULL)
    line.end = end;
  else
    line.next = line.end + 1;
  while (line.text < line.end && *line.text == '>')
    {
      line.text++;
      if (line.text < line.end && *line.text == ' ')
        line.text++;
    }
  return line;
}

/* The text of a quoted line after @depth quote marks ("> " or ">"), so
 * that the quoted text's own ">>> RCPT To:" lines (a Sendmail transcript)
 * keep theirs. */
static const char *
unquoted (const Line *line,
          guint       depth)
{
  const char *p = line->start;

  for (guint i = 0; i < depth && p < line->end && *p == '>'; i++)
    {
      p++;
      if (p < line->end && *p == ' ')
        p++;
    }
  return p;
}

static guint
quote_depth (const Line *line)
{
  guint depth = 0;

  for (const char *p = line->start; p < line->text; p++)
    depth += *p == '>';
  return depth;
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r')
      return FALSE;
  return TRUE;
}

/* Which pasted field the line is, and where its value starts. "De :"
 * (French) has a space, or a no-break space, before the colon. */
static Field
pasted_field (const Line  *line,
              const char **value)
{
  const char *colon = memchr (line->text, ':', line->end - line->text);
  const char *name_end = colon;
  char name[32];
  g_autofree char *folded = NULL;
  const char *key = name;
  gboolean plain = TRUE;   /* ASCII with single spaces: lower case is its folded form */
  gsize n;

  /* 24 bytes: the longest name, "Від кого" in UTF-8, is 15 */
  if (colon == NULL || colon == line->text || colon - line->text > 24)
    return FIELD_NONE;
  while (name_end > line->text && (name_end[-1] == ' ' || (name_end[-1] == '\xa0' && name_end - 1 > line->text
                                                              && name_end[-2] == '\xc2')))
    name_end -= name_end[-1] == ' ' ? 1 : 2;
  if (name_end == line->text)
    return FIELD_NONE;
  n = name_end - line->text;
  for (gsize i = 0; i < n; i++)
    {
      name[i] = g_ascii_tolower (line->text[i]);
      plain &= (guchar)name[i] < 0x80 && name[i] != '\t' && !(name[i] == ' ' && i > 0 && name[i - 1] == ' ');
    }
  name[n] = '\0';
  if (!plain)
    key = bd_phrase_fold (name, &folded);
  for (guint i = 0; i < G_N_ELEMENTS (pasted_names); i++)
    if (strcmp (key, pasted_names[i].name) == 0)
      {
        *value = colon + 1;
        return pasted_names[i].field;
      }
  return FIELD_NONE;
}

/* Outlook writes "Name [mailto:user@example.com]": as "Name <user@…>". */
static void
append_value (GString    *out,
              const char *value,
              const char *end)
{
  const char *mailto;
  const char *close;

  while (value < end && (*value == ' ' || *value == '\t'))
    value++;
  while (end > value && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
    end--;
  mailto = g_strstr_len (value, end - value, "[mailto:");
  close = mailto != NULL ? memchr (mailto, ']', end - mailto) : NULL;
  if (close == NULL)
    {
      g_string_append_len (out, value, end - value);
      return;
    }
  g_string_append_len (out, value, mailto - value);
  g_string_append_c (out, '<');
  g_string_append_len (out, mailto + 8, close - (mailto + 8));
  g_string_append_c (out, '>');
  g_string_append_len (out, close + 1, end - (close + 1));
}

static gboolean
is_folded_line (const Line *line)
{
  return line->text < line->end && (*line->text == ' ' || *line->text == '\t');
}

/* Whether the header block goes on after the folded lines from @p: with
 * another field, or with the blank line that ends a header block (RFC
 * 5322, sections 2.1 and 2.2.3). Outlook 2019 and later write the text
 * straight under the last field (crisp-oss/email-forward-parser,
 * test/fixtures/new_outlook_2019_cs_body.txt): an indented first line of
 * that text ("   ----- Transcript of session follows -----") is then the
 * text, not the field's continuation. */
static gboolean
block_goes_on (const char  *p,
               const char  *end,
               gboolean     quoted,
               const char **run_end)
{
  while (p < end)
    {
      Line line = line_at (p, end);
      const char *value;

      *run_end = p;
      if ((line.text > line.start) != quoted || is_blank (line.text, line.end))
        return TRUE;
      if (!is_folded_line (&line))
        return pasted_field (&line, &value) != FIELD_NONE;
      p = line.next;
    }
  *run_end = end;
  return TRUE;
}

/* Whether [@value, @end) is an RFC 5322 date with its zone. */
static gboolean
is_zoned_date (const char *value,
               const char *end)
{
  g_autofree char *date = g_strndup (value, end - value);

  return bd_date_is_canonical (g_strstrip (date));
}

/* The forwarded message whose header block starts at @p, as a message of
 * its own; NULL unless the block has a sender and a subject. *@after is
 * where the header block ended: no block starting inside it can have what
 * it lacked, so the search goes on from there (one pass over a text of
 * nothing but "From:" lines, not one per line). */
static char *
pasted_message_at (const char  *p,
                   const char  *end,
                   const char **after,
                   gsize       *len)
{
  g_autoptr(GString) out = NULL;   /* made at the first field: most lines start none */
  gboolean quoted = *p == '>';
  guint depth = 0;
  gboolean has_from = FALSE, has_subject = FALSE;
  Field last = FIELD_NONE;
  const char *folds_end = p;   /* folded lines before it are known to continue a field */

  while (p < end)
    {
      Line line = line_at (p, end);
      const char *value;
      Field field;

      if ((line.text > line.start) != quoted || is_blank (line.text, line.end))
        break;
      field = pasted_field (&line, &value);
      /* the run of folded lines is checked once, at its first line */
      if (field == FIELD_NONE && is_folded_line (&line) && last != FIELD_NONE
          && (p < folds_end || block_goes_on (line.next, end, quoted, &folds_end)))
        {
          /* a folded line continues the field above */
          if (last != FIELD_LOCAL_DATE)
            append_value (g_string_append_c (out, ' '), line.text, line.end);
          p = line.next;
          continue;
        }
      if (field == FIELD_NONE)
        break;
      has_from |= field == FIELD_FROM;
      has_subject |= field == FIELD_SUBJECT;
      /* Gmail writes "Date: Mon, Mar 2, 2026 at 4:15 PM": local time, no zone */
      if (field == FIELD_DATE && !is_zoned_date (value, line.end))
        field = FIELD_LOCAL_DATE;
      if (out == NULL)
        {
          out = g_string_new (NULL);
          depth = quote_depth (&line);
        }
      if (field != FIELD_LOCAL_DATE)
        {
          g_string_append_printf (out, "%s%s: ", out->len > 0 ? "\n" : "", english_names[field]);
          append_value (out, value, line.end);
        }
      last = field;
      p = line.next;
    }
  *after = p;
  if (!has_from || !has_subject)
    return NULL;

  g_string_append (out, "\n\n");
  /* The forwarded text, without the quote marks it was given. */
  while (p < end)
    {
      Line line = line_at (p, end);
      const char *text = unquoted (&line, depth);

      if (!quoted)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, text, line.end - text);
      g_string_append_c (out, '\n');
      p = line.next;
    }
  *len = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
line_is_header (const char *line,
                const char *end)
{
  const char *p = line;

  if (p < end && (*p == ' ' || *p == '\t'))
    return TRUE;
  while (p < end && (g_ascii_isalnum (*p) || *p == '-'))
    p++;
  return p > line && p < end && *p == ':';
}

/* The start of the header block that declares a delivery report inside
 * @body, or NULL. */
static const char *
find_inline_report (const char *body,
                    gsize       len)
{
  static const char *const markers[] = {
    "content-type: multipart/report", "content-type: message/delivery-status",
  };
  const char *end = body + len;
  const char *hit = NULL;

  for (const char *p = body; p < end && hit == NULL; )
    {
      const char *eol = memchr (p, '\n', end - p);

      for (guint i = 0; i < G_N_ELEMENTS (markers) && hit == NULL; i++)
        if ((gsize)(end - p) > strlen (markers[i])
            && g_ascii_strncasecmp (p, markers[i], strlen (markers[i])) == 0)
          hit = p;
      p = eol ? eol + 1 : end;
    }
  if (hit == NULL)
    return NULL;

  /* Walk back over the header lines above it. */
  while (hit > body)
    {
      const char *prev = hit - 1;   /* the '\n' ending the line above */

      while (prev > body && prev[-1] != '\n')
        prev--;
      if (!line_is_header (prev, hit - 1))
        break;
      hit = prev;
    }
  return hit;
}

/**
 * bd_decoder_find_pasted:
 * @body: the text of a message that is not a bounce itself
 * @len: (out): the length of what is returned
 *
 * Returns: (transfer full) (nullable): the first message pasted into
 *   @body, whole (headers, blank line, text).
 */
char *
bd_decoder_find_pasted (const char *body,
                        gsize       body_len,
                        gsize      *len)
{
  const char *end = body + body_len;
  const char *report = find_inline_report (body, body_len);

  /* A forward above the report holds it: read from there. */
  for (const char *p = body; p < (report != NULL ? report : end); )
    {
      const char *after;
      char *message = pasted_message_at (p, end, &after, len);

      if (message != NULL)
        return message;
      p = after > p ? after : line_at (p, end).next;
    }
  if (report == NULL)
    return NULL;
  *len = end - report;
  return g_strndup (report, *len);
}

/* The subject a reply answers: its own without "Re:" (RFC 5322, section
 * 3.6.5), which every mail program here writes in every language. */
static const char *
replied_subject (const char *subject)
{
  if (subject == NULL)
    return "";
  while (*subject == ' ')
    subject++;
  while (g_ascii_strncasecmp (subject, "re:", 3) == 0)
    for (subject += 3; *subject == ' '; subject++)
      ;
  return subject;
}

/**
 * bd_decoder_find_quoted:
 * @body: the text of a message that is not a bounce itself
 * @subject: (nullable): its subject
 * @len: (out): the length of what is returned
 *
 * A reply that quotes a returned message: mail programs quote the text
 * only, each line with "> ", under an attribution line that names the
 * author and ends with a colon (Thunderbird, composeMsgs.properties
 * mailnews.reply_header_*: "On #2 #3, #1 wrote:", pl "W dniu #2 o #3, #1
 * pisze:", cs "Dne #2 v #3 #1 napsal(a):", uk "#1 пише #2 #3:"; Gmail
 * "On Mon, Mar 2, 2026 at 4:15 PM Name <address> wrote:"). The quoted
 * text is given back as a message of its own, its sender the attribution
 * line and its subject the reply's without "Re:", for the decoder to
 * judge like any other text.
 *
 * Returns: (transfer full) (nullable): that message, or %NULL when no
 *   quoted block follows an attribution line.
 */
char *
bd_decoder_find_quoted (const char *body,
                        gsize       body_len,
                        const char *subject,
                        gsize      *len)
{
  const char *end = body + body_len;
  const char *attribution = NULL, *attribution_end = NULL, *quote = NULL;
  const char *prev_start = NULL, *prev_end = NULL;
  gboolean prev_quoted = TRUE;
  GString *out;

  for (const char *p = body; p < end && quote == NULL; )
    {
      Line line = line_at (p, end);
      gboolean quoted = line.text > line.start;

      if (quoted && !prev_quoted && prev_end > prev_start && prev_end[-1] == ':')
        {
          attribution = prev_start;
          attribution_end = prev_end - 1;
          quote = line.start;
        }
      prev_start = line.start;
      prev_quoted = quoted;
      for (prev_end = line.end; prev_end > line.start && (prev_end[-1] == ' ' || prev_end[-1] == '\r'); )
        prev_end--;
      p = line.next;
    }
  if (quote == NULL)
    return NULL;

  out = g_string_new ("From: ");
  g_string_append_len (out, attribution, attribution_end - attribution);
  g_string_append_printf (out, "\nSubject: %s\n\n", replied_subject (subject));
  for (const char *p = quote; p < end; )
    {
      Line line = line_at (p, end);

      const char *text = unquoted (&line, 1);

      if (line.text == line.start)
        break;
      g_string_append_len (out, text, line.end - text);
      g_string_append_c (out, '\n');
      p = line.next;
    }
  *len = out->len;
  return g_string_free (out, FALSE);
}

/**
 * bd_decoder_quoted_from_mailer:
 * @quoted: what bd_decoder_find_quoted () gave back
 *
 * Whether the quoted text's author, its attribution line, is a mailer:
 * the names the last resort knows mailers by (bd-scan-guess.c,
 * sent_by_a_mailer (): "MAILER-DAEMON", "postmaster", "Mail Delivery
 * …", RFC 5321, 4.5.1 and the servers' manuals). A person's words about
 * a failure under the reply's "Re: Mail delivery failed" are no notice:
 * the decoder takes a best guess from a quote only when this is %TRUE.
 */
gboolean
bd_decoder_quoted_from_mailer (const char *quoted)
{
  static const char *const mailers[] = { "mailer-daemon", "postmaster", "mail delivery", NULL };
  const char *eol = strchr (quoted, '\n');
  g_autofree char *from = g_strndup (quoted, eol != NULL ? (gsize) (eol - quoted) : strlen (quoted));

  return bd_text_contains_any (from, mailers);
}
