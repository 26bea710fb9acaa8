/* bd-provider.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The provider registry (bd-provider.h). Mail domains come from the
 * providers' own sign-up pages and help pages (Onet's spoko.pl,
 * autograf.pl and buziaczek.pl, o2's go2.pl and prokonto.pl, Interia's
 * intmail.pl, Seznam's spoluzaci.cz…); host suffixes from the servers
 * that answer for them in published bounces (Microsoft 365's
 * *.protection.outlook.com and *.prod.exchangelabs.com, Google's
 * *.google.com, Yahoo's *.yahoodns.net, GoDaddy's *.secureserver.net) and
 * Sisimai's Rhost table.
 */
#define _GNU_SOURCE   /* memrchr */
#define G_LOG_DOMAIN "bd-provider"

#include "config.h"

#include <string.h>

#include "bd-provider.h"
#include "bd-text.h"

#define LIST(...) ((const char *const[]) { __VA_ARGS__, NULL })
#define NONE ((const char *const[]) { NULL })

static const BdProvider providers[] = {
  { BD_PROVIDER_NONE, "", NONE, NONE, NONE },
  { BD_PROVIDER_MICROSOFT, "Microsoft 365",
    LIST ("outlook.com", "hotmail.com", "live.com", "msn.com"),
    LIST ("outlook.com", "hotmail.com", "office365.com", "exchangelabs.com"),
    LIST ("office365", "outlook") },
  { BD_PROVIDER_GOOGLE, "Gmail", LIST ("gmail.com", "googlemail.com"), LIST ("google.com"), LIST ("gmail") },
  { BD_PROVIDER_YAHOO, "Yahoo", LIST ("yahoo.com", "ymail.com", "yahoo.co.uk"), LIST ("yahoodns.net", "yahoo.com"),
    LIST ("yahoo") },
  { BD_PROVIDER_ONET, "Onet Poczta",
    LIST ("onet.pl", "op.pl", "onet.eu", "vp.pl", "spoko.pl", "autograf.pl", "buziaczek.pl"), NONE, LIST ("onet") },
  { BD_PROVIDER_WP, "Poczta WP", LIST ("wp.pl"), NONE, LIST ("wp") },
  { BD_PROVIDER_O2, "Poczta o2", LIST ("o2.pl", "tlen.pl", "go2.pl", "prokonto.pl"), NONE, LIST ("o2") },
  { BD_PROVIDER_INTERIA, "Poczta Interia",
    LIST ("interia.pl", "interia.eu", "interia.com", "poczta.fm", "intmail.pl"), NONE, LIST ("interia") },
  { BD_PROVIDER_HOMEPL, "home.pl", LIST ("home.pl"), NONE, LIST ("homepl") },
  { BD_PROVIDER_NAZWAPL, "nazwa.pl", LIST ("nazwa.pl"), NONE, LIST ("nazwapl") },
  { BD_PROVIDER_OVH, "OVH", LIST ("ovh.net", "ovh.pl", "ovh.com", "ovh.cz"), NONE, LIST ("ovh") },
  { BD_PROVIDER_FORPSI, "Forpsi", LIST ("forpsi.com", "forpsi.net", "forpsi.pl", "forpsi.cz"), NONE,
    LIST ("forpsi") },
  { BD_PROVIDER_SEZNAM, "Seznam.cz", LIST ("seznam.cz", "email.cz", "post.cz", "spoluzaci.cz"), NONE,
    LIST ("seznam") },
  { BD_PROVIDER_TONLINE, "T-Online", LIST ("t-online.de"), NONE, LIST ("tonline") },
  { BD_PROVIDER_GMX, "GMX", LIST ("gmx.net", "gmx.de", "gmx.at", "gmx.ch", "gmx.com"), NONE, LIST ("gmx") },
  { BD_PROVIDER_WEBDE, "WEB.DE", LIST ("web.de"), NONE, LIST ("webde") },
  { BD_PROVIDER_MIMECAST, "Mimecast", NONE, LIST ("mimecast.com"), LIST ("mimecast") },
  { BD_PROVIDER_FACEBOOK, "Facebook", NONE, LIST ("facebook.com"), NONE },
  { BD_PROVIDER_GODADDY, "GoDaddy", NONE, LIST ("secureserver.net"), NONE },
  { BD_PROVIDER_MESSAGELABS, "MessageLabs", NONE, LIST ("messagelabs.com"), NONE },
  { BD_PROVIDER_COX, "Cox", LIST ("cox.net"), LIST ("cox.net", "cox.com"), NONE },
  { BD_PROVIDER_QQ, "QQ Mail", LIST ("qq.com"), LIST ("qq.com"), NONE },
  { BD_PROVIDER_ZOHO, "Zoho Mail", LIST ("zoho.com"), LIST ("zoho.com"), LIST ("zoho") },
  { BD_PROVIDER_ICLOUD, "iCloud", LIST ("icloud.com"), LIST ("icloud.com"), NONE },
  { BD_PROVIDER_AMAZON, "Amazon", NONE, LIST ("amazonaws.com"), NONE },
  { BD_PROVIDER_CLOUDFLARE, "Cloudflare", NONE, LIST ("cloudflare.net"), NONE },
  { BD_PROVIDER_KDDI, "au (KDDI)", LIST ("ezweb.ne.jp", "au.com"), LIST ("ezweb.ne.jp", "au.com"), LIST ("kddi") },
  { BD_PROVIDER_DOCOMO, "NTT docomo", LIST ("docomo.ne.jp"), LIST ("docomo.ne.jp"), NONE },
  { BD_PROVIDER_SPECTRUM, "Spectrum", LIST ("charter.net"), LIST ("charter.net"), NONE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (providers) == BD_N_PROVIDERS);

const BdProvider *
bd_provider_get (BdProviderId id)
{
  g_return_val_if_fail (id < BD_N_PROVIDERS, NULL);

  return &providers[id];
}

/* Whether [@host, @host + @len) is @suffix or a name below it: a suffix
 * matches only at a label boundary, so mx.notoutlook.com is not
 * outlook.com's. A leading '.' of @suffix changes nothing. */
static gboolean
has_suffix_len (const char *host,
                gsize       len,
                const char *suffix)
{
  gsize n;

  if (*suffix == '.')
    suffix++;
  n = strlen (suffix);
  if (n == 0 || len < n)
    return FALSE;
  /* From the end: two names mostly differ in their last labels. */
  for (gsize i = 1; i <= n; i++)
    if (bd_text_ascii_lower (host[len - i]) != bd_text_ascii_lower (suffix[n - i]))
      return FALSE;
  return len == n || host[len - n - 1] == '.';
}

/* The length of @host without its trailing '.' and '>'. */
static gsize
host_length (const char *host)
{
  gsize len = strlen (host);

  while (len > 0 && (host[len - 1] == '.' || host[len - 1] == '>'))
    len--;
  return len;
}

/**
 * bd_host_has_suffix:
 *
 * Returns: whether @host is @suffix or a host below it ("mx.gmx.net"
 *   under "gmx.net"), compared case-insensitively, a trailing '.' or '>'
 *   of @host ignored.
 */
gboolean
bd_host_has_suffix (const char *host,
                    const char *suffix)
{
  if (host == NULL || suffix == NULL)
    return FALSE;
  return has_suffix_len (host, host_length (host), suffix);
}

G_STATIC_ASSERT (BD_N_PROVIDERS <= 32);

#define NAME_KEY_BITS 12
/* The host suffixes' last labels, at most: four today, with room for a
 * registry that adds more country domains without tripping the start-up
 * assertion; more only costs compares for a part whose first letter
 * starts one of them. */
#define N_NAMED_TLDS 12

#define NAME_SLOTS 256     /* a power of two, twice the names of a table at least */

/* A name of the registry, lower case, and the providers (one bit per
 * BdProviderId) that list it. */
typedef struct
{
  const char *name;
  guint16     len;
  guint16     key;    /* name_key () */
  guint32     mask;
} NameEntry;

/* Names by their name_key (), in open addressing: a slot holds an
 * entry's index + 1, or 0. Where a GHashTable was: its string hash of
 * the whole name, some 200 instructions a lookup, and its 200 inserts,
 * 75 k instructions at every start, were most of a host's lookup. */
typedef struct
{
  NameEntry entries[NAME_SLOTS / 2];
  guint     n_entries;
  guint8    slots[NAME_SLOTS];
} NameTable;

G_STATIC_ASSERT (NAME_SLOTS / 2 <= G_MAXUINT8);

/* The registry's names to the providers that list them. Built once: a
 * host is then looked up by its few label-boundary suffixes instead of
 * being compared with each of some eighty names, once per provider. */
typedef struct
{
  NameTable   hosts;   /* host suffixes and mail domains: bd_provider_has_host() */
  NameTable   named;   /* host suffixes only: bd_provider_named_in() */
  gsize       longest_named;
  /* The last labels ("com", "net", "jp") of the host suffixes: a part of
   * a reply names one only where it ends in one of them. */
  const char *named_tlds[N_NAMED_TLDS];
  guint       n_named_tlds;
  guint8      named_tld_first[256];   /* whether a byte starts one */
  /* A bit for each name_key() of the names in either table: a name whose
   * bit is clear is in neither, which spares most lookups (a probe of
   * the slots and a comparison). */
  guint64     keys[(1u << NAME_KEY_BITS) / 64];
} SuffixTables;

/* Of a name's length and first and last two bytes: enough to tell most
 * parts of a host or a reply from the registry's hundred-odd names. */
static inline guint
name_key_of (guchar first,
             guchar before_last,
             guchar last,
             gsize  n)
{
  guint32 bytes = first | before_last << 8 | last << 16 | (guint32)n << 24;

  return (bytes * 2654435761u) >> (32 - NAME_KEY_BITS);
}

static inline guint
name_key (const char *name,
          gsize       n)
{
  return name_key_of ((guchar)name[0], (guchar)name[n - 2], (guchar)name[n - 1], n);
}

/* Whether either table may hold a name of key @key (name_key ()): every
 * name of the registry has a '.' between two other bytes, so a name of
 * fewer than three is in neither. */
static inline gboolean
key_listed (const SuffixTables *tables,
            guint               key)
{
  return (tables->keys[key / 64] >> (key % 64) & 1) != 0;
}

/* bd_text_ascii_lower () of each byte of @word: 'A' to 'Z' gain 0x20,
 * every other byte (those above 0x7f too) stays. */
static inline guint64
lower_bytes (guint64 word)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  guint64 low7 = word & 0x7f * ones;
  /* the top bit of each byte: at least 'A', above 'Z', not above 0x7f
   * (no sum carries into the next byte) */
  guint64 from_a = low7 + (0x80 - 'A') * ones;
  guint64 past_z = low7 + (0x80 - 'Z' - 1) * ones;
  guint64 upper = from_a & ~past_z & ~word & 0x80 * ones;

  return word | upper >> 2;
}

