/* bd-dns-wire.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-dns"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <ldns/ldns.h>
#include <stdlib.h>
#include <string.h>

#include "bd-dns-wire.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ldns_pkt, ldns_pkt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ldns_rdf, ldns_rdf_deep_free)

char *
bd_dns_wire_build_query (const char  *name,
                         guint16      type,
                         GError     **error)
{
  g_autoptr(ldns_pkt) pkt = NULL;
  ldns_rdf *owner;
  guint8 *wire = NULL;
  size_t size = 0;
  char *encoded;

  g_return_val_if_fail (name != NULL, NULL);

  owner = ldns_dname_new_frm_str (name);
  if (owner == NULL || strlen (name) > 253)
    {
      if (owner)
        ldns_rdf_deep_free (owner);
      /* Translators: %s is a domain name */
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_INVALID, _("“%s” is not a valid domain name."), name);
      return NULL;
    }
  /* ldns_pkt_query_new takes the owner name */
  pkt = ldns_pkt_query_new (owner, type, LDNS_RR_CLASS_IN, LDNS_RD);
  ldns_pkt_set_id (pkt, 0);
  /* RFC 6840 §5.7: AD in a query asks a validating resolver to say whether
   * it checked the answer's signatures, without the DO bit's RRSIGs */
  ldns_pkt_set_ad (pkt, true);
  if (ldns_pkt2wire (&wire, pkt, &size) != LDNS_STATUS_OK)
    {
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_INVALID, _("“%s” is not a valid domain name."), name);
      return NULL;
    }
  encoded = g_base64_encode (wire, size);
  free (wire);
  for (char *p = encoded; *p; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        *p = '\0';
    }
  return encoded;
}

/* A TXT string as UTF-8 for display and JSON. A NUL becomes U+001A so the
 * text stays one C string and SPF still sees a control character. */
static char *
txt_string (const guint8 *data,
            gsize         length)
{
  g_autofree char *raw = g_malloc (length + 1);

  for (gsize i = 0; i < length; i++)
    raw[i] = data[i] ? (char)data[i] : '\x1a';
  raw[length] = '\0';
  return g_utf8_make_valid (raw, length);
}

static char *
name_string (const ldns_rdf *rdf)
{
  g_autofree char *text = ldns_rdf2str (rdf);
  char *name;

  if (text == NULL)
    return g_strdup ("");
  /* the root "." stays as is: a null MX */
  if (strcmp (text, ".") == 0)
    return g_strdup (".");
  name = bd_dns_normalize_name (text);
  return name;
}

static BdDnsRecord *
record_from_rr (const ldns_rr *rr)
{
  ldns_rr_type type = ldns_rr_get_type (rr);
  guint32 ttl = ldns_rr_ttl (rr);
  const ldns_rdf *rdf = ldns_rr_rd_count (rr) > 0 ? ldns_rr_rdf (rr, 0) : NULL;

  if (rdf == NULL)
    return NULL;
  switch ((int)type)
    {
    case LDNS_RR_TYPE_A:
    case LDNS_RR_TYPE_AAAA:
      {
        gsize want = type == LDNS_RR_TYPE_A ? 4 : 16;
        g_autoptr(GInetAddress) address = NULL;
        g_autofree char *text = NULL;

        if (ldns_rdf_size (rdf) != want)
          return NULL;
        address = g_inet_address_new_from_bytes (ldns_rdf_data (rdf),
                                                 want == 4 ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6);
        text = g_inet_address_to_string (address);
        return bd_dns_record_new (type, ttl, text);
      }
    case LDNS_RR_TYPE_TXT:
    case LDNS_RR_TYPE_SPF:   /* the same character-strings as TXT */
      {
        g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
        BdDnsRecord *record;

        for (size_t i = 0; i < ldns_rr_rd_count (rr); i++)
          {
            const ldns_rdf *part = ldns_rr_rdf (rr, i);
            const guint8 *data = ldns_rdf_data (part);
            gsize size = ldns_rdf_size (part);

            if (size < 1 || data[0] + 1u > size)
              return NULL;
            g_ptr_array_add (strings, txt_string (data + 1, data[0]));
          }
        g_ptr_array_add (strings, NULL);
        record = bd_dns_record_new_txt (ttl, (const char * const *)strings->pdata);
        record->type = type;
        return record;
      }
    case LDNS_RR_TYPE_MX:
      {
        g_autofree char *host = NULL;
        BdDnsRecord *record;

        if (ldns_rr_rd_count (rr) < 2 || ldns_rdf_size (rdf) != 2)
          return NULL;
        host = name_string (ldns_rr_rdf (rr, 1));
        record = bd_dns_record_new (type, ttl, host);
        record->preference = ldns_rdf2native_int16 (rdf);
        return record;
      }
    case LDNS_RR_TYPE_PTR:
    case LDNS_RR_TYPE_CNAME:
      {
        g_autofree char *host = name_string (rdf);

        return bd_dns_record_new (type, ttl, host);
      }
    case LDNS_RR_TYPE_DS:
    case LDNS_RR_TYPE_DNSKEY:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        for (size_t i = 0; i < ldns_rr_rd_count (rr); i++)
          {
            char *part = ldns_rdf2str (ldns_rr_rdf (rr, i));

            if (part == NULL)
              return NULL;
            g_string_append_printf (text, "%s%s", i ? " " : "", part);
            free (part);
          }
        return bd_dns_record_new (type, ttl, text->str);
      }
    default:
      return NULL;
    }
}

