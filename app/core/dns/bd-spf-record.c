/* bd-spf-record.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-spf"

#include "config.h"

#include <string.h>

#include "bd-spf-private.h"
#include "bd-spf-record.h"

static const struct { const char *name; BdSpfMechKind kind; } mech_names[] = {
  { "all", BD_SPF_MECH_ALL }, { "include", BD_SPF_MECH_INCLUDE },
  { "a", BD_SPF_MECH_A }, { "mx", BD_SPF_MECH_MX }, { "ptr", BD_SPF_MECH_PTR },
  { "ip4", BD_SPF_MECH_IP4 }, { "ip6", BD_SPF_MECH_IP6 }, { "exists", BD_SPF_MECH_EXISTS },
};

static void
mech_free (BdSpfMech *mech)
{
  g_free (mech->text);
  g_free (mech->domain_spec);
  g_clear_object (&mech->network);
  g_free (mech);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BdSpfMech, mech_free)

void
bd_spf_record_free (BdSpfRecord *record)
{
  if (record == NULL)
    return;
  g_ptr_array_unref (record->mechs);
  g_free (record->redirect);
  g_free (record->exp);
  g_free (record);
}

gboolean
bd_spf_mech_costs_lookup (const BdSpfMech *mech)
{
  return mech->kind == BD_SPF_MECH_INCLUDE || mech->kind == BD_SPF_MECH_A
      || mech->kind == BD_SPF_MECH_MX || mech->kind == BD_SPF_MECH_PTR
      || mech->kind == BD_SPF_MECH_EXISTS;
}

/* "/" ("0" / %x31-39 0*N DIGIT), at most @max */
static gboolean
parse_prefix (const char *digits,
              int         max,
              int        *out)
{
  gsize len = strlen (digits);
  int value = 0;

  if (len == 0 || len > 3 || (len > 1 && digits[0] == '0'))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        return FALSE;
      value = value * 10 + (digits[i] - '0');
    }
  if (value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

/* Is @s "/" followed by digits only? */
static gboolean
is_prefix_suffix (const char *s)
{
  if (s[0] != '/' || s[1] == '\0')
    return FALSE;
  for (s++; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

/* Splits "spec/24//64" into the spec and the dual CIDR (§5.6). A "/" not
 * followed by digits belongs to the domain-spec (macro-literals may hold
 * any visible character but "%"). */
static gboolean
split_cidr (char     *arg,
            gboolean  dual,
            int      *cidr4,
            int      *cidr6)
{
  gsize len = strlen (arg);
  char *slash;

  for (slash = arg + len; slash > arg && g_ascii_isdigit (slash[-1]); slash--)
    ;
  if (slash > arg + 1 && slash[-1] == '/' && slash[-2] == '/' && slash[0] != '\0')
    {
      if (!dual || !parse_prefix (slash, 128, cidr6))
        return FALSE;
      slash[-2] = '\0';
    }
  slash = strrchr (arg, '/');
  if (slash != NULL && is_prefix_suffix (slash))
    {
      if (!parse_prefix (slash + 1, 32, cidr4))
        return FALSE;
      *slash = '\0';
    }
  return TRUE;
}

static gboolean
is_toplabel (const char *label,
             gsize       len)
{
  gboolean alpha = FALSE;

  if (len == 0 || label[0] == '-' || label[len - 1] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (g_ascii_isalpha (label[i]))
        alpha = TRUE;
      else if (!g_ascii_isdigit (label[i]) && label[i] != '-')
        return FALSE;
    }
  /* all-numeric is allowed only with a hyphen inside (§12 toplabel) */
  return alpha || memchr (label, '-', len) != NULL;
}

/* domain-spec = macro-string domain-end; domain-end = "." toplabel ["."] / macro-expand */
static gboolean
domain_spec_valid (const char *spec)
{
  gsize len = strlen (spec);
  const char *end, *dot;

  if (len == 0 || !bd_spf_macro_expand (spec, NULL, FALSE, NULL))
    return FALSE;
  if (spec[len - 1] == '}')
    return TRUE;
  if (len >= 2 && spec[len - 2] == '%' && strchr ("%_-", spec[len - 1]))
    return TRUE;
  if (spec[len - 1] == '.')
    len--;
  end = spec + len;
  for (dot = end - 1; dot >= spec && *dot != '.'; dot--)
    ;
  if (dot < spec)
    return FALSE;
  return is_toplabel (dot + 1, end - dot - 1);
}

/* ip4:ADDR[/PREFIX] or ip6:ADDR[/PREFIX] (RFC 7208 §5.6): @arg, cut at
 * its '/', into @mech's network and prefix. */
static gboolean
parse_network (BdSpfMech *mech,
               char      *arg)
{
  char *slash = strchr (arg, '/');
  GSocketFamily family = mech->kind == BD_SPF_MECH_IP4 ? G_SOCKET_FAMILY_IPV4
                                                        : G_SOCKET_FAMILY_IPV6;
  int *prefix = mech->kind == BD_SPF_MECH_IP4 ? &mech->cidr4 : &mech->cidr6;

  if (slash != NULL)
    {
      if (!parse_prefix (slash + 1, family == G_SOCKET_FAMILY_IPV4 ? 32 : 128, prefix))
        return FALSE;
      *slash = '\0';
    }
  mech->network = g_inet_address_new_from_string (arg);
  if (mech->network == NULL || g_inet_address_get_family (mech->network) != family)
    return FALSE;
  /* inet_pton takes "1.2.3" on some libcs; the ABNF wants four parts */
  if (family == G_SOCKET_FAMILY_IPV4)
    {
      g_auto(GStrv) parts = g_strsplit (arg, ".", -1);

      if (g_strv_length (parts) != 4)
        return FALSE;
    }
  return TRUE;
}

static BdSpfMech *
parse_mechanism (const char *term)
{
  g_autoptr(BdSpfMech) mech = NULL;
  const char *p = term;
  const char *name_end;
  g_autofree char *name = NULL;
  g_autofree char *arg = NULL;
  gboolean found = FALSE;

  mech = g_new0 (BdSpfMech, 1);
  mech->text = g_strdup (term);
  mech->cidr4 = mech->cidr6 = -1;
  mech->qualifier = '+';
  if (strchr ("+-~?", *p))
    mech->qualifier = *p++;
  name_end = p;
  while (g_ascii_isalnum (*name_end))
    name_end++;
  name = g_ascii_strdown (p, name_end - p);
  for (guint i = 0; i < G_N_ELEMENTS (mech_names); i++)
    if (strcmp (name, mech_names[i].name) == 0)
      {
        mech->kind = mech_names[i].kind;
        found = TRUE;
      }
  if (!found || (*name_end != '\0' && *name_end != ':' && *name_end != '/'))
    return NULL;

  if (*name_end == ':')
    {
      arg = g_strdup (name_end + 1);
      if (*arg == '\0')
        return NULL;
    }
  else if (*name_end == '/')
    arg = g_strdup (name_end);

  switch (mech->kind)
    {
    case BD_SPF_MECH_ALL:
      return arg ? NULL : g_steal_pointer (&mech);

    case BD_SPF_MECH_INCLUDE:
    case BD_SPF_MECH_EXISTS:
      if (arg == NULL || *name_end != ':' || !domain_spec_valid (arg))
        return NULL;
      mech->domain_spec = g_steal_pointer (&arg);
      return g_steal_pointer (&mech);

    case BD_SPF_MECH_PTR:
      if (arg != NULL && (*name_end != ':' || !domain_spec_valid (arg)))
        return NULL;
      mech->domain_spec = g_steal_pointer (&arg);
      return g_steal_pointer (&mech);

    case BD_SPF_MECH_A:
    case BD_SPF_MECH_MX:
      if (arg == NULL)
        return g_steal_pointer (&mech);
      if (!split_cidr (arg, TRUE, &mech->cidr4, &mech->cidr6))
        return NULL;
      if (*name_end == ':')
        {
          if (!domain_spec_valid (arg))
            return NULL;
          mech->domain_spec = g_steal_pointer (&arg);
        }
      else if (*arg != '\0')
        return NULL;
      return g_steal_pointer (&mech);

    case BD_SPF_MECH_IP4:
    case BD_SPF_MECH_IP6:
      if (arg == NULL || *name_end != ':' || !parse_network (mech, arg))
        return NULL;
      return g_steal_pointer (&mech);
    }
  return NULL;
}


static gboolean
is_modifier_name (const char *term,
                  gsize       len)
{
  if (len == 0 || !g_ascii_isalpha (term[0]))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!g_ascii_isalnum (term[i]) && !strchr ("-_.", term[i]))
      return FALSE;
  return TRUE;
}

/* Returns NULL on a syntax error and sets @error_term to the offending term. */
BdSpfRecord *
bd_spf_record_parse (const char  *text,
                     char       **error_term)
{
  g_autoptr(BdSpfRecord) record = g_new0 (BdSpfRecord, 1);
  g_auto(GStrv) terms = NULL;

  record->mechs = g_ptr_array_new_with_free_func ((GDestroyNotify)mech_free);
  /* only ASCII; terms are separated by spaces and nothing else (§4.6.1) */
  for (const char *p = text; *p; p++)
    if ((guchar)*p > 0x7e || ((guchar)*p < 0x20))
      {
        *error_term = g_strdup (text);
        return NULL;
      }
  if (g_ascii_strncasecmp (text, "v=spf1", 6) != 0)
    {
      *error_term = g_strdup (text);
      return NULL;
    }
  terms = g_strsplit (text + 6, " ", -1);
  for (guint i = 0; terms[i]; i++)
    {
      const char *term = terms[i];
      const char *eq = strchr (term, '=');
      BdSpfMech *mech;

      if (*term == '\0')
        continue;
      if (eq != NULL && is_modifier_name (term, eq - term)
          && (strchr (term, ':') == NULL || strchr (term, ':') > eq))
        {
          g_autofree char *name = g_ascii_strdown (term, eq - term);
          const char *value = eq + 1;
          char **slot = NULL;

          if (strcmp (name, "redirect") == 0)
            slot = &record->redirect;
          else if (strcmp (name, "exp") == 0)
            slot = &record->exp;
          if (slot != NULL && (*slot != NULL || !domain_spec_valid (value)))
            {
              *error_term = g_strdup (term);
              return NULL;
            }
          if (slot == NULL && !bd_spf_macro_expand (value, NULL, FALSE, NULL))
            {
              *error_term = g_strdup (term);
              return NULL;
            }
          if (slot != NULL)
            *slot = g_strdup (value);
          continue;
        }
      mech = parse_mechanism (term);
      if (mech == NULL)
        {
          *error_term = g_strdup (term);
          return NULL;
        }
      g_ptr_array_add (record->mechs, mech);
    }
  return g_steal_pointer (&record);
}