/* Whether the 8 bytes at @name, in lower case when @lower, are those at
 * @listed. */
static inline gboolean
same_8 (const char *name,
        const char *listed,
        gboolean    lower)
{
  guint64 a, b;

  memcpy (&a, name, sizeof a);
  memcpy (&b, listed, sizeof b);
  return (lower ? lower_bytes (a) : a) == b;
}

/* Whether the entry is the name [@name, @name + @n), read in lower case
 * when @lower: eight bytes at a time from both ends where the name has
 * eight to sixteen (most names of the registry), else byte by byte. */
static inline gboolean
entry_is (const NameEntry *entry,
          const char      *name,
          gsize            n,
          guint            key,
          gboolean         lower)
{
  if (entry->key != key || entry->len != n)
    return FALSE;
  if (n >= 8 && n <= 16)
    return same_8 (name, entry->name, lower) && same_8 (name + n - 8, entry->name + n - 8, lower);
  for (gsize i = 0; i < n; i++)
    if ((lower ? bd_text_ascii_lower (name[i]) : name[i]) != entry->name[i])
      return FALSE;
  return TRUE;
}

/* The providers that list the name [@name, @name + @n) of key @key (in
 * lower case when @lower), or 0. */
static guint32
name_lookup (const NameTable *table,
             const char      *name,
             gsize            n,
             guint            key,
             gboolean         lower)
{
  for (guint slot = key % NAME_SLOTS; table->slots[slot] != 0; slot = (slot + 1) % NAME_SLOTS)
    {
      const NameEntry *entry = &table->entries[table->slots[slot] - 1];

      if (entry_is (entry, name, n, key, lower))
        return entry->mask;
    }
  return 0;
}

