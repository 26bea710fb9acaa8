/* bd-spf.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check_host() of RFC 7208 §4, §5 and §6. Look-ups are counted through
 * include and redirect (§4.6.4); the tree of records is kept for display.
 */
#define G_LOG_DOMAIN "bd-spf"

#include "config.h"

#include <string.h>

#include "bd-spf-private.h"
#include "bd-spf-record.h"

#define MAX_LOOKUPS 10
#define MAX_VOID_LOOKUPS BD_SPF_MAX_VOID_LOOKUPS
#define MAX_WALK_LOOKUPS 60   /* without an IP we keep counting, up to here */

typedef struct
{
  const BdDnsLookup *lookup;
  GCancellable      *cancellable;
  GInetAddress      *ip;
  char              *sender;
  char              *local;
  char              *sender_domain;
  char              *helo;
  BdSpfReport       *report;
  GPtrArray         *stack;     /* domains being evaluated, for loops */
  gboolean           walking;   /* no IP: count, don't match */
  const char        *current;   /* <domain> of the record being expanded */
  guint              top_depth; /* stack depth whose matches are reported;
                                 * a top-level redirect= replaces the record */
} Ctx;

typedef enum { MATCH_NO, MATCH_YES, MATCH_ERROR } Match;

static BdSpfResult check_host (Ctx *ctx, const char *domain, BdSpfNode *node);

const char *
bd_spf_result_to_string (BdSpfResult result)
{
  static const char *names[] = { "none", "neutral", "pass", "fail", "softfail", "temperror", "permerror" };

  g_return_val_if_fail (result <= BD_SPF_PERMERROR, "none");
  return names[result];
}

void
bd_spf_node_free (BdSpfNode *node)
{
  if (node == NULL)
    return;
  g_free (node->via);
  g_free (node->domain);
  g_free (node->record);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static BdSpfNode *
node_new (const char *via,
          const char *domain)
{
  BdSpfNode *node = g_new0 (BdSpfNode, 1);

  node->via = g_strdup (via);
  node->domain = g_strdup (domain);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify)bd_spf_node_free);
  return node;
}

void
bd_spf_report_free (BdSpfReport *report)
{
  if (report == NULL)
    return;
  g_free (report->matched);
  g_free (report->explanation);
  g_free (report->problem_detail);
  bd_spf_node_free (report->tree);
  g_free (report);
}

gboolean
bd_spf_is_record (const char *txt)
{
  g_return_val_if_fail (txt != NULL, FALSE);
  return g_ascii_strncasecmp (txt, "v=spf1", 6) == 0 && (txt[6] == '\0' || txt[6] == ' ');
}

static BdSpfResult
fail_with (Ctx          *ctx,
           BdSpfResult   result,
           BdSpfProblem  problem,
           const char   *detail)
{
  if (ctx->report->problem == BD_SPF_PROBLEM_NONE)
    {
      ctx->report->problem = problem;
      ctx->report->problem_detail = g_strdup (detail);
    }
  return result;
}

/* §4.3: labels of 1–63 characters, at least two of them. */
static gboolean
domain_is_valid (const char *domain)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (domain == NULL || *domain == '\0' || domain[0] == '[' || strlen (domain) > 255)
    return FALSE;
  labels = g_strsplit (domain, ".", -1);
  n = g_strv_length (labels);
  if (n > 1 && labels[n - 1][0] == '\0')
    n--;
  if (n < 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strlen (labels[i]) == 0 || strlen (labels[i]) > 63)
      return FALSE;
  return TRUE;
}

static gboolean
count_lookup (Ctx *ctx)
{
  ctx->report->lookups++;
  if (ctx->walking)
    return ctx->report->lookups <= MAX_WALK_LOOKUPS;
  return ctx->report->lookups <= MAX_LOOKUPS;
}

