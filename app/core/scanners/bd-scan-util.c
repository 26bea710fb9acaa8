/* bd-scan-util.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-scan-util"

#include "config.h"

#include <gmime/gmime.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "bd-cpu.h"
#include "bd-gmime-autocleanups.h"
#include "bd-mime-charset.h"
#include "bd-scan-gate.h"
#include "bd-scan-memo.h"
#include "bd-scan-util.h"
#include "bd-text.h"

/* A bounce quotes at most a few thousand lines of prose before the
 * original message; past that, the rest is someone's attachment. */
#define MAX_LINES 4000


/* Whether @lower starts with @needle lowered. */
static gboolean
starts_with_lowered (const char *lower,
                     const char *needle)
{
  for (; *needle != '\0'; lower++, needle++)
    if (*lower != bd_text_ascii_lower (*needle))
      return FALSE;
  return TRUE;
}


/* Whether @needle is in @text, ignoring ASCII case, @lower being @text in
 * lower case (or NULL), @lower_len its length when it may be read 16
 * bytes past its end (or 0): each scanner asks about the same From and
 * Subject, lowered once in bd_scan_input_init(). The needle is lowered as
 * it is compared, where its first letter is: some twenty questions a
 * message, each with its own needle, and copying it lowered first cost
 * more than the search. */
static gboolean
has_ci (const char *text,
        const char *lower,
        gsize       lower_len,
        const char *needle)
{
  char first = bd_text_ascii_lower (needle[0]);

  if (lower == NULL)
    return bd_text_strcasestr (text, needle) != NULL;
  if (first == '\0')
    return TRUE;
#ifdef __SSE2__
  if (lower_len > 0 && needle[1] != '\0')
    return bd_scan_gate_lowered_has (lower, lower_len, needle);
#endif
  for (const char *p = strchr (lower, first); p != NULL; p = strchr (p + 1, first))
    if (starts_with_lowered (p + 1, needle + 1))
      return TRUE;
  return FALSE;
}

gboolean
bd_scan_from_has (const BdScanInput *input,
                  const char        *needle)
{
  g_return_val_if_fail (input != NULL, FALSE);

  return has_ci (input->from, input->from_lower, input->from_lower_len, needle);
}

/* The bounce came from the null sender: a delivery notice is sent with
 * an empty reverse path (RFC 5321 section 4.5.5), which the receiving
 * server records as "Return-Path: <>". */
gboolean
bd_scan_from_null_sender (const BdScanInput *input)
{
  bd_scan_autofree char *return_path = NULL;

  g_return_val_if_fail (input != NULL, FALSE);

  if (input->message == NULL)
    return FALSE;
  return_path = bd_mime_header (input->message, "Return-Path");
  return return_path != NULL && strstr (return_path, "<>") != NULL;
}

gboolean
bd_scan_subject_has (const BdScanInput *input,
                     const char        *needle)
{
  g_return_val_if_fail (input != NULL, FALSE);

  return has_ci (input->subject, input->subject_lower, input->subject_lower_len, needle);
}

/**
 * bd_scan_header:
 * @name: a header of the bounce itself, e.g. "X-Failed-Recipients"
 *
 * Returns: (transfer full) (nullable): its value, whitespace collapsed.
 */
char *
bd_scan_header (const BdScanInput *input,
                const char        *name)
{
  bd_scan_autofree char *value = NULL;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (input->message == NULL)
    return NULL;
  value = bd_mime_header (input->message, name);
  if (value == NULL)
    return NULL;
  return bd_scan_collapse (value);
}

/**
 * bd_scan_has_header:
 *
 * Returns: whether bd_scan_header() would give a value: the field is
 *   looked up, and nothing unfolded, decoded or copied.
 */
gboolean
bd_scan_has_header (const BdScanInput *input,
                    const char        *name)
{
  gsize len;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return input->message != NULL && bd_mime_header_raw (input->message, name, &len) != NULL;
}

