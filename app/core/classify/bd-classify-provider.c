/* bd-classify-provider.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step 2 of the classifier (bd-classify.c): what a code means at one
 * provider when it differs from RFC 3463, or when the provider documents
 * its own codes (Microsoft 365, Gmail, Yahoo, KDDI, NTT docomo, Orange…).
 */
#define G_LOG_DOMAIN "bd-classify"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-classify-private.h"
#include "bd-text-grams.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif


/* What the rules ask about one reply, worked out once for all of them:
 * which providers' servers reported it, and which ones it names. */
typedef struct
{
  const char      *lowered;
  guint32          reporter_providers;   /* bd_provider_mask_for_host (reporter) */
  guint32          named_providers;      /* bd_provider_mask_named_in (lowered) */
  BdClassifyReply *shared;               /* what every reporter's rules read */
} Reply;

/**
 * bd_classify_reply_init:
 * @lowered: (nullable): the diagnostic, lower-cased, which must outlive
 *   @reply
 */
void
bd_classify_reply_init (BdClassifyReply *reply,
                        const char      *lowered)
{
  bd_classify_reply_init_len (reply, lowered, lowered != NULL ? strlen (lowered) : 0);
}

/* bd_classify_reply_init () of a @lowered whose length (@len) the caller
 * knows from lowering it: not measured again. */
void
bd_classify_reply_init_len (BdClassifyReply *reply,
                            const char      *lowered,
                            gsize            len)
{
  g_assert (lowered != NULL || len == 0);

  reply->lowered = lowered;
  reply->len = len;
  reply->named = bd_provider_mask_named_in (lowered);
  reply->grams = NULL;
  reply->asked = FALSE;
  reply->asked_providers = 0;
  reply->may_hold_franceptt = lowered != NULL && bd_classify_may_hold_franceptt_code (lowered, reply->len);
  reply->body = NULL;
}

void
bd_classify_reply_clear (BdClassifyReply *reply)
{
  g_clear_pointer (&reply->grams, bd_text_grams_free);
}

/* The reply's runs of four bytes (bd-text-grams.h), noted on the first
 * question and kept for the next reporter's. */
static const BdTextGrams *
reply_grams (const Reply *reply)
{
  if (reply->shared->grams == NULL)
    reply->shared->grams = bd_text_grams_new (reply->lowered, reply->shared->len);
  return reply->shared->grams;
}

/* FALSE when @needle (@needle_len bytes) is certainly not in the reply
 * (bd_text_grams_may_contain_len ()). */
static inline gboolean
reply_may_have (const Reply *reply,
                const char  *needle,
                gsize        needle_len)
{
  return reply->lowered != NULL && bd_text_grams_may_contain_len (reply_grams (reply), needle, needle_len);
}

/* Whether @needle (@needle_len bytes) is in the reply, as strstr ()
 * tells: most needles are not, and the reply's runs of four bytes tell
 * most of those apart without searching it. Inlined where it is asked,
 * some twenty times a reply. */
G_ALWAYS_INLINE static inline gboolean
reply_has (const Reply *reply,
           const char  *needle,
           gsize        needle_len)
{
  return reply_may_have (reply, needle, needle_len) && strstr (reply->lowered, needle) != NULL;
}

/* Whether the reporting host is one of @id's servers, or the reply
 * names one (when @named is set). */
static gboolean
host_matches (const Reply  *reply,
              BdProviderId  id,
              gboolean      named)
{
  guint32 providers = reply->reporter_providers | (named ? reply->named_providers : 0);

  return id == BD_PROVIDER_NONE || (providers & 1u << id) != 0;
}

/* au (KDDI, ezweb.ne.jp and au.com) answers "550 : User unknown", without
 * the address, when the recipient's own filter refused the sender, and
 * "550 <address>: User unknown" for an address that does not exist. */