/* A DNS query for a mechanism; NULL with *temperror for a DNS error. */
static BdDnsAnswer *
query (Ctx        *ctx,
       const char *name,
       guint16     type,
       gboolean    counts_void,
       gboolean   *error)
{
  g_autoptr(GError) local_error = NULL;
  BdDnsAnswer *answer;

  *error = FALSE;
  answer = bd_dns_lookup (ctx->lookup, name, type, ctx->cancellable, &local_error);
  if (answer == NULL)
    {
      *error = TRUE;
      fail_with (ctx, BD_SPF_TEMPERROR, BD_SPF_PROBLEM_DNS, name);
      return NULL;
    }
  if (counts_void && bd_dns_answer_is_void (answer))
    ctx->report->void_lookups++;
  return answer;
}

static gboolean
in_network (GInetAddress *ip,
            const char   *text,
            int           prefix)
{
  g_autoptr(GInetAddress) net = g_inet_address_new_from_string (text);
  g_autoptr(GInetAddressMask) mask = NULL;
  guint length = g_inet_address_get_native_size (ip) * 8;

  if (net == NULL || g_inet_address_get_family (net) != g_inet_address_get_family (ip))
    return FALSE;
  mask = g_inet_address_mask_new (net, prefix < 0 ? length : (guint)prefix, NULL);
  /* g_inet_address_mask_new refuses host bits set; compare by hand */
  if (mask == NULL)
    {
      const guint8 *a = g_inet_address_to_bytes (ip);
      const guint8 *b = g_inet_address_to_bytes (net);
      guint bits = prefix < 0 ? length : (guint)prefix;

      for (guint i = 0; i < bits; i++)
        if (((a[i / 8] ^ b[i / 8]) >> (7 - i % 8)) & 1)
          return FALSE;
      return TRUE;
    }
  return g_inet_address_mask_matches (mask, ip);
}

static int
prefix_for (Ctx             *ctx,
            const BdSpfMech *mech)
{
  return g_inet_address_get_family (ctx->ip) == G_SOCKET_FAMILY_IPV4 ? mech->cidr4 : mech->cidr6;
}

static guint16
address_type (Ctx *ctx)
{
  return ctx->ip && g_inet_address_get_family (ctx->ip) == G_SOCKET_FAMILY_IPV6
         ? BD_DNS_TYPE_AAAA : BD_DNS_TYPE_A;
}

static char *
reverse_name (GInetAddress *ip)
{
  const guint8 *b = g_inet_address_to_bytes (ip);
  GString *out = g_string_new (NULL);

  if (g_inet_address_get_family (ip) == G_SOCKET_FAMILY_IPV4)
    {
      g_string_printf (out, "%u.%u.%u.%u.in-addr.arpa", b[3], b[2], b[1], b[0]);
      return g_string_free (out, FALSE);
    }
  for (int i = 15; i >= 0; i--)
    g_string_append_printf (out, "%x.%x.", b[i] & 0xf, b[i] >> 4);
  g_string_append (out, "ip6.arpa");
  return g_string_free (out, FALSE);
}

/* The PTR names of the IP whose address records contain the IP (§5.5),
 * at most 10 of them tried. */
static GPtrArray *
validated_names (Ctx      *ctx,
                 gboolean  counts_void,
                 gboolean *error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *reverse = reverse_name (ctx->ip);
  g_autoptr(BdDnsAnswer) ptrs = query (ctx, reverse, BD_DNS_TYPE_PTR, counts_void, error);

  if (ptrs == NULL)
    return g_steal_pointer (&names);
  for (guint i = 0; i < ptrs->records->len && i < 10; i++)
    {
      const BdDnsRecord *ptr = g_ptr_array_index (ptrs->records, i);
      g_autoptr(BdDnsAnswer) addrs = NULL;
      gboolean ignored;

      addrs = query (ctx, ptr->data, address_type (ctx), FALSE, &ignored);
      for (guint j = 0; addrs && j < addrs->records->len; j++)
        {
          const BdDnsRecord *addr = g_ptr_array_index (addrs->records, j);

          if (in_network (ctx->ip, addr->data, -1))
            {
              g_ptr_array_add (names, g_strdup (ptr->data));
              break;
            }
        }
    }
  /* errors looking up the names only drop those names (§5.5) */
  *error = FALSE;
  if (ctx->report->problem == BD_SPF_PROBLEM_DNS && ctx->report->result != BD_SPF_TEMPERROR)
    {
      ctx->report->problem = BD_SPF_PROBLEM_NONE;
      g_clear_pointer (&ctx->report->problem_detail, g_free);
    }
  return g_steal_pointer (&names);
}

