/* bd-dkim-record.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The key size comes from plain ASN.1 DER length parsing: enough to find the
 * modulus, bounded at every step so a hostile record can't make us read
 * past its end.
 */
#define G_LOG_DOMAIN "bd-domain-check"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "bd-dkim-record.h"
#include "bd-mx-check.h"

const char * const bd_dkim_common_selectors[] = {
  "google", "selector1", "selector2", "default", "k1", "k2", "s1", "s2",
  "dkim", "mail", "smtp", "mx", NULL,
};

void
bd_dkim_report_free (BdDkimReport *report)
{
  if (report == NULL)
    return;
  g_free (report->selector);
  g_free (report->record);
  g_free (report->key_type);
  g_clear_pointer (&report->findings, g_ptr_array_unref);
  g_free (report);
}

/* Reads one DER tag + length at *p; returns the content length and moves
 * *p to the content, or -1. */
static gssize
der_read (const guint8 **p,
          const guint8  *end,
          guint8         tag)
{
  gsize length = 0;
  guint8 first;

  if (end - *p < 2 || **p != tag)
    return -1;
  (*p)++;
  first = *(*p)++;
  if (first < 0x80)
    length = first;
  else
    {
      guint n = first & 0x7f;

      if (n == 0 || n > 3 || (gsize)(end - *p) < n)
        return -1;
      for (guint i = 0; i < n; i++)
        length = (length << 8) | *(*p)++;
    }
  if (length > (gsize)(end - *p))
    return -1;
  return length;
}

static guint
integer_bits (const guint8 *p,
              gsize         length)
{
  while (length > 0 && *p == 0)
    {
      p++;
      length--;
    }
  if (length == 0)
    return 0;
  return (length - 1) * 8 + g_bit_nth_msf (*p, -1) + 1;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
static guint
pkcs1_bits (const guint8 *p,
            const guint8 *end)
{
  gssize length = der_read (&p, end, 0x30);

  if (length < 0)
    return 0;
  end = p + length;
  length = der_read (&p, end, 0x02);
  return length < 0 ? 0 : integer_bits (p, length);
}

guint
bd_dkim_rsa_key_bits (const guint8 *der,
                      gsize         length)
{
  const guint8 *p = der;
  const guint8 *end = der + length;
  gssize len;

  g_return_val_if_fail (der != NULL || length == 0, 0);

  /* SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING } */
  len = der_read (&p, end, 0x30);
  if (len < 0)
    return 0;
  end = p + len;
  if (p < end && *p == 0x02)
    return pkcs1_bits (der, der + length);   /* bare RSAPublicKey */
  len = der_read (&p, end, 0x30);
  if (len < 0)
    return 0;
  p += len;   /* skip the algorithm */
  len = der_read (&p, end, 0x03);
  if (len < 1 || *p != 0)
    return 0;
  return pkcs1_bits (p + 1, p + len);
}

gboolean
bd_dkim_record_parse (const char   *text,
                      BdDkimReport *report)
{
  g_auto(GStrv) tags = NULL;
  g_autofree char *key = NULL;
  g_autofree guint8 *der = NULL;
  gsize der_length = 0;
  gboolean has_p = FALSE;

  g_return_val_if_fail (text != NULL && report != NULL, FALSE);

  g_free (report->record);
  report->record = g_strdup (text);
  g_free (report->key_type);
  report->key_type = g_strdup ("rsa");
  tags = g_strsplit (text, ";", -1);
  for (guint i = 0; tags[i]; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      char *eq;

      /* strip first: g_strstrip() moves the text */
      if (g_strstrip (tags[i])[0] == '\0')
        continue;
      eq = strchr (tags[i], '=');
      if (eq == NULL)
        return FALSE;
      name = g_strstrip (g_strndup (tags[i], eq - tags[i]));
      value = g_strdup (eq + 1);
      g_strstrip (value);
      if (g_str_equal (name, "v") && (i != 0 || !g_str_equal (value, "DKIM1")))
        return FALSE;
      else if (g_str_equal (name, "k"))
        {
          g_free (report->key_type);
          report->key_type = g_ascii_strdown (value, -1);
        }
      else if (g_str_equal (name, "t"))
        {
          g_auto(GStrv) flags = g_strsplit (value, ":", -1);

          for (guint j = 0; flags[j]; j++)
            if (g_str_equal (g_strstrip (flags[j]), "y"))
              report->testing = TRUE;
        }
      else if (g_str_equal (name, "p"))
        {
          /* folding whitespace may sit inside the base64 */
          GString *clean = g_string_new (NULL);

          for (const char *c = value; *c; c++)
            if (!g_ascii_isspace (*c))
              g_string_append_c (clean, *c);
          g_free (key);
          key = g_string_free (clean, FALSE);
          has_p = TRUE;
        }
    }
  if (!has_p)
    return FALSE;
  if (*key == '\0')
    {
      report->revoked = TRUE;
      return TRUE;
    }
  for (const char *c = key; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '+' && *c != '/' && *c != '=')
      return FALSE;
  der = g_base64_decode (key, &der_length);
  if (g_str_equal (report->key_type, "ed25519"))
    report->key_bits = der_length == 32 ? 256 : 0;
  else if (g_str_equal (report->key_type, "rsa"))
    report->key_bits = bd_dkim_rsa_key_bits (der, der_length);
  if (report->key_bits == 0)
    return FALSE;
  return TRUE;
}

static void
add_key_findings (BdDkimReport *report,
                  const char   *name)
{
  if (!report->valid)
    {
      bd_findings_add (report->findings, "dkim-syntax", BD_SEVERITY_ERROR, "dkim",
                       /* Translators: %s is a DNS name such as s1._domainkey.firma.pl */
                       g_strdup_printf (_("The DKIM key record at %s cannot be read, so signatures made with it fail."), name),
                       g_strdup (_("Publish the record exactly as your mail provider gives it: v=DKIM1; k=rsa; p=<the public key>.")));
      return;
    }
  if (report->revoked)
    {
      bd_findings_add (report->findings, "dkim-revoked", BD_SEVERITY_ERROR, "dkim",
                       /* Translators: %s is a DNS name such as s1._domainkey.firma.pl */
                       g_strdup_printf (_("The DKIM key at %s is revoked (empty p=): messages signed with this selector fail DKIM."), name),
                       g_strdup (_("If your server still signs with this selector, publish its current public key or switch the server to a selector that has one.")));
      return;
    }
  if (g_str_equal (report->key_type, "rsa") && report->key_bits < 1024)
    bd_findings_add (report->findings, "dkim-weak-key", BD_SEVERITY_ERROR, "dkim",
                     /* Translators: %1$s is a DNS name, %2$u a number of bits */
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The DKIM key at %1$s is only %2$u bit long: receivers ignore keys under 1024 bits.",
                                                  "The DKIM key at %1$s is only %2$u bits long: receivers ignore keys under 1024 bits.",
                                                  report->key_bits),
                                     name, report->key_bits),
                     g_strdup (_("Generate a new 2048-bit RSA key, publish it under a new selector and switch signing to it.")));
  else if (g_str_equal (report->key_type, "rsa") && report->key_bits < 2048)
    bd_findings_add (report->findings, "dkim-weak-key", BD_SEVERITY_WARNING, "dkim",
                     /* Translators: %1$s is a DNS name, %2$u a number of bits */
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The DKIM key at %1$s is %2$u bit long; 2048 bits is the recommended size.",
                                                  "The DKIM key at %1$s is %2$u bits long; 2048 bits is the recommended size.",
                                                  report->key_bits),
                                     name, report->key_bits),
                     g_strdup (_("Generate a new 2048-bit RSA key, publish it under a new selector and switch signing to it.")));
  if (report->testing)
    bd_findings_add (report->findings, "dkim-testing", BD_SEVERITY_WARNING, "dkim",
                     /* Translators: %s is a DNS name; keep t=y as it is */
                     g_strdup_printf (_("The DKIM key at %s is in testing mode (t=y): receivers may treat its signatures as unsigned."), name),
                     g_strdup (_("Once signing works, remove “t=y” from the record.")));
}