/**
 * bd_scan_original_to:
 *
 * Returns: (transfer full) (nullable): the address in the To: of the
 * returned message when it is attached as a part: the failed recipient
 * of a notice that names none (Exim's, Google Workspace's).
 */
char *
bd_scan_original_to (const BdScanInput *input)
{
  const BdMimePart *copy;
  bd_scan_autofree char *to = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  if (input->original == NULL)
    return NULL;
  copy = input->original->message != NULL ? input->original->message : input->original;
  to = bd_mime_header (copy, "To");
  return to != NULL ? bd_scan_extract_address (to) : NULL;
}

/**
 * bd_scan_add_addresses:
 * @into: (element-type utf8): where the addresses go, in lower case
 * @value: (nullable): a header's value, an address list
 *
 * Adds every mailbox address of @value: the bounce's own From, To and the
 * like, which are never its failed recipients.
 */
void
bd_scan_add_addresses (GPtrArray  *into,
                       const char *value)
{
  g_autoptr(InternetAddressList) list = NULL;

  if (value == NULL)
    return;
  bd_mime_charset_keep_encoded (value);
  list = internet_address_list_parse (NULL, value);
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++)
    {
      InternetAddress *address = internet_address_list_get_address (list, i);

      if (INTERNET_ADDRESS_IS_MAILBOX (address))
        g_ptr_array_add (into, g_ascii_strdown (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (address)), -1));
    }
}

static const char *
find_stop (const BdScanInput *input,
           const char *const *stop_markers)
{
  const char *stop = NULL;

  if (stop_markers == NULL)
    return NULL;

  for (guint i = 0; stop_markers[i] != NULL; i++)
    {
      const char *hit = bd_scan_body_find (input, stop_markers[i]);

      if (hit != NULL && (stop == NULL || hit < stop))
        stop = hit;
    }
  return stop;
}

#ifdef BD_CPU_AVX2_PATHS
/* count_line_feeds() 32 bytes a step where the CPU has AVX2, for half
 * the steps; @p is set to where it stopped (fewer than 32 bytes left). */
__attribute__ ((target ("avx2"))) static gsize
count_line_feeds_avx2 (const char **p,
                       const char  *end)
{
  gsize n = 0;

  while (end - *p >= 32)
    {
      __m256i lanes = _mm256_setzero_si256 ();
      __m256i sums;

      for (guint step = 0; step < 255 && end - *p >= 32; step++, *p += 32)
        {
          __m256i block = _mm256_loadu_si256 ((const __m256i *)(gconstpointer)*p);

          lanes = _mm256_sub_epi8 (lanes, _mm256_cmpeq_epi8 (block, _mm256_set1_epi8 ('\n')));
        }
      sums = _mm256_sad_epu8 (lanes, _mm256_setzero_si256 ());
      n += (gsize)_mm256_extract_epi64 (sums, 0) + (gsize)_mm256_extract_epi64 (sums, 1)
           + (gsize)_mm256_extract_epi64 (sums, 2) + (gsize)_mm256_extract_epi64 (sums, 3);
    }
  return n;
}
#endif

/* How many line feeds [@text, @end) holds. Where SSE2 is, 16 bytes a
 * step (32 with AVX2): each byte that is one counts one down in its lane
 * (a compare gives -1), the lanes summed every 255 steps, before a lane
 * can wrap. A body's lines are short, and a memchr () for each cost more
 * than its search. */
static gsize
count_line_feeds (const char *text,
                  const char *end)
{
  gsize n = 0;
  const char *p = text;

#ifdef BD_CPU_AVX2_PATHS
  if (end - p >= 64 && bd_cpu_has_avx2 ())
    n = count_line_feeds_avx2 (&p, end);
#endif
#ifdef __SSE2__
  while (end - p >= 16)
    {
      __m128i lanes = _mm_setzero_si128 ();
      __m128i sums;

      for (guint step = 0; step < 255 && end - p >= 16; step++, p += 16)
        {
          __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);

          lanes = _mm_sub_epi8 (lanes, _mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\n')));
        }
      sums = _mm_sad_epu8 (lanes, _mm_setzero_si128 ());
      n += (gsize)_mm_cvtsi128_si32 (sums) + (gsize)_mm_extract_epi16 (sums, 4);
    }
#endif
  for (; p < end; p++)
    n += *p == '\n';
  return n;
}