static gboolean
name_within (const char *name,
             const char *domain)
{
  gsize n = strlen (name), d = strlen (domain);

  if (g_ascii_strcasecmp (name, domain) == 0)
    return TRUE;
  return n > d && name[n - d - 1] == '.' && g_ascii_strcasecmp (name + n - d, domain) == 0;
}

/* %{p} (§7.3): a validated PTR name, preferring the domain itself. */
static char *
validated_ptr (gpointer user_data)
{
  Ctx *ctx = user_data;
  g_autoptr(GPtrArray) names = NULL;
  gboolean error;
  const char *best = NULL;

  if (ctx->ip == NULL)
    return g_strdup ("unknown");
  names = validated_names (ctx, FALSE, &error);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (ctx->current && g_ascii_strcasecmp (name, ctx->current) == 0)
        return g_strdup (name);
      if (best == NULL && ctx->current && name_within (name, ctx->current))
        best = name;
    }
  if (best == NULL && names->len > 0)
    best = g_ptr_array_index (names, 0);
  return g_strdup (best ? best : "unknown");
}

static char *
expand (Ctx        *ctx,
        const char *spec,
        const char *domain)
{
  BdSpfMacroEnv env = {
    ctx->sender, ctx->local, ctx->sender_domain, domain, ctx->helo, ctx->ip,
    validated_ptr, ctx,
  };
  char *out = NULL;

  ctx->current = domain;
  if (spec == NULL)
    return g_strdup (domain);
  if (!bd_spf_macro_expand (spec, &env, FALSE, &out))
    return NULL;
  return bd_spf_truncate_domain (out);
}

static Match
match_addresses (Ctx             *ctx,
                 const char      *name,
                 const BdSpfMech *mech,
                 gboolean         counts_void)
{
  g_autoptr(BdDnsAnswer) answer = NULL;
  gboolean error;

  answer = query (ctx, name, address_type (ctx), counts_void, &error);
  if (error)
    return MATCH_ERROR;
  if (ctx->walking)
    return MATCH_NO;
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *record = g_ptr_array_index (answer->records, i);

      if (in_network (ctx->ip, record->data, prefix_for (ctx, mech)))
        return MATCH_YES;
    }
  return MATCH_NO;
}

static Match
match_mx (Ctx             *ctx,
          const char      *name,
          const BdSpfMech *mech)
{
  g_autoptr(BdDnsAnswer) answer = NULL;
  gboolean error;

  answer = query (ctx, name, BD_DNS_TYPE_MX, TRUE, &error);
  if (error)
    return MATCH_ERROR;
  /* §4.6.4: more than 10 MX names is a permerror */
  if (answer->records->len > MAX_LOOKUPS)
    {
      fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, mech->text);
      return MATCH_ERROR;
    }
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *mx = g_ptr_array_index (answer->records, i);
      Match m;

      if (mx->data[0] == '\0' || strcmp (mx->data, ".") == 0)
        continue;   /* null MX (RFC 7505) */
      m = match_addresses (ctx, mx->data, mech, TRUE);
      if (m != MATCH_NO)
        return m;
    }
  return MATCH_NO;
}