static BdReason
apply_kddi_rule (const BdRecipient *r,
                 const Reply       *reply,
                 BdEvidence        *evidence)
{
  const char *lowered = reply->lowered;
  const char *at;

  if (!reply_has (reply, ": user unknown", strlen (": user unknown")))
    return BD_REASON_UNDEFINED;
  at = strstr (lowered, ": user unknown");
  if (!bd_provider_has_address (bd_provider_get (BD_PROVIDER_KDDI), r->address)
      && !host_matches (reply, BD_PROVIDER_KDDI, FALSE))
    return BD_REASON_UNDEFINED;
  if (at > lowered && at[-1] == '>')
    {
      bd_evidence_set (evidence, BD_EVIDENCE_PROVIDER_RULE,
                       N_("au (KDDI): “<address>: User unknown” is an unknown address"));
      return BD_REASON_USERUNKNOWN;
    }
  bd_evidence_set (evidence, BD_EVIDENCE_PROVIDER_RULE,
                   N_("au (KDDI): “User unknown” without the address is the recipient's filter"));
  return BD_REASON_FILTERED;
}

/* Orange and La Poste (orange.fr, wanadoo.fr, laposte.net) end their
 * replies with a documented code, "OFR006_102" or "LPN001_108" (also
 * "LPN416", without the separator): its last three digits name the
 * reason. 401 ("SPF: … is not allowed to send mail") and 517 ("Message
 * refuse, verification DMARC en echec") are authentication failures
 * (go-sisimai rhost/for-franceptt.go, which quotes both replies). The
 * bare "LPN416" is read only from their own servers (go-sisimai
 * rhost/list.go, RhostClass "FrancePTT": ".laposte.net", ".orange.fr",
 * ".wanadoo.fr") or right after the reply code: any other server's text
 * holds such a run in a host name ("ofr416.example.net"). */
static gboolean
franceptt_host (const char *reporter)
{
  static const char *const suffixes[] = { ".laposte.net", ".orange.fr", ".wanadoo.fr", NULL };

  for (guint i = 0; reporter != NULL && suffixes[i] != NULL; i++)
    if (g_str_has_suffix (reporter, suffixes[i]) || g_ascii_strcasecmp (reporter, suffixes[i] + 1) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
after_reply_code (const char *lowered,
                  const char *p)
{
  return p - lowered == 4 && g_ascii_isdigit (lowered[0]) && g_ascii_isdigit (lowered[1])
         && g_ascii_isdigit (lowered[2]) && lowered[3] == ' ';
}

#ifdef __SSE2__
/* A bit for each of the 16 places from @p where "lpn", "ofr" or "ouk"
 * starts (reads 18 bytes). */
static inline unsigned
franceptt_prefixes_in_block (const char *p)
{
  __m128i first = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);
  __m128i second = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 1));
  __m128i third = _mm_loadu_si128 ((const __m128i *)(gconstpointer)(p + 2));
  __m128i o = _mm_cmpeq_epi8 (first, _mm_set1_epi8 ('o'));
  __m128i lpn = _mm_and_si128 (_mm_and_si128 (_mm_cmpeq_epi8 (first, _mm_set1_epi8 ('l')),
                                              _mm_cmpeq_epi8 (second, _mm_set1_epi8 ('p'))),
                               _mm_cmpeq_epi8 (third, _mm_set1_epi8 ('n')));
  __m128i ofr = _mm_and_si128 (_mm_cmpeq_epi8 (second, _mm_set1_epi8 ('f')), _mm_cmpeq_epi8 (third, _mm_set1_epi8 ('r')));
  __m128i ouk = _mm_and_si128 (_mm_cmpeq_epi8 (second, _mm_set1_epi8 ('u')), _mm_cmpeq_epi8 (third, _mm_set1_epi8 ('k')));

  return (unsigned)_mm_movemask_epi8 (_mm_or_si128 (lpn, _mm_and_si128 (o, _mm_or_si128 (ofr, ouk))));
}
#endif

/**
 * bd_classify_may_hold_franceptt_code:
 * @lowered: a reply in lower case, @len bytes before its NUL
 *
 * Returns: whether @lowered holds "lpn", "ofr" or "ouk" (the prefixes of
 *   apply_franceptt_rule (); "lpnaaa" holds "lpn"), as strstr () tells:
 *   nearly no reply does, and one pass tells, where a search for each
 *   cost twice as much.
 */