/* Adds @id to the providers of @name (lower case), a new entry or not. */
static void
name_add (NameTable    *table,
          const char   *name,
          BdProviderId  id)
{
  gsize n = strlen (name);
  guint key = name_key (name, n);
  guint slot = key % NAME_SLOTS;

  for (; table->slots[slot] != 0; slot = (slot + 1) % NAME_SLOTS)
    {
      NameEntry *entry = &table->entries[table->slots[slot] - 1];

      if (entry_is (entry, name, n, key, FALSE))
        {
          entry->mask |= 1u << id;
          return;
        }
    }
  g_assert (table->n_entries < G_N_ELEMENTS (table->entries) && n <= G_MAXUINT16);
  table->entries[table->n_entries] = (NameEntry) { name, n, key, 1u << id };
  table->slots[slot] = ++table->n_entries;
}

/* A host name in a reply is a run of these; where it ends, anything
 * else. */
static inline gboolean
is_name_char (char c)
{
  /* one read where three tests were: every byte of a reply's words asks */
  static const guint8 name_chars[256] = {
    ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['-'] = 1, ['.'] = 1,
  };

  return name_chars[(guchar)c];
}

/* What the lookups below take for granted of every name in the
 * registry: name characters only, a letter or digit first, a letter last
 * (a top-level domain's) and at least one '.' (they skip every other
 * part of a host or a reply). */