static Match
match_ptr (Ctx        *ctx,
           const char *target)
{
  g_autoptr(GPtrArray) names = NULL;
  gboolean error;

  ctx->report->uses_ptr = TRUE;
  if (ctx->walking)
    return MATCH_NO;
  names = validated_names (ctx, TRUE, &error);
  for (guint i = 0; i < names->len; i++)
    if (name_within (g_ptr_array_index (names, i), target))
      return MATCH_YES;
  return MATCH_NO;
}

static Match
match_include (Ctx             *ctx,
               const char      *target,
               const BdSpfMech *mech,
               BdSpfNode       *parent)
{
  BdSpfNode *child = node_new (mech->text, target);
  BdSpfResult result;

  g_ptr_array_add (parent->children, child);
  result = check_host (ctx, target, child);
  switch (result)
    {
    case BD_SPF_PASS:
      return ctx->walking ? MATCH_NO : MATCH_YES;
    case BD_SPF_FAIL:
    case BD_SPF_SOFTFAIL:
    case BD_SPF_NEUTRAL:
      return MATCH_NO;
    case BD_SPF_TEMPERROR:
      return MATCH_ERROR;
    case BD_SPF_NONE:
      fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_INCLUDE_NONE, target);
      return MATCH_ERROR;
    case BD_SPF_PERMERROR:
    default:
      return MATCH_ERROR;
    }
}

static Match
match_mechanism (Ctx             *ctx,
                 const BdSpfMech *mech,
                 const char      *domain,
                 BdSpfNode       *node,
                 BdSpfResult     *error_result)
{
  g_autofree char *target = NULL;
  Match m = MATCH_NO;

  *error_result = BD_SPF_PERMERROR;
  if (bd_spf_mech_costs_lookup (mech) && !count_lookup (ctx))
    {
      fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, mech->text);
      return MATCH_ERROR;
    }
  if (mech->kind != BD_SPF_MECH_ALL && mech->kind != BD_SPF_MECH_IP4 && mech->kind != BD_SPF_MECH_IP6)
    {
      target = expand (ctx, mech->domain_spec, domain);
      if (target == NULL)
        {
          fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_SYNTAX, mech->text);
          return MATCH_ERROR;
        }
    }

  switch (mech->kind)
    {
    case BD_SPF_MECH_ALL:
      return MATCH_YES;
    case BD_SPF_MECH_IP4:
    case BD_SPF_MECH_IP6:
      {
        g_autofree char *net = NULL;

        if (ctx->walking)
          return MATCH_NO;
        net = g_inet_address_to_string (mech->network);
        return in_network (ctx->ip, net, mech->kind == BD_SPF_MECH_IP4 ? mech->cidr4 : mech->cidr6)
               ? MATCH_YES : MATCH_NO;
      }
    case BD_SPF_MECH_A:
      m = match_addresses (ctx, target, mech, TRUE);
      break;
    case BD_SPF_MECH_MX:
      m = match_mx (ctx, target, mech);
      break;
    case BD_SPF_MECH_PTR:
      m = match_ptr (ctx, target);
      break;
    case BD_SPF_MECH_EXISTS:
      {
        g_autoptr(BdDnsAnswer) answer = NULL;
        gboolean error;

        /* always an A query, whatever the IP family (§5.7) */
        answer = query (ctx, target, BD_DNS_TYPE_A, TRUE, &error);
        if (error)
          m = MATCH_ERROR;
        else
          m = !ctx->walking && answer->records->len > 0 ? MATCH_YES : MATCH_NO;
      }
      break;
    case BD_SPF_MECH_INCLUDE:
      m = match_include (ctx, target, mech, node);
      break;
    }

  if (m == MATCH_ERROR)
    {
      *error_result = ctx->report->problem == BD_SPF_PROBLEM_DNS ? BD_SPF_TEMPERROR : BD_SPF_PERMERROR;
      return MATCH_ERROR;
    }
  if (ctx->report->void_lookups > MAX_VOID_LOOKUPS && !ctx->walking)
    {
      fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_VOID_LOOKUPS, mech->text);
      return MATCH_ERROR;
    }
  return m;
}