BdDnsAnswer *
bd_dns_wire_parse (const guint8  *data,
                   gsize          length,
                   guint16        type,
                   GError       **error)
{
  g_autoptr(ldns_pkt) pkt = NULL;
  g_autoptr(BdDnsAnswer) answer = NULL;
  ldns_rr_list *rrs;
  ldns_status status;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  status = ldns_wire2pkt (&pkt, data, length);
  if (status != LDNS_STATUS_OK)
    {
      /* Translators: %s is the parser's (English) reason */
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_MALFORMED,
                   _("The resolver sent a DNS message that cannot be read (%s)."),
                   ldns_get_errorstr_by_id (status));
      return NULL;
    }
  if (!ldns_pkt_qr (pkt))
    {
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_MALFORMED,
                   _("The resolver sent a DNS message that cannot be read (%s)."), "not a response");
      return NULL;
    }
  if (ldns_pkt_get_rcode (pkt) != LDNS_RCODE_NOERROR && ldns_pkt_get_rcode (pkt) != LDNS_RCODE_NXDOMAIN)
    {
      /* Translators: %d is a DNS response code such as 2 (SERVFAIL) */
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_SERVER,
                   _("The resolver could not answer (DNS response code %d)."),
                   ldns_pkt_get_rcode (pkt));
      return NULL;
    }
  answer = bd_dns_answer_new (ldns_pkt_get_rcode (pkt));
  answer->authenticated = ldns_pkt_ad (pkt);
  rrs = ldns_pkt_answer (pkt);
  for (size_t i = 0; rrs && i < ldns_rr_list_rr_count (rrs); i++)
    {
      const ldns_rr *rr = ldns_rr_list_rr (rrs, i);
      BdDnsRecord *record;

      if (ldns_rr_get_type (rr) != type || ldns_rr_get_class (rr) != LDNS_RR_CLASS_IN)
        continue;
      record = record_from_rr (rr);
      if (record == NULL)
        {
          g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_MALFORMED,
                       _("The resolver sent a DNS message that cannot be read (%s)."), "bad record data");
          return NULL;
        }
      bd_dns_answer_add (answer, record);
    }
  /* negative answers: cache for the SOA minimum, at most 5 minutes */
  if (answer->records->len == 0)
    answer->ttl = 300;
  return g_steal_pointer (&answer);
}

GStrv
bd_dns_json_split_txt (const char *data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = data;

  g_return_val_if_fail (data != NULL, NULL);

  if (*p != '"')
    {
      g_strv_builder_add (builder, data);
      return g_strv_builder_end (builder);
    }
  while (*p == '"')
    {
      g_autoptr(GString) part = g_string_new (NULL);
      g_autofree char *valid = NULL;

      for (p++; *p && *p != '"'; p++)
        {
          if (*p == '\\' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]))
            {
              int value = (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');

              g_string_append_c (part, value > 0 && value < 256 ? (char)value : '\x1a');
              p += 3;
            }
          else if (*p == '\\' && p[1])
            g_string_append_c (part, *++p);
          else
            g_string_append_c (part, *p);
        }
      if (*p == '"')
        p++;
      while (*p == ' ')
        p++;
      valid = g_utf8_make_valid (part->str, part->len);
      g_strv_builder_add (builder, valid);
    }
  return g_strv_builder_end (builder);
}