static gboolean
is_plain_name (const char *name)
{
  gsize n = strlen (name);

  for (gsize i = 0; i < n; i++)
    if (!is_name_char (name[i]))
      return FALSE;
  return n > 0 && g_ascii_isalnum (name[0]) && g_ascii_isalpha (name[n - 1]) && strchr (name, '.') != NULL;
}

static void
add_suffixes (SuffixTables      *tables,
              NameTable         *table,
              const char *const *list,
              BdProviderId       id)
{
  for (guint i = 0; list[i] != NULL; i++)
    {
      const char *suffix = list[i];
      guint key = name_key (suffix, strlen (suffix));

      g_assert (is_plain_name (suffix));
      name_add (table, suffix, id);
      tables->keys[key / 64] |= G_GUINT64_CONSTANT (1) << (key % 64);
    }
}

/* Notes @tld, the last label of a host suffix (is_plain_name () holds:
 * letters, no '.'), once. */
static void
add_named_tld (SuffixTables *tables,
               const char   *tld)
{
  for (guint i = 0; i < tables->n_named_tlds; i++)
    if (strcmp (tables->named_tlds[i], tld) == 0)
      return;
  g_assert (tables->n_named_tlds < N_NAMED_TLDS && tld[0] != '\0');
  tables->named_tlds[tables->n_named_tlds++] = tld;
  tables->named_tld_first[(guchar)tld[0]] = 1;
}

static const SuffixTables *
suffix_tables (void)
{
  static SuffixTables tables;
  static gsize built;

  if (g_once_init_enter (&built))
    {
      for (guint id = 0; id < BD_N_PROVIDERS; id++)
        {
          add_suffixes (&tables, &tables.hosts, providers[id].host_suffixes, id);
          add_suffixes (&tables, &tables.hosts, providers[id].mail_domains, id);
          add_suffixes (&tables, &tables.named, providers[id].host_suffixes, id);
          for (guint i = 0; providers[id].host_suffixes[i] != NULL; i++)
            {
              tables.longest_named = MAX (tables.longest_named, strlen (providers[id].host_suffixes[i]));
              add_named_tld (&tables, strrchr (providers[id].host_suffixes[i], '.') + 1);
            }
        }
      g_once_init_leave (&built, 1);
    }
  return &tables;
}

/* The providers whose suffix [@host, @host + @len) is or is below, in any
 * case: the whole name, then what follows each '.', as long as a '.'
 * remains in it (every suffix of the registry has one). Only a part that
 * may be listed is looked up, read in lower case as it is compared:
 * lowering the whole name first cost more than the rest. */
static guint32
host_providers (const char *host,
                gsize       len)
{
  const SuffixTables *tables = suffix_tables ();
  const char *end = host + len;
  const char *last_dot = memrchr (host, '.', len);
  guint32 mask = 0;

  if (last_dot == NULL)
    return 0;
  for (const char *p = host;; p++)
    {
      gsize n = end - p;

      if (n >= 3)
        {
          guint key = name_key_of (bd_text_ascii_lower (p[0]), bd_text_ascii_lower (p[n - 2]),
                                   bd_text_ascii_lower (p[n - 1]), n);

          if (key_listed (tables, key))
            mask |= name_lookup (&tables->hosts, p, n, key, TRUE);
        }
      p = memchr (p, '.', end - p);
      if (p == last_dot)
        return mask;
    }
}

