/* bd-spf-private.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared between bd-spf.c and bd-spf-macro.c.
 */
#pragma once

#include "bd-spf.h"

G_BEGIN_DECLS

typedef struct
{
  const char   *sender;     /* l@o */
  const char   *local;
  const char   *sender_domain;
  const char   *domain;     /* the current <domain> */
  const char   *helo;
  GInetAddress *ip;         /* NULL when walking without an IP */
  /* %{p}: computed on demand by the caller */
  char       *(*validated_ptr) (gpointer user_data);
  gpointer      user_data;
} BdSpfMacroEnv;

/* Checks the syntax only (@env NULL) or expands. @explain allows c, r, t. */
gboolean bd_spf_macro_expand (const char           *macro_string,
                              const BdSpfMacroEnv  *env,
                              gboolean              explain,
                              char                **out);

/* RFC 7208 §7.3: the result of a domain-spec is cut to 253 characters by
 * dropping labels on the left. */
char    *bd_spf_truncate_domain (char *domain);

G_END_DECLS
