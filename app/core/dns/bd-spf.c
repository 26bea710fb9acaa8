/* bd-spf.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check_host() of RFC 7208 §4, §5 and §6. Look-ups are counted through
 * include and redirect (§4.6.4); the tree of records is kept for display.
 */
#define G_LOG_DOMAIN "bd-spf"

#include "config.h"

#include <string.h>

#include "bd-spf-eval.h"

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

BdSpfNode *
bd_spf_node_new (const char *via,
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

BdSpfResult
bd_spf_fail_with (Ctx          *ctx,
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

gboolean
bd_spf_count_lookup (Ctx *ctx)
{
  ctx->report->lookups++;
  if (ctx->walking)
    return ctx->report->lookups <= MAX_WALK_LOOKUPS;
  return ctx->report->lookups <= MAX_LOOKUPS;
}

/* A DNS query for a mechanism; NULL with *temperror for a DNS error. */
BdDnsAnswer *
bd_spf_query (Ctx        *ctx,
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
      bd_spf_fail_with (ctx, BD_SPF_TEMPERROR, BD_SPF_PROBLEM_DNS, name);
      return NULL;
    }
  if (counts_void && bd_dns_answer_is_void (answer))
    ctx->report->void_lookups++;
  return answer;
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

  answer = bd_spf_query (ctx, domain, BD_DNS_TYPE_TXT, FALSE, &error);
  if (error)
    return BD_SPF_TEMPERROR;
  for (guint i = 0; i < answer->records->len; i++)
    {
      const BdDnsRecord *txt = g_ptr_array_index (answer->records, i);

      if (!bd_spf_is_record (txt->data))
        continue;
      if (found != NULL)
        return bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_MULTIPLE, domain);
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
      Match m = bd_spf_match_mechanism (ctx, mech, domain, node, &error_result);

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
      g_autofree char *target = bd_spf_expand (ctx, record->redirect, domain);
      g_autofree char *via = g_strconcat ("redirect=", record->redirect, NULL);
      BdSpfNode *child;
      BdSpfResult result;

      if (target == NULL)
        return bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_SYNTAX, via);
      if (!bd_spf_count_lookup (ctx))
        return bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, via);
      child = bd_spf_node_new (via, target);
      g_ptr_array_add (node->children, child);
      if (ctx->stack->len == ctx->top_depth)
        ctx->top_depth++;
      result = bd_spf_check_host_in (ctx, target, child);
      if (result == BD_SPF_NONE)
        result = bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_INCLUDE_NONE, target);
      return failed ? first_error : result;
    }
  return failed ? first_error : BD_SPF_NEUTRAL;
}

BdSpfResult
bd_spf_check_host_in (Ctx        *ctx,
                      const char *domain,
                      BdSpfNode  *node)
{
  g_autofree char *text = NULL;
  g_autofree char *error_term = NULL;
  g_autoptr(BdSpfRecord) record = NULL;
  BdSpfResult result;

  if (g_cancellable_is_cancelled (ctx->cancellable))
    return bd_spf_fail_with (ctx, BD_SPF_TEMPERROR, BD_SPF_PROBLEM_DNS, domain);
  if (!domain_is_valid (domain))
    return BD_SPF_NONE;
  if (on_stack (ctx, domain))
    return bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_LOOP, domain);

  result = find_record (ctx, domain, &text);
  if (text == NULL)
    return result;
  node->record = g_strdup (text);
  record = bd_spf_record_parse (text, &error_term);
  if (record == NULL)
    return bd_spf_fail_with (ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_SYNTAX, error_term);
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

  report->tree = bd_spf_node_new (NULL, domain);
  report->result = bd_spf_check_host_in (&ctx, domain, report->tree);
  if (ctx.walking && report->result != BD_SPF_TEMPERROR)
    {
      /* without an IP the limits are reported, not enforced as we walk */
      if (report->lookups > MAX_LOOKUPS)
        report->result = bd_spf_fail_with (&ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_TOO_MANY_LOOKUPS, domain);
      else if (report->void_lookups > MAX_VOID_LOOKUPS)
        report->result = bd_spf_fail_with (&ctx, BD_SPF_PERMERROR, BD_SPF_PROBLEM_VOID_LOOKUPS, domain);
    }

  g_ptr_array_unref (ctx.stack);
  g_free (ctx.helo);
  g_free (ctx.sender);
  g_free (ctx.local);
  g_free (ctx.sender_domain);
  return g_steal_pointer (&report);
}