/* How many lines bd_scan_split_lines() makes of [@text, @end): one more
 * than its line feeds, at most MAX_LINES. */
static guint
count_lines (const char *text,
             const char *end)
{
  gsize feeds;

  if (end == text)
    return 0;
  feeds = count_line_feeds (text, end);
  return feeds < MAX_LINES - 1 ? (guint)feeds + 1 : MAX_LINES;
}

/* Line feeds in a copy of the text padded past its end with 16 NULs (see
 * bd_scan_split_lines()), found a block of 16 bytes at a time: the mask
 * of the block at @block holds those not yet taken. */
typedef struct
{
  const char *block;
  unsigned    mask;
} FeedWalk;

static inline unsigned
feeds_in_block (const char *p)
{
#ifdef __SSE2__
  __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)p);

  return (unsigned)_mm_movemask_epi8 (_mm_cmpeq_epi8 (block, _mm_set1_epi8 ('\n')));
#else
  unsigned mask = 0;

  for (guint i = 0; i < 16; i++)
    mask |= (unsigned)(p[i] == '\n') << i;
  return mask;
#endif
}

/* The next line feed of the walk, which the caller knows is there. */
static inline char *
next_feed (FeedWalk *walk)
{
  const char *at;

  while (walk->mask == 0)
    {
      walk->block += 16;
      walk->mask = feeds_in_block (walk->block);
    }
  at = walk->block + __builtin_ctz (walk->mask);
  walk->mask &= walk->mask - 1;
  return (char *)at;
}

/* Most bodies hold a few dozen lines: their line feeds are found in one
 * walk, their offsets kept here, and the lines cut from those. */
#define FEEDS_ON_STACK 256
G_STATIC_ASSERT (FEEDS_ON_STACK < MAX_LINES);

/* The offsets of the line feeds in [@text, @end), the first @max kept in
 * @feeds, a block of 16 bytes a step. Returns how many there are, or
 * G_MAXSIZE when they do not fit: the caller then counts and walks them
 * as before. Found once, the offsets spare the copy a second walk (the
 * count, then the copy's feeds, took a third of the split). */
static gsize
find_feeds (const char *text,
            const char *end,
            guint32    *feeds,
            gsize       max)
{
  const char *p = text;
  gsize n = 0;

  for (; end - p >= 16; p += 16)
    {
      for (unsigned mask = feeds_in_block (p); mask != 0; mask &= mask - 1)
        {
          if (n == max)
            return G_MAXSIZE;
          feeds[n++] = (guint32)(p - text) + (guint32)__builtin_ctz (mask);
        }
    }
  for (; p < end; p++)
    if (*p == '\n')
      {
        if (n == max)
          return G_MAXSIZE;
        feeds[n++] = (guint32)(p - text);
      }
  return n;
}

/* Trims [@p, @eol) of its trailing blanks with a NUL, and returns it. */
static inline char *
cut_line (char *p,
          char *eol)
{
  gsize len = eol - p;

  while (len > 0 && g_ascii_isspace (p[len - 1]))
    len--;
  p[len] = '\0';
  return p;
}

/* The list and a copy of [@text, @text + @text_len) in one allocation,
 * room for @n lines: the copy followed by 16 NULs, so that its line feeds
 * may be looked for 16 bytes at a time to its end. Returns the list. */
static char **
lines_block (const char *text,
             gsize       text_len,
             guint       n)
{
  char **lines = g_malloc ((n + 1) * sizeof (char *) + text_len + 16);
  char *copy = (char *)(lines + n + 1);

  memcpy (copy, text, text_len);
  memset (copy + text_len, '\0', 16);
  return lines;
}

/* bd_scan_split_lines() of a text whose line feeds did not fit the stack:
 * counted first, then found again in the copy. */