/**
 * bd_provider_mask_for_host:
 * @host: (nullable): a host name
 *
 * Returns: the providers (bit 1 << BdProviderId) for which
 *   bd_provider_has_host() holds, all asked at once.
 */
guint32
bd_provider_mask_for_host (const char *host)
{
  if (host == NULL)
    return 0;
  return host_providers (host, host_length (host));
}

static gboolean
in_list (const char *const *list,
         const char        *host,
         gsize              len)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (has_suffix_len (host, len, list[i]))
      return TRUE;
  return FALSE;
}

/* A server's name is under its host suffixes or its mail domains (an MX
 * is often named under the domain it serves). One provider's few names
 * are compared directly: cheaper than the table, which pays off when all
 * providers are asked. */
gboolean
bd_provider_has_host (const BdProvider *provider,
                      const char       *host)
{
  gsize len;

  g_return_val_if_fail (provider != NULL, FALSE);

  if (host == NULL)
    return FALSE;
  len = host_length (host);
  return in_list (provider->host_suffixes, host, len) || in_list (provider->mail_domains, host, len);
}

/**
 * bd_provider_mask_for_address:
 * @address: (nullable): an e-mail address
 *
 * Returns: the providers (bit 1 << BdProviderId) for which
 *   bd_provider_has_address() holds, all asked at once: an address
 *   counts by its domain.
 */
guint32
bd_provider_mask_for_address (const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  return at != NULL ? bd_provider_mask_for_host (at + 1) : 0;
}

gboolean
bd_provider_has_address (const BdProvider *provider,
                         const char       *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  g_return_val_if_fail (provider != NULL, FALSE);

  return at != NULL && bd_provider_has_host (provider, at + 1);
}

/* The providers one of whose host suffixes is the part of @word that
 * ends at @stop and starts at the word's start or after a '.', with a
 * '.' in it. Those parts start after each '.' but the last before @stop,
 * and at the word's start: found from dot to dot, right to left, not
 * byte by byte, as long as a part fits the longest suffix. */
static guint32
named_ending_at (const SuffixTables *tables,
                 const char         *word,
                 const char         *stop)
{
  const char *dot = memrchr (word, '.', stop - word);
  guint32 mask = 0;

  while (dot != NULL)
    {
      const char *previous = memrchr (word, '.', dot - word);
      const char *start = previous != NULL ? previous + 1 : word;
      gsize n = stop - start;
      guint key;

      if (n > tables->longest_named)
        break;
      if (g_ascii_isalnum (*start) && n >= 3 && key_listed (tables, key = name_key (start, n)))
        mask |= name_lookup (&tables->named, start, n, key, FALSE);
      dot = previous;
    }
  return mask;
}

/* A host name's label is a run of these: name characters but '.'. */
static inline gboolean
is_label_char (char c)
{
  return c != '.' && is_name_char (c);
}

/* The end of the label after @dot when it is one of the host suffixes'
 * last labels (a "com" ends there, not a "comx"), else NULL. */
static const char *
named_tld_end (const SuffixTables *tables,
               const char         *dot)
{
  const char *label = dot + 1;

  /* one read for most dots: a digit or another domain's label follows */
  if (!tables->named_tld_first[(guchar)label[0]])
    return NULL;
  for (guint i = 0; i < tables->n_named_tlds; i++)
    {
      const char *tld = tables->named_tlds[i];
      gsize n = 0;

      /* compared in place, byte by byte: the label may be the last
       * bytes of @lowered, and its NUL differs from any byte of @tld */
      while (tld[n] != '\0' && label[n] == tld[n])
        n++;
      if (tld[n] == '\0' && !is_label_char (label[n]))
        return label + n;
    }
  return NULL;
}