static BdSpfResult
qualifier_result (char qualifier)
{
  switch (qualifier)
    {
    case '-': return BD_SPF_FAIL;
    case '~': return BD_SPF_SOFTFAIL;
    case '?': return BD_SPF_NEUTRAL;
    default: return BD_SPF_PASS;
    }
}

/* §4.4 and §4.5: the single SPF record of @domain, or a result. */
static BdSpfResult
find_record (Ctx         *ctx,
             const char  *domain,
             char       **record)
{
  g_autoptr(BdDnsAnswer) answer = NULL;
  gboolean error;
  const char *found = NULL;

  answer = query (ctx, domain, BD_DNS_TYPE_TXT, FALSE, &error);
  if (error)
    return BD_SPF_TEMPERROR;
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *txt = g_ptr_array_index (answer->records, i);

      if (!bd_spf_is_record (txt->data))
        continue;
      if (found != NULL)
        return fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_MULTIPLE, domain);
      found = txt->data;
    }
  if (found == NULL)
    return BD_SPF_NONE;
  *record = g_strdup (found);
  return BD_SPF_NEUTRAL;   /* "found"; the caller evaluates */
}

static gboolean
on_stack (Ctx        *ctx,
          const char *domain)
{
  for (guint i = 0; i < ctx->stack->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (ctx->stack, i), domain) == 0)
      return TRUE;
  return FALSE;
}

static BdSpfResult
evaluate (Ctx         *ctx,
          const char  *domain,
          BdSpfRecord *record,
          BdSpfNode   *node)
{
  gboolean failed = FALSE;
  BdSpfResult first_error = BD_SPF_PERMERROR;

  for (guint i = 0; i < record->mechs->len; i++)
    {
      const BdSpfMech *mech = g_ptr_array_index (record->mechs, i);
      BdSpfResult error_result;
      Match m = match_mechanism (ctx, mech, domain, node, &error_result);

      /* Evaluating for an IP stops at the first error (RFC 7208 §4.6.4).
       * The walk without an IP goes on, as checkdmarc does, so that every
       * missing include and the whole look-up count are reported; the
       * first error stays the result. */
      if (m == MATCH_ERROR && (!ctx->walking || error_result == BD_SPF_TEMPERROR))
        return error_result;
      if (m == MATCH_ERROR)
        {
          if (!failed)
            first_error = error_result;
          failed = TRUE;
          continue;
        }
      if (failed && m == MATCH_YES)
        return first_error;
      if (m == MATCH_YES)
        {
          /* without an IP only "all" matches: what follows is never reached */
          if (ctx->stack->len == ctx->top_depth)
            {
              g_free (ctx->report->matched);
              ctx->report->matched = g_strdup (mech->text);
            }
          return qualifier_result (mech->qualifier);
        }
    }
  if (record->redirect != NULL)
    {
      g_autofree char *target = expand (ctx, record->redirect, domain);
      g_autofree char *via = g_strconcat ("redirect=", record->redirect, NULL);
      BdSpfNode *child;
      BdSpfResult result;

      if (target == NULL)
        return fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_SYNTAX, via);
      if (!count_lookup (ctx))
        return fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, via);
      child = node_new (via, target);
      g_ptr_array_add (node->children, child);
      if (ctx->stack->len == ctx->top_depth)
        ctx->top_depth++;
      result = check_host (ctx, target, child);
      if (result == BD_SPF_NONE)
        result = fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_INCLUDE_NONE, target);
      return failed ? first_error : result;
    }
  return failed ? first_error : BD_SPF_NEUTRAL;
}