static char **
split_counted (const char *text,
               gsize       text_len)
{
  guint n = count_lines (text, text + text_len);
  char **lines = lines_block (text, text_len, n);
  char *p = (char *)(lines + n + 1);
  char *end = p + text_len;
  FeedWalk walk = { p, feeds_in_block (p) };

  for (guint i = 0; i < n; i++)
    {
      char *eol = i + 1 < n ? next_feed (&walk) : end;

      lines[i] = cut_line (p, eol);
      p = eol + 1;
    }
  lines[n] = NULL;
  return lines;
}

/**
 * bd_scan_split_lines:
 * @stop_markers: (nullable) (array zero-terminated=1): texts that start the
 *   quoted original message; the lines end before the first of them
 *
 * Returns: (transfer full): the body's lines, trailing blanks removed, in
 *   one block: free it with g_free(), never g_strfreev().
 */
char **
bd_scan_split_lines (const BdScanInput *input,
                     const char *const *stop_markers)
{
  guint32 feeds[FEEDS_ON_STACK];
  const char *stop;
  gsize text_len, n_feeds;
  guint n;
  char **lines;
  char *copy, *p;

  g_return_val_if_fail (input != NULL, NULL);

  /* The list and a copy of the text share one allocation, and each line
   * is cut in place with a NUL after its last non-blank: a scanner splits
   * the body into hundreds of lines and one allocation per line was a
   * tenth of its cost. As g_strsplit (text, "\n", MAX_LINES) did, an empty
   * text has no line, a text ending in a line break ends with an empty
   * line, and the last line allowed holds the rest of the text. */
  stop = find_stop (input, stop_markers);
  text_len = stop != NULL ? (gsize)(stop - input->body) : strlen (input->body);
  /* offsets of 32 bits: a longer text goes the slow way */
  n_feeds = text_len <= G_MAXUINT32 ? find_feeds (input->body, input->body + text_len, feeds, FEEDS_ON_STACK)
                                    : G_MAXSIZE;
  if (n_feeds == G_MAXSIZE)
    return split_counted (input->body, text_len);
  n = text_len == 0 ? 0 : (guint)n_feeds + 1;   /* under MAX_LINES: no cap to apply */
  lines = lines_block (input->body, text_len, n);
  copy = (char *)(lines + n + 1);
  p = copy;
  for (guint i = 0; i + 1 < n; i++)
    {
      char *eol = copy + feeds[i];

      lines[i] = cut_line (p, eol);
      p = eol + 1;
    }
  if (n > 0)
    lines[n - 1] = cut_line (p, copy + text_len);
  lines[n] = NULL;
  return lines;
}

/* Returns: the index of the first line at or after @from containing
 * @needle (case-insensitively), or -1. The needle is measured once, not
 * once a line: a scanner's layout is looked for line by line, some
 * thousands of lines a corpus. */
int
bd_scan_find_line (char       **lines,
                   int          from,
                   const char  *needle)
{
  gsize needle_len;
  int i;

  g_return_val_if_fail (lines != NULL, -1);
  g_return_val_if_fail (needle != NULL, -1);

  needle_len = strlen (needle);
  for (i = 0; i < from; i++)
    if (lines[i] == NULL)
      return -1;
  /* A blank line (a body has many) holds no needle but the empty one,
   * and is let go without its measure and the call. */
  for (; lines[i] != NULL; i++)
    if ((lines[i][0] != '\0' || needle_len == 0)
        && bd_text_find_ci_len (lines[i], strlen (lines[i]), needle, needle_len) != NULL)
      return i;
  return -1;
}

/**
 * bd_scan_collapse:
 *
 * Returns: (transfer full): @text on one line: runs of white space (line
 *   breaks included) become one space, and the ends are trimmed.
 */
char *
bd_scan_collapse (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return bd_scan_collapse_max (text, G_MAXSIZE);
}