gboolean
bd_classify_may_hold_franceptt_code (const char *lowered,
                                     gsize       len)
{
#ifdef __SSE2__
  const char *p = lowered, *end = lowered + len;
  /* the last bytes, padded with NULs: no prefix */
  char tail[32] = { 0 };

  for (; end - p >= 18; p += 16)
    if (franceptt_prefixes_in_block (p) != 0)
      return TRUE;
  memcpy (tail, p, end - p);
  return franceptt_prefixes_in_block (tail) != 0;
#else
  return strstr (lowered, "lpn") != NULL || strstr (lowered, "ofr") != NULL || strstr (lowered, "ouk") != NULL;
#endif
}

static BdReason
apply_franceptt_rule (const char            *reporter,
                      const BdClassifyReply *shared,
                      BdEvidence            *evidence)
{
  const char *lowered = shared->lowered;

  static const struct { guint code; BdReason reason; } codes[] = {
    { 101, BD_REASON_BLOCKED }, { 102, BD_REASON_BLOCKED }, { 103, BD_REASON_BLOCKED },
    { 104, BD_REASON_TOOMANYCONN }, { 305, BD_REASON_SECURITYERROR }, { 401, BD_REASON_AUTHFAILURE },
    { 402, BD_REASON_SECURITYERROR }, { 403, BD_REASON_REJECTED }, { 405, BD_REASON_REJECTED },
    { 415, BD_REASON_REJECTED }, { 416, BD_REASON_USERUNKNOWN }, { 417, BD_REASON_MAILBOXFULL },
    { 418, BD_REASON_USERUNKNOWN }, { 420, BD_REASON_SUSPEND }, { 421, BD_REASON_REJECTED },
    { 426, BD_REASON_SUSPEND }, { 505, BD_REASON_SYSTEMERROR }, { 506, BD_REASON_SPAMDETECTED },
    { 510, BD_REASON_BLOCKED }, { 514, BD_REASON_MESGTOOBIG }, { 517, BD_REASON_AUTHFAILURE },
    { 630, BD_REASON_POLICYVIOLATION }, { 999, BD_REASON_BLOCKED },
  };
  static const char *const prefixes[] = { "lpnaaa", "lpn", "ofr", "ouk" };

  if (!shared->may_hold_franceptt)
    return BD_REASON_UNDEFINED;
  /* "lpnaaa" holds "lpn": a reply without "lpn" (nearly all) has neither,
   * and the search starts at "ofr" */
  for (guint i = strstr (lowered, "lpn") != NULL ? 0 : 2; i < G_N_ELEMENTS (prefixes); i++)
    for (const char *p = strstr (lowered, prefixes[i]); p != NULL; p = strstr (p + 1, prefixes[i]))
      {
        const char *q = p + strlen (prefixes[i]);
        const char *digits;
        guint code;

        if (p > lowered && g_ascii_isalnum (p[-1]))
          continue;
        /* "_NNN", "NNN_NNN" / "NNN-NNN", or "NNN" alone */
        if (q[0] == '_')
          digits = q + 1;
        else if (g_ascii_isdigit (q[0]) && g_ascii_isdigit (q[1]) && g_ascii_isdigit (q[2])
                 && (q[3] == '_' || q[3] == '-'))
          digits = q + 4;
        else if (g_ascii_isdigit (q[0]) && (franceptt_host (reporter) || after_reply_code (lowered, p)))
          digits = q;
        else
          continue;
        if (!g_ascii_isdigit (digits[0]) || !g_ascii_isdigit (digits[1]) || !g_ascii_isdigit (digits[2])
            || g_ascii_isalnum (digits[3]))
          continue;
        code = (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');
        bd_evidence_take (evidence, BD_EVIDENCE_FRANCEPTT_CODE, g_strndup (p, digits + 3 - p));
        for (guint j = 0; j < G_N_ELEMENTS (codes); j++)
          if (codes[j].code == code)
            return codes[j].reason;
        /* A code Orange documents without a reason (105, 108, 201…):
         * decided, and undefined. */
        return BD_N_REASONS;
      }
  return BD_REASON_UNDEFINED;
}

/* NTT docomo's MX (mfsmax.docomo.ne.jp) answers "Unknown user" both for an
 * address that does not exist (at RCPT TO) and for a recipient whose
 * settings refuse the sender (after DATA). */
static BdReason
apply_docomo_rule (const BdRecipient *r,
                   const Reply       *reply,
                   BdEvidence        *evidence)
{
  if (!host_matches (reply, BD_PROVIDER_DOCOMO, FALSE) || r->status == NULL)
    return BD_REASON_UNDEFINED;
  if (strcmp (r->status, "5.2.0") == 0)
    {
      bd_evidence_set (evidence, BD_EVIDENCE_PROVIDER_RULE, N_("NTT docomo: 5.2.0 is the recipient's filter"));
      return BD_REASON_FILTERED;
    }
  if (strcmp (r->status, "5.0.0") == 0 && r->reply_code == 550
      && g_strcmp0 (bd_classify_command (r, reply->shared->body), "DATA") == 0)
    {
      bd_evidence_set (evidence, BD_EVIDENCE_PROVIDER_RULE,
                       N_("NTT docomo: refused after DATA, the recipient refuses the sender"));
      return BD_REASON_REJECTED;
    }
  return BD_REASON_UNDEFINED;
}

/* Spectrum (Charter, charter.net) ends its refusals with a documented
 * "AUP#" code of four digits, sometimes after letters ("AUP#MXRT-1360"):
 * the number's range names the reason. */
static BdReason
apply_spectrum_rule (const Reply *reply,
                     BdEvidence  *evidence)
{
  static const struct { guint first, last; BdReason reason; } ranges[] = {
    { 1000, 1000, BD_REASON_BLOCKED }, { 1010, 1080, BD_REASON_REJECTED },
    { 1090, 1090, BD_REASON_SYSTEMERROR }, { 1100, 1150, BD_REASON_REQUIREPTR },
    { 1160, 1190, BD_REASON_POLICYVIOLATION }, { 1200, 1250, BD_REASON_BLOCKED },
    { 1260, 1260, BD_REASON_NETWORKERROR }, { 1300, 1340, BD_REASON_TOOMANYCONN },
    { 1350, 1490, BD_REASON_SPEEDING }, { 1500, 1520, BD_REASON_REJECTED },
    { 1530, 1530, BD_REASON_MESGTOOBIG }, { 1540, 1550, BD_REASON_SPEEDING },
    { 1560, 1560, BD_REASON_POLICYVIOLATION }, { 1580, 1580, BD_REASON_SPEEDING },
  };
  const char *code;
  guint number = 0;
  int digits = 0;

  /* Spectrum's servers first: a test of one bit, before reading the reply */
  if (!host_matches (reply, BD_PROVIDER_SPECTRUM, TRUE)
      || reply->lowered == NULL || (code = strstr (reply->lowered, "aup#")) == NULL)
    return BD_REASON_UNDEFINED;
  for (code += 4; g_ascii_isalpha (*code) || *code == '-'; code++)
    ;
  for (; digits < 4 && g_ascii_isdigit (code[digits]); digits++)
    number = number * 10 + (code[digits] - '0');
  if (digits != 4 || g_ascii_isdigit (code[digits]))
    return BD_REASON_UNDEFINED;
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (number >= ranges[i].first && number <= ranges[i].last)
      {
        bd_evidence_take (evidence, BD_EVIDENCE_SPECTRUM_CODE, g_strdup_printf ("%u", number));
        return ranges[i].reason;
      }
  return BD_REASON_UNDEFINED;
}

/* The bytes of a phrase that the rules after it must share for the walk
 * to pass over them all when those bytes are not in the reply: enough for
 * runs of four bytes in both phases of the stride (bd-text-grams.h). */
#define SHARED_START 8

/* What a first run's slot holds in [0] where a rule has no phrase: no
 * hash (bd_text_gram_hash_at (), of BD_TEXT_GRAM_BITS bits) is this, nor
 * BD_TEXT_GRAM_NO_RUN (a phrase without a run at that phase). */
#define NO_PHRASE (BD_TEXT_GRAM_NO_RUN - 1)

/* One rule as the walk reads it, packed from the table once: its status
 * code and its phrase's first runs of four bytes by value. Reading the
 * table's rows, their codes' strings and their phrases missed the
 * first-level cache some thirty times a reply (cachegrind): most rules
 * asked are passed over by these few bytes alone. */
typedef struct
{
  guint64 status;          /* the code's bytes (byte k at bit 8 k), NUL padded */
  guint64 status_mask;     /* the bytes of those compared; 0 for any code */
  guint16 first_runs[BD_TEXT_GRAM_STRIDE];   /* NO_PHRASE in [0] without a phrase */
  /* how many rules after it, of its provider, have phrases that start
   * with the same SHARED_START bytes (I.UA's ten "i.ua/err/N/", asked of
   * every reply) */
  guint8  shared_start_skip;
} PackedRule;

/* two rules a cache line at least (24 bytes with the stride of three) */
G_STATIC_ASSERT (sizeof (PackedRule) <= 32);

/* A run of rules for the same provider. */
typedef struct
{
  guint16 start, end;
} RuleRun;

/* The runs of the table, at most: one bit each in a word. */
#define MAX_RUNS 64

/* What the walk over the rules knows of the table, worked out once. */
typedef struct
{
  PackedRule *packed;
  gsize      *phrase_lens;   /* read only for the phrases that may be there */
  RuleRun     runs[MAX_RUNS];
  guint       n_runs;
  /* The runs of each provider (bit k: runs[k]): the walk visits only
   * those of the providers that reported or are named, not the twenty
   * others to pass each over. */
  guint64     runs_of[BD_N_PROVIDERS];
} RuleFacts;

/* Whether rules @i and @j are for the same provider and both have
 * phrases that start with the same SHARED_START bytes. */
static gboolean
share_start (guint i,
             guint j)
{
  const char *a = bd_provider_rules[i].phrase, *b = bd_provider_rules[j].phrase;

  return bd_provider_rules[i].provider == bd_provider_rules[j].provider
         && a != NULL && b != NULL && strlen (a) >= SHARED_START && strlen (b) >= SHARED_START
         && memcmp (a, b, SHARED_START) == 0;
}

/* The first eight bytes of @status, NUL padded, byte k at bit 8 k. No
 * status reads as an empty one: no rule's code is empty. */
static inline guint64
status_word (const char *status)
{
  guint64 word = 0;

  for (guint k = 0; status != NULL && k < 8 && status[k] != '\0'; k++)
    word |= (guint64)(guchar)status[k] << (8 * k);
  return word;
}

/* @pattern (a rule's status, nullable) as bd_classify_status_matches ()
 * reads it: the bytes it compares, its NUL too unless it is a prefix
 * ending in '.' (a code longer than seven bytes is no pattern's), and
 * none without a pattern (any code matches). */
static void
pack_status (PackedRule *packed,
             const char *pattern)
{
  gsize n, bytes;

  if (pattern == NULL)
    return;
  n = strlen (pattern);
  g_assert (n > 0);
  bytes = pattern[n - 1] == '.' ? n : n + 1;
  g_assert (bytes <= 8);
  packed->status = status_word (pattern);
  packed->status_mask = G_MAXUINT64 >> (64 - 8 * bytes);
}

/* bd_classify_status_matches (), @word being status_word () of the
 * recipient's status. */
static inline gboolean
packed_status_matches (const PackedRule *packed,
                       guint64           word)
{
  return ((word ^ packed->status) & packed->status_mask) == 0;
}

static RuleFacts *
build_rule_facts (void)
{
  RuleFacts *built = g_new0 (RuleFacts, 1);

  g_assert (bd_n_provider_rules <= G_MAXUINT16);
  built->packed = g_new0 (PackedRule, bd_n_provider_rules);
  built->phrase_lens = g_new0 (gsize, bd_n_provider_rules);
  for (guint i = bd_n_provider_rules; i-- > 0;)
    {
      const BdProviderRule *rule = &bd_provider_rules[i];
      PackedRule *packed = &built->packed[i];

      pack_status (packed, rule->status);
      packed->first_runs[0] = NO_PHRASE;
      if (rule->phrase != NULL)
        {
          built->phrase_lens[i] = strlen (rule->phrase);
          bd_text_gram_first_runs (rule->phrase, built->phrase_lens[i], packed->first_runs);
        }
      if (i + 1 < bd_n_provider_rules && share_start (i, i + 1))
        {
          g_assert (built->packed[i + 1].shared_start_skip < G_MAXUINT8);
          packed->shared_start_skip = built->packed[i + 1].shared_start_skip + 1;
        }
    }
  for (guint i = 0; i < bd_n_provider_rules; i++)
    if (i == 0 || bd_provider_rules[i].provider != bd_provider_rules[i - 1].provider)
      {
        g_assert (built->n_runs < MAX_RUNS && bd_provider_rules[i].provider < BD_N_PROVIDERS);
        built->runs_of[bd_provider_rules[i].provider] |= G_GUINT64_CONSTANT (1) << built->n_runs;
        built->runs[built->n_runs++] = (RuleRun) { i, i + 1 };
      }
    else
      built->runs[built->n_runs - 1].end = i + 1;
  return built;
}

static const RuleFacts *
rule_facts (void)
{
  static RuleFacts *facts;

  if (g_once_init_enter (&facts))
    g_once_init_leave (&facts, build_rule_facts ());
  return facts;
}

/* FALSE when rule @packed's phrase is certainly not in the reply: each
 * phase of the stride has a run of four bytes the reply lacks, its first
 * (as bd_text_grams_may_contain_len () would tell, reading the phrase).
 * These runs are within the phrase's first SHARED_START bytes. */
static inline gboolean
first_runs_may_be_in (const Reply      *reply,
                      const PackedRule *packed)
{
  const BdTextGrams *grams = reply_grams (reply);

  /* a phrase too short for a run at some phase may be anywhere */
  /* a phase without a run: the later ones have none either */
  if (packed->first_runs[BD_TEXT_GRAM_STRIDE - 1] == BD_TEXT_GRAM_NO_RUN)
    return TRUE;
  for (guint phase = 0; phase < BD_TEXT_GRAM_STRIDE; phase++)
    if (bd_text_grams_hash_noted (grams, packed->first_runs[phase]))
      return TRUE;
  return FALSE;
}

/* The first rule of the run @run that applies to a recipient whose
 * status_word () is @status and to the reply, or -1. */
static int
walk_run (guint64          status,
          const Reply     *reply,
          const RuleFacts *facts,
          const RuleRun   *run)
{
  for (guint i = run->start; i < run->end; i++)
    {
      const PackedRule *packed = &facts->packed[i];
      gboolean runs_in;

      if (!packed_status_matches (packed, status))
        continue;
      if (packed->first_runs[0] == NO_PHRASE)
        return i;
      /* the table's row and phrase are read only past its first runs */
      runs_in = reply->lowered != NULL && first_runs_may_be_in (reply, packed);
      if (runs_in && reply_has (reply, bd_provider_rules[i].phrase, facts->phrase_lens[i]))
        return i;
      /* none of the phrases after it that start as it does can be in a
       * reply without that start: those rules cannot apply */
      if (packed->shared_start_skip != 0
          && !(runs_in && reply_may_have (reply, bd_provider_rules[i].phrase, SHARED_START)))
        i += packed->shared_start_skip;
    }
  return -1;
}

/* The table's first rule that applies, in its order. */
static BdReason
walk_rules (const BdRecipient *r,
            const Reply       *reply,
            BdEvidence        *evidence)
{
  const RuleFacts *facts = rule_facts ();
  guint64 status = status_word (r->status);
  /* the runs of the providers that reported or are named (host_matches ()),
   * in the table's order */
  guint32 providers = (reply->reporter_providers | reply->named_providers) & ~(1u << BD_PROVIDER_NONE);
  guint64 runs = facts->runs_of[BD_PROVIDER_NONE];

  for (; providers != 0; providers &= providers - 1)
    runs |= facts->runs_of[__builtin_ctz (providers)];
  for (; runs != 0; runs &= runs - 1)
    {
      int i = walk_run (status, reply, facts, &facts->runs[__builtin_ctzll (runs)]);

      if (i < 0)
        continue;
      bd_evidence_set (evidence, BD_EVIDENCE_PROVIDER_RULE, bd_provider_rules[i].why);
      return bd_provider_rules[i].reason;
    }
  return BD_REASON_UNDEFINED;
}

/**
 * bd_classify_provider_rules:
 * @reporter: (nullable): the host that reported the failure
 * @shared: the reply, as bd_classify_reply_init () read it, shared by
 *   the reporters asked about it
 * @evidence: (out): what decided, when a rule did
 *
 * Returns: the provider's own meaning of the code, or %BD_REASON_UNDEFINED.
 */
BdReason
bd_classify_provider_rules (const BdRecipient *r,
                            const char        *reporter,
                            BdClassifyReply   *shared,
                            BdEvidence        *evidence)
{
  /* Providers whose codes need reading (a number in a range, a reply
   * that means two things), then the table. */
  Reply reply = { shared->lowered, bd_provider_mask_for_host (reporter), shared->named, shared };
  BdReason by_code;

  /* A relay run by the same providers as a reporter already asked (for
   * which nothing applied): every rule below reads only those bits of
   * the host, and would say nothing again. */
  if (shared->asked && shared->asked_providers == reply.reporter_providers && !shared->may_hold_franceptt)
    return BD_REASON_UNDEFINED;
  by_code = apply_kddi_rule (r, &reply, evidence);

  if (by_code == BD_REASON_UNDEFINED)
    by_code = apply_docomo_rule (r, &reply, evidence);
  if (by_code == BD_REASON_UNDEFINED)
    by_code = apply_franceptt_rule (reporter, shared, evidence);
  if (by_code == BD_REASON_UNDEFINED)
    by_code = apply_spectrum_rule (&reply, evidence);
  if (by_code == BD_REASON_UNDEFINED)
    by_code = walk_rules (r, &reply, evidence);
  if (by_code != BD_REASON_UNDEFINED)
    return by_code;
  shared->asked = TRUE;
  shared->asked_providers = reply.reporter_providers;
  return BD_REASON_UNDEFINED;
}

/* Microsoft's own 5.2.2 is about its user's submission quota; a 5.2.2 it
 * merely relays from another provider's server is that server's. */
static gboolean
is_microsoft_quota (const BdProvider  *receiver,
                    const BdRecipient *r)
{
  if (g_strcmp0 (r->status, "5.2.2") != 0)
    return FALSE;
  if (r->diagnostic != NULL && strstr (r->diagnostic, "ubmission") != NULL)
    return TRUE;
  /* "STOREDRV.Deliver…QuotaExceeded": the recipient's mailbox, really full */
  if (r->diagnostic != NULL && strstr (r->diagnostic, "STOREDRV.Deliver") != NULL)
    return FALSE;
  return receiver == NULL || receiver->id == BD_PROVIDER_MICROSOFT;
}

/**
 * bd_classify_sender_quota:
 * @r: a recipient already classified as a full mailbox or a limit
 * @evidence: (out): the rule, when it applies
 *
 * Microsoft 365 answers its own users' sending too much with 5.2.2
 * ("mailbox full" in RFC 3463): for a message sent through Microsoft 365
 * that is the sender's quota (learn.microsoft.com, "Fix email delivery
 * issues for error code 5.2.2"). The provider step that needs the whole
 * bounce, not just the reporting host.
 *
 * Returns: %BD_REASON_SPEEDING when the rule applies, else
 *   %BD_REASON_UNDEFINED.
 */
BdReason
bd_classify_sender_quota (const BdBounce    *bounce,
                          const BdRecipient *r,
                          BdEvidence        *evidence)
{
  const BdProvider *sender;

  if (r->reason != BD_REASON_MAILBOXFULL && r->reason != BD_REASON_EXCEEDLIMIT)
    return BD_REASON_UNDEFINED;
  sender = bd_provider_sending (bounce);
  if (sender == NULL || sender->id != BD_PROVIDER_MICROSOFT
      || !is_microsoft_quota (bd_provider_receiving (bounce, r), r))
    return BD_REASON_UNDEFINED;
  bd_evidence_set (evidence, BD_EVIDENCE_PROVIDER_RULE, N_("Microsoft 365: 5.2.2 is the sender's submission quota"));
  return BD_REASON_SPEEDING;
}