/**
 * bd_provider_mask_named_in:
 * @lowered: (nullable): a server's reply, lower case
 *
 * Returns: the providers (bit 1 << BdProviderId) for which
 *   bd_provider_named_in() holds, found in one pass over @lowered. A host
 *   suffix ends in a last label ("com"), so a part of a word (a run of
 *   name characters) can only be one where such a label ends it: only
 *   the words' dots are read, and only the parts ending after a "com",
 *   "net" or "jp" are looked up (most dots are a status code's, an IP
 *   address's or another domain's).
 */
guint32
bd_provider_mask_named_in (const char *lowered)
{
  const SuffixTables *tables;
  guint32 mask = 0;

  if (lowered == NULL)
    return 0;
  tables = suffix_tables ();
  for (const char *dot = strchr (lowered, '.'); dot != NULL; dot = strchr (dot + 1, '.'))
    {
      const char *stop = named_tld_end (tables, dot), *word = dot;

      if (stop == NULL)
        continue;
      while (word > lowered && is_name_char (word[-1]))
        word--;
      mask |= named_ending_at (tables, word, stop);
    }
  return mask;
}

/* Whether @lowered (a server's reply, lower case) names one of
 * @provider's hosts as a whole name: "…prod.outlook.com" does,
 * "notoutlook.com" does not. */
gboolean
bd_provider_named_in (const BdProvider *provider,
                      const char       *lowered)
{
  g_return_val_if_fail (provider != NULL, FALSE);

  return (bd_provider_mask_named_in (lowered) & 1u << provider->id) != 0;
}

static const BdProvider *
find (gboolean    (*matches) (const BdProvider *, const char *),
      const char   *text)
{
  if (text == NULL)
    return NULL;
  for (guint i = BD_PROVIDER_NONE + 1; i < BD_N_PROVIDERS; i++)
    if (matches (&providers[i], text))
      return &providers[i];
  return NULL;
}

/* The registry's first provider in @mask, as a walk in its order finds
 * it. */
static const BdProvider *
first_provider (guint32 mask)
{
  gint id = g_bit_nth_lsf (mask & ~(1u << BD_PROVIDER_NONE), -1);

  return id >= 0 ? &providers[id] : NULL;
}

const BdProvider *
bd_provider_for_host (const char *host)
{
  return first_provider (bd_provider_mask_for_host (host));
}

const BdProvider *
bd_provider_for_address (const char *address)
{
  return first_provider (bd_provider_mask_for_address (address));
}

static gboolean
has_mta (const BdProvider *provider,
         const char       *mta)
{
  for (guint i = 0; provider->mta_names[i] != NULL; i++)
    if (g_ascii_strcasecmp (mta, provider->mta_names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The provider whose scanner read the notice (BdBounce.mta). */
const BdProvider *
bd_provider_for_mta (const char *mta)
{
  return find (has_mta, mta);
}

/* A host, or an address by its domain. */
static const BdProvider *
for_host_or_address (const char *text)
{
  return text != NULL && strchr (text, '@') != NULL ? bd_provider_for_address (text) : bd_provider_for_host (text);
}

/**
 * bd_provider_receiving:
 *
 * Returns: (nullable): the provider whose server refused @recipient: by
 *   the remote server's name, the recipient's address, or the scanner
 *   that read the notice.
 */
const BdProvider *
bd_provider_receiving (const BdBounce    *bounce,
                       const BdRecipient *recipient)
{
  const BdProvider *provider;

  g_return_val_if_fail (bounce != NULL && recipient != NULL, NULL);

  if ((provider = for_host_or_address (recipient->remote_mta)) != NULL)
    return provider;
  if ((provider = bd_provider_for_address (recipient->address)) != NULL)
    return provider;
  return bd_provider_for_mta (bounce->mta);
}

/**
 * bd_provider_sending:
 *
 * Returns: (nullable): the provider the user sends through: by the
 *   original's sender, the reporting server, the host the original left
 *   from or the bounce's own sender.
 */
const BdProvider *
bd_provider_sending (const BdBounce *bounce)
{
  const BdProvider *provider;

  g_return_val_if_fail (bounce != NULL, NULL);

  if ((provider = for_host_or_address (bounce->original->from)) != NULL)
    return provider;
  if ((provider = for_host_or_address (bounce->reporting_mta)) != NULL)
    return provider;
  if ((provider = for_host_or_address (bounce->original->sender_host)) != NULL)
    return provider;
  return for_host_or_address (bounce->from);
}