#ifdef __SSE2__
/* Stores the bytes of @block (16 from @p, @white its white space as bits)
 * that @keep marks at @out's *@n, white space as ' ', and counts them.
 * Most blocks are kept whole, one store; the others go out a run of kept
 * bytes at a time, each a 16-byte store from a copy on the stack (the
 * store writes past the run, into the slack at @out's end). */
static inline void
store_kept (__m128i    block,
            __m128i    white,
            unsigned   keep,
            char      *out,
            gsize     *n)
{
  union { __m128i v[2]; char c[32]; } spaced;

  spaced.v[0] = _mm_or_si128 (_mm_andnot_si128 (white, block), _mm_and_si128 (white, _mm_set1_epi8 (' ')));
  if (keep == 0xffff)
    {
      _mm_storeu_si128 ((__m128i *)(gpointer)(out + *n), spaced.v[0]);
      *n += 16;
      return;
    }
  spaced.v[1] = _mm_setzero_si128 ();
  while (keep != 0)
    {
      unsigned i = (unsigned)__builtin_ctz (keep);
      unsigned len = (unsigned)__builtin_ctz (~(keep >> i));

      _mm_storeu_si128 ((__m128i *)(gpointer)(out + *n), _mm_loadu_si128 ((const __m128i *)(gconstpointer)(spaced.c + i)));
      *n += len;
      keep &= ~(((1u << len) - 1) << i);
    }
}
#endif

#ifdef __SSE2__
/* One block of collapse_blocks (): its 16 bytes at @at, the first @skip
 * of them already read. Returns whether its last byte is white space. */
static inline unsigned
collapse_block (const char *at,
                unsigned    skip,
                unsigned    carry,
                char       *out,
                gsize      *n)
{
  __m128i block = _mm_loadu_si128 ((const __m128i *)(gconstpointer)at);
  __m128i white = bd_text_white_in_block (block, TRUE);
  unsigned bits = (unsigned)_mm_movemask_epi8 (white);
  unsigned keep = ~(bits & ((bits << 1) | (carry << skip))) & (0xffffu << skip) & 0xffff;

  store_kept (block, white, keep, out, n);
  return bits >> 15;
}
#endif

/* The collapse of bd_scan_collapse_max () 16 bytes a step, from @text's
 * start while @max is far: a white-space byte after another (or before
 * any byte kept) is dropped, the first of a run kept as ' '. The last
 * block is the text's last 16 bytes, those already read left out, so
 * nothing is read past @end. A space that a run left last is taken back
 * and made pending (*@space), as the byte loop after it keeps it.
 * @out has 16 bytes of slack for the stores. Returns where it stopped:
 * @text when the text is shorter than a block. */
static const char *
collapse_blocks (const char *text,
                 const char *end,
                 char       *out,
                 gsize      *n_out,
                 gsize       max,
                 gboolean   *space)
{
  const char *p = text;
#ifdef __SSE2__
  /* whether the byte before is white space, or nothing was kept yet */
  unsigned carry = 1;
  gsize n = 0;

  if (end - text < 16 || max < 32)
    return text;
  for (; end - p >= 16 && n <= max - 32; p += 16)
    carry = collapse_block (p, 0, carry, out, &n);
  if (p < end && n <= max - 32)
    {
      carry = collapse_block (end - 16, 16 - (unsigned)(end - p), carry, out, &n);
      p = end;
    }
  if (carry && n > 0)
    {
      n--;
      *space = TRUE;
    }
  *n_out = n;
#endif
  return p;
}

/**
 * bd_scan_collapse_max:
 * @max: the most bytes to keep
 *
 * Like bd_scan_collapse(), but cut at a character boundary after @max
 * bytes, with "…" to say so.
 *
 * Returns: (transfer full): @text on one line.
 */