BdDkimReport *
bd_dkim_check (const BdDnsLookup *lookup,
               const char        *domain,
               const char        *selector,
               gboolean           explicit_selector,
               GCancellable      *cancellable)
{
  g_autoptr(BdDkimReport) report = g_new0 (BdDkimReport, 1);
  g_autoptr(BdDnsAnswer) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *text = NULL;

  g_return_val_if_fail (lookup != NULL && domain != NULL && selector != NULL, NULL);

  report->selector = g_strdup (selector);
  report->findings = bd_findings_new ();
  name = g_strdup_printf ("%s._domainkey.%s", selector, domain);
  answer = bd_dns_lookup (lookup, name, BD_DNS_TYPE_TXT, cancellable, &error);
  if (answer == NULL)
    {
      bd_findings_add_resolver_error (report->findings, "dkim", error);
      return g_steal_pointer (&report);
    }
  for (guint i = 0; i < answer->records->len && text == NULL; i++)
    {
      const BdDnsRecord *txt = g_ptr_array_index (answer->records, i);

      if (strstr (txt->data, "p=") != NULL || g_str_has_prefix (txt->data, "v=DKIM1"))
        text = txt->data;
    }
  if (text == NULL)
    {
      if (explicit_selector)
        bd_findings_add (report->findings, "dkim-missing", BD_SEVERITY_ERROR, "dkim",
                         /* Translators: %1$s is a DKIM selector, %2$s a DNS name */
                         g_strdup_printf (_("There is no DKIM key for selector “%1$s” (nothing at %2$s): messages signed with it fail DKIM."), selector, name),
                         /* Translators: %s is a DNS name */
                         g_strdup_printf (_("Publish the public key your mail server or provider gives you as a TXT record at %s."), name));
      return g_steal_pointer (&report);
    }
  report->valid = bd_dkim_record_parse (text, report);
  add_key_findings (report, name);
  return g_steal_pointer (&report);
}