static BdDnsRecord *
record_from_json (guint16     type,
                  guint32     ttl,
                  const char *data)
{
  switch (type)
    {
    case BD_DNS_TYPE_TXT:
    case BD_DNS_TYPE_SPF:
      {
        g_auto(GStrv) strings = bd_dns_json_split_txt (data);
        BdDnsRecord *record = bd_dns_record_new_txt (ttl, (const char * const *)strings);

        record->type = type;
        return record;
      }
    case BD_DNS_TYPE_MX:
      {
        char *end = NULL;
        guint64 pref = g_ascii_strtoull (data, &end, 10);
        g_autofree char *host = NULL;
        BdDnsRecord *record;

        if (end == data || *end != ' ' || pref > G_MAXUINT16)
          return NULL;
        host = g_strcmp0 (end + 1, ".") == 0 ? g_strdup (".") : bd_dns_normalize_name (end + 1);
        record = bd_dns_record_new (type, ttl, host);
        record->preference = pref;
        return record;
      }
    case BD_DNS_TYPE_DS:
    case BD_DNS_TYPE_DNSKEY:
      return bd_dns_record_new (type, ttl, data);
    case BD_DNS_TYPE_A:
    case BD_DNS_TYPE_AAAA:
      {
        g_autoptr(GInetAddress) address = g_inet_address_new_from_string (data);

        if (address == NULL)
          return NULL;
        return bd_dns_record_new (type, ttl, data);
      }
    default:
      {
        g_autofree char *host = bd_dns_normalize_name (data);

        return bd_dns_record_new (type, ttl, host);
      }
    }
}

static BdDnsAnswer *
json_malformed (GError **error)
{
  g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_MALFORMED,
               _("The resolver sent a DNS message that cannot be read (%s)."), "JSON");
  return NULL;
}

BdDnsAnswer *
bd_dns_json_parse (const char  *data,
                   gsize        length,
                   guint16      type,
                   GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BdDnsAnswer) answer = NULL;
  JsonObject *root;
  JsonArray *records = NULL;
  JsonNode *ad;
  gint64 status;

  /* an empty body parses to no root at all */
  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return json_malformed (error);
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "Status")
      || json_node_get_value_type (json_object_get_member (root, "Status")) != G_TYPE_INT64)
    return json_malformed (error);
  status = json_object_get_int_member (root, "Status");
  if (status != BD_DNS_RCODE_NOERROR && status != BD_DNS_RCODE_NXDOMAIN)
    {
      g_set_error (error, BD_DNS_ERROR, BD_DNS_ERROR_SERVER,
                   _("The resolver could not answer (DNS response code %d)."), (int)status);
      return NULL;
    }
  answer = bd_dns_answer_new (status);
  ad = json_object_get_member (root, "AD");
  answer->authenticated = ad != NULL && JSON_NODE_HOLDS_VALUE (ad)
                          && json_node_get_value_type (ad) == G_TYPE_BOOLEAN && json_node_get_boolean (ad);
  if (json_object_has_member (root, "Answer"))
    {
      JsonNode *node = json_object_get_member (root, "Answer");

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return json_malformed (error);
      records = json_node_get_array (node);
    }
  for (guint i = 0; records && i < json_array_get_length (records); i++)
    {
      JsonNode *node = json_array_get_element (records, i);
      JsonObject *rr;
      JsonNode *data, *ttl;
      gint64 ttl_value;
      const char *text;
      BdDnsRecord *record;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return json_malformed (error);
      rr = json_node_get_object (node);
      if (!json_object_has_member (rr, "type")
          || json_node_get_value_type (json_object_get_member (rr, "type")) != G_TYPE_INT64)
        return json_malformed (error);
      if (json_object_get_int_member (rr, "type") != type)
        continue;
      /* the _with_default getters are critical on an object or array:
       * look at the nodes first (found by fuzz-dns-json) */
      data = json_object_get_member (rr, "data");
      ttl = json_object_get_member (rr, "TTL");
      ttl_value = ttl != NULL && JSON_NODE_HOLDS_VALUE (ttl)
                  && json_node_get_value_type (ttl) == G_TYPE_INT64 ? json_node_get_int (ttl) : 0;
      text = data != NULL && JSON_NODE_HOLDS_VALUE (data) && json_node_get_value_type (data) == G_TYPE_STRING
             ? json_node_get_string (data) : NULL;
      if (text == NULL || (record = record_from_json (type, ttl_value, text)) == NULL)
        return json_malformed (error);
      bd_dns_answer_add (answer, record);
    }
  if (answer->records->len == 0)
    answer->ttl = 300;
  return g_steal_pointer (&answer);
}