char *
bd_scan_collapse_max (const char *text,
                      gsize       max)
{
  const char ellipsis[] = "…";
  gsize len, n = 0;
  char *out;
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);

  /* A plain buffer, not a GString: every diagnostic and header a scanner
   * keeps comes through here, byte by byte. The text never grows when
   * collapsed, and the loop stops one space and one byte past @max, so
   * this holds the cut text and its ellipsis too, and collapse_blocks ()
   * stores of 16 bytes. */
  len = strlen (text);
  out = g_malloc ((max < len ? max + 1 : len) + sizeof ellipsis + 16);
  for (const char *p = collapse_blocks (text, text + len, out, &n, max, &space), *end = text + len; p < end; )
    {
      const char *stop;

      /* Whole blocks while they are words and single spaces, far from
       * @max, then the next 16 bytes byte by byte. The output never gets
       * ahead of the input (a space kept stands for white space read
       * before), so the blocks fit. */
      if (end - p >= 16 && n + 17 <= max)
        {
          gsize copied = bd_text_copy_collapsed (p, MIN ((gsize)(end - p), max - n - 1),
                                                 out + n + (space ? 1 : 0), n > 0 && !space, TRUE);

          if (copied > 0)
            {
              if (space)
                out[n++] = ' ';
              space = FALSE;
              n += copied;
              p += copied;
            }
        }
      for (stop = MIN (p + 16, end); p < stop; p++)
        {
          if (n >= max)
            {
              /* cut at a character boundary, and say so */
              const char *cut = g_utf8_find_prev_char (out, out + n);

              n = cut != NULL ? (gsize)(cut - out) : 0;
              memcpy (out + n, ellipsis, sizeof ellipsis - 1);
              n += sizeof ellipsis - 1;
              out[n] = '\0';
              return out;
            }
          if (g_ascii_isspace (*p))
            {
              space = n > 0;
              continue;
            }
          if (space)
            out[n++] = ' ';
          space = FALSE;
          out[n++] = *p;
        }
    }
  out[n] = '\0';
  return out;
}

/**
 * bd_scan_text_init:
 * @init: (nullable): the text to start with
 *
 * Starts @text holding @init: on its own stack buffer when unset, else
 * again in the room it has (a scanner joins one reply after another).
 */
void
bd_scan_text_init (BdScanText *text,
                   const char *init)
{
  g_return_if_fail (text != NULL);

  if (text->str == NULL)
    {
      text->str = text->stack;
      text->room = sizeof text->stack;
    }
  text->len = 0;
  text->str[0] = '\0';
  if (init != NULL)
    bd_scan_text_append (text, init);
}

/* Gives @text room for @need bytes and its NUL, on the heap past its
 * stack buffer, at least doubled as a GString grows. */
static void
text_grow (BdScanText *text,
           gsize       need)
{
  gsize room = MAX (text->room * 2, need + 1);

  if (text->str == text->stack)
    {
      char *heap = g_malloc (room);

      memcpy (heap, text->stack, text->len + 1);
      text->str = heap;
    }
  else
    text->str = g_realloc (text->str, room);
  text->room = room;
}

/* g_string_append_len () for a BdScanText. */
void
bd_scan_text_append_len (BdScanText *text,
                         const char *s,
                         gsize       n)
{
  g_return_if_fail (text != NULL && text->str != NULL);

  if (text->len + n >= text->room)
    text_grow (text, text->len + n);
  memcpy (text->str + text->len, s, n);
  text->len += n;
  text->str[text->len] = '\0';
}

/* Frees what @text took from the heap; leaves it unset. */
void
bd_scan_text_clear (BdScanText *text)
{
  if (text->str != NULL && text->str != text->stack)
    g_free (text->str);
  text->str = NULL;
  text->len = text->room = 0;
}

/**
 * bd_scan_join_lines:
 * @to: one past the last line, or -1 for all
 *
 * Returns: (transfer full): lines [@from, @to) unfolded into one.
 */
char *
bd_scan_join_lines (char **lines,
                    int    from,
                    int    to)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (lines != NULL, NULL);

  for (int i = 0; lines[i] != NULL && (to < 0 || i < to); i++)
    {
      if (i < from)
        continue;
      g_string_append (out, lines[i]);
      g_string_append_c (out, ' ');
    }
  return bd_scan_collapse (out->str);
}