static BdSpfResult
check_host (Ctx        *ctx,
            const char *domain,
            BdSpfNode  *node)
{
  g_autofree char *text = NULL;
  g_autofree char *error_term = NULL;
  g_autoptr(BdSpfRecord) record = NULL;
  BdSpfResult result;

  if (g_cancellable_is_cancelled (ctx->cancellable))
    return fail_with (ctx, BD_SPF_TEMPERROR, BD_SPF_PROBLEM_DNS, domain);
  if (!domain_is_valid (domain))
    return BD_SPF_NONE;
  if (on_stack (ctx, domain))
    return fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_LOOP, domain);

  result = find_record (ctx, domain, &text);
  if (text == NULL)
    return result;
  node->record = g_strdup (text);
  record = bd_spf_record_parse (text, &error_term);
  if (record == NULL)
    return fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_SYNTAX, error_term);
  for (guint i = 0; i < record->mechs->len; i++)
    if (bd_spf_mech_costs_lookup (g_ptr_array_index (record->mechs, i)))
      node->lookups++;
  if (record->redirect != NULL)
    node->lookups++;

  g_ptr_array_add (ctx->stack, g_strdup (domain));
  result = evaluate (ctx, domain, record, node);
  g_free (g_ptr_array_steal_index (ctx->stack, ctx->stack->len - 1));
  return result;
}

BdSpfReport *
bd_spf_check_host (const BdDnsLookup *lookup,
                   const char        *ip,
                   const char        *domain,
                   const char        *sender,
                   const char        *helo,
                   GCancellable      *cancellable)
{
  Ctx ctx = { 0 };
  g_autoptr(BdSpfReport) report = g_new0 (BdSpfReport, 1);
  g_autoptr(GInetAddress) address = NULL;
  const char *at;

  g_return_val_if_fail (lookup != NULL, NULL);
  g_return_val_if_fail (domain != NULL, NULL);

  if (ip != NULL)
    {
      address = g_inet_address_new_from_string (ip);
      /* an IPv4-mapped IPv6 address is checked as IPv4 */
      if (address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
          && memcmp (g_inet_address_to_bytes (address), "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
        {
          GInetAddress *v4 = g_inet_address_new_from_bytes (g_inet_address_to_bytes (address) + 12,
                                                            G_SOCKET_FAMILY_IPV4);
          g_object_unref (address);
          address = v4;
        }
    }
  ctx.lookup = lookup;
  ctx.cancellable = cancellable;
  ctx.ip = address;
  ctx.walking = address == NULL;
  ctx.helo = g_strdup (helo ? helo : domain);
  if (sender == NULL || *sender == '\0')
    ctx.sender = g_strconcat ("postmaster@", ctx.helo, NULL);
  else if (strchr (sender, '@') == NULL)
    ctx.sender = g_strconcat ("postmaster@", sender, NULL);
  else
    ctx.sender = g_strdup (sender);
  at = strrchr (ctx.sender, '@');
  ctx.local = at == ctx.sender ? g_strdup ("postmaster") : g_strndup (ctx.sender, at - ctx.sender);
  ctx.sender_domain = g_strdup (at + 1);
  ctx.report = report;
  ctx.stack = g_ptr_array_new_with_free_func (g_free);
  ctx.top_depth = 1;

  report->tree = node_new (NULL, domain);
  report->result = check_host (&ctx, domain, report->tree);
  if (ctx.walking && report->result != BD_SPF_TEMPERROR)
    {
      /* without an IP the limits are reported, not enforced as we walk */
      if (report->lookups > MAX_LOOKUPS)
        report->result = fail_with (&ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, domain);
      else if (report->void_lookups > MAX_VOID_LOOKUPS)
        report->result = fail_with (&ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_VOID_LOOKUPS, domain);
    }

  g_ptr_array_unref (ctx.stack);
  g_free (ctx.helo);
  g_free (ctx.sender);
  g_free (ctx.local);
  g_free (ctx.sender_domain);
  return g_steal_pointer (&report);
}
