/* bd-spf-mechanisms.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mechanisms of an SPF record against the client's IP (RFC 7208 §5):
 * ip4/ip6 networks, a, mx, ptr (with its validated names, §5.5), exists,
 * include; and the macro expansion of their domain-specs (§7).
 */
#define G_LOG_DOMAIN "bd-spf"

#include "config.h"

#include <string.h>

#include "bd-spf-eval.h"

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
  g_autoptr(BdDnsAnswer) ptrs = bd_spf_query (ctx, reverse, BD_DNS_TYPE_PTR, counts_void, error);

  if (ptrs == NULL)
    return g_steal_pointer (&names);
  for (guint i = 0; i < ptrs->records->len && i < 10; i++)
    {
      const BdDnsRecord *ptr = g_ptr_array_index (ptrs->records, i);
      g_autoptr(BdDnsAnswer) addrs = NULL;
      gboolean ignored;

      addrs = bd_spf_query (ctx, ptr->data, address_type (ctx), FALSE, &ignored);
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

char *
bd_spf_expand (Ctx        *ctx,
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

  answer = bd_spf_query (ctx, name, address_type (ctx), counts_void, &error);
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

  answer = bd_spf_query (ctx, name, BD_DNS_TYPE_MX, TRUE, &error);
  if (error)
    return MATCH_ERROR;
  /* §4.6.4: more than 10 MX names is a permerror */
  if (answer->records->len > MAX_LOOKUPS)
    {
      bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, mech->text);
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
  BdSpfNode *child = bd_spf_node_new (mech->text, target);
  BdSpfResult result;

  g_ptr_array_add (parent->children, child);
  result = bd_spf_check_host_in (ctx, target, child);
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
      bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_INCLUDE_NONE, target);
      return MATCH_ERROR;
    case BD_SPF_PERMERROR:
    default:
      return MATCH_ERROR;
    }
}

Match
bd_spf_match_mechanism (Ctx             *ctx,
                        const BdSpfMech *mech,
                        const char      *domain,
                        BdSpfNode       *node,
                        BdSpfResult     *error_result)
{
  g_autofree char *target = NULL;
  Match m = MATCH_NO;

  *error_result = BD_SPF_PERMERROR;
  if (bd_spf_mech_costs_lookup (mech) && !bd_spf_count_lookup (ctx))
    {
      bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, mech->text);
      return MATCH_ERROR;
    }
  if (mech->kind != BD_SPF_MECH_ALL && mech->kind != BD_SPF_MECH_IP4 && mech->kind != BD_SPF_MECH_IP6)
    {
      target = bd_spf_expand (ctx, mech->domain_spec, domain);
      if (target == NULL)
        {
          bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_SYNTAX, mech->text);
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
        answer = bd_spf_query (ctx, target, BD_DNS_TYPE_A, TRUE, &error);
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
      bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_VOID_LOOKUPS, mech->text);
      return MATCH_ERROR;
    }
  return m;
}
