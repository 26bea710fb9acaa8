/* bd-cli-check-domain-json.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bd-cli"

#include "config.h"

#include <json-glib/json-glib.h>

#include "bd-cli-check-domain-json.h"

/* --- JSON ---------------------------------------------------------------- */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_findings (JsonBuilder *builder,
              GPtrArray   *findings)
{
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; findings && i < findings->len; i++)
    {
      const BdFinding *finding = g_ptr_array_index (findings, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", finding->id);
      add_string_or_null (builder, "severity", bd_severity_to_string (finding->severity));
      add_string_or_null (builder, "area", finding->area);
      add_string_or_null (builder, "message", finding->message);
      add_string_or_null (builder, "fix", finding->fix);
      json_builder_set_member_name (builder, "record");
      if (finding->record)
        {
          json_builder_begin_object (builder);
          add_string_or_null (builder, "name", finding->record->name);
          add_string_or_null (builder, "type", finding->record->type);
          add_string_or_null (builder, "value", finding->record->value);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_spf (JsonBuilder *builder,
         BdSpfCheck  *spf)
{
  json_builder_set_member_name (builder, "spf");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "record", spf->record);
  json_builder_set_member_name (builder, "lookups");
  json_builder_add_int_value (builder, spf->lookups);
  json_builder_set_member_name (builder, "void_lookups");
  json_builder_add_int_value (builder, spf->void_lookups);
  add_string_or_null (builder, "result", spf->has_result ? bd_spf_result_to_string (spf->result) : NULL);
  add_string_or_null (builder, "matched", spf->matched);
  add_findings (builder, spf->findings);
  json_builder_end_object (builder);
}

static void
add_dkim (JsonBuilder *builder,
          GPtrArray   *dkim)
{
  json_builder_set_member_name (builder, "dkim");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dkim->len; i++)
    {
      const BdDkimReport *key = g_ptr_array_index (dkim, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "selector", key->selector);
      add_string_or_null (builder, "record", key->record);
      add_string_or_null (builder, "key_type", key->record ? key->key_type : NULL);
      json_builder_set_member_name (builder, "key_bits");
      if (key->key_bits > 0)
        json_builder_add_int_value (builder, key->key_bits);
      else
        json_builder_add_null_value (builder);
      add_findings (builder, key->findings);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_dnssec (JsonBuilder    *builder,
            BdDnssecReport *dnssec)
{
  json_builder_set_member_name (builder, "dnssec");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "signed");
  json_builder_add_boolean_value (builder, dnssec->has_dnskey);
  json_builder_set_member_name (builder, "ds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dnssec->ds->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (dnssec->ds, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "validated");
  json_builder_add_boolean_value (builder, dnssec->validated);
  json_builder_set_member_name (builder, "bogus");
  json_builder_add_boolean_value (builder, dnssec->bogus);
  add_findings (builder, dnssec->findings);
  json_builder_end_object (builder);
}

static void
add_starttls_host (JsonBuilder            *builder,
                   const BdStarttlsResult *result)
{
  g_autofree char *not_after = result->not_after ? g_date_time_format_iso8601 (result->not_after) : NULL;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "host", result->host);
  add_string_or_null (builder, "address", result->address);
  json_builder_set_member_name (builder, "reached");
  json_builder_add_boolean_value (builder, result->reached);
  add_string_or_null (builder, "greeting", result->greeting);
  json_builder_set_member_name (builder, "starttls");
  json_builder_add_boolean_value (builder, result->starttls);
  json_builder_set_member_name (builder, "encrypted");
  json_builder_add_boolean_value (builder, result->encrypted);
  json_builder_set_member_name (builder, "certificate_names");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->names->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (result->names, i));
  json_builder_end_array (builder);
  add_string_or_null (builder, "not_after", not_after);
  add_string_or_null (builder, "problem", result->problem);
  json_builder_end_object (builder);
}

static void
add_starttls (JsonBuilder    *builder,
              BdDomainReport *report)
{
  json_builder_set_member_name (builder, "starttls");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "probed");
  json_builder_add_boolean_value (builder, report->starttls != NULL);
  json_builder_set_member_name (builder, "hosts");
  json_builder_begin_array (builder);
  for (guint i = 0; report->starttls && i < report->starttls->len; i++)
    add_starttls_host (builder, g_ptr_array_index (report->starttls, i));
  json_builder_end_array (builder);
  add_findings (builder, report->starttls_findings);
  json_builder_end_object (builder);
}

static void
add_rdns (JsonBuilder  *builder,
          BdRdnsReport *rdns)
{
  json_builder_set_member_name (builder, "reverse_dns");
  if (rdns == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }
  json_builder_begin_object (builder);
  add_string_or_null (builder, "ip", rdns->ip);
  json_builder_set_member_name (builder, "ptr");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rdns->names->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (rdns->names, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "forward_confirmed");
  json_builder_add_boolean_value (builder, rdns->confirmed);
  add_findings (builder, rdns->findings);
  json_builder_end_object (builder);
}

static void
add_mta_sts (JsonBuilder    *builder,
             BdMtaStsReport *sts)
{
  json_builder_set_member_name (builder, "mta_sts");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "record", sts->record);
  add_string_or_null (builder, "policy_url", sts->policy_url);
  add_string_or_null (builder, "mode", sts->mode);
  json_builder_set_member_name (builder, "mx");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sts->mx->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (sts->mx, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "max_age");
  if (sts->max_age >= 0)
    json_builder_add_int_value (builder, sts->max_age);
  else
    json_builder_add_null_value (builder);
  add_findings (builder, sts->findings);
  json_builder_end_object (builder);
}

static void
add_txt_area (JsonBuilder     *builder,
              const char      *name,
              BdTxtAreaReport *area)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_string_or_null (builder, "record", area->record);
  add_findings (builder, area->findings);
  json_builder_end_object (builder);
}

char *
bd_cli_domain_report_to_json (BdDomainReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_string_or_null (builder, "domain", report->domain);
  add_string_or_null (builder, "resolver", report->resolver);
  add_string_or_null (builder, "ip", report->ip);

  json_builder_set_member_name (builder, "mx");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->mx->records->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (report->mx->records, i));
  json_builder_end_array (builder);
  add_findings (builder, report->mx->findings);
  json_builder_end_object (builder);

  add_spf (builder, report->spf);

  json_builder_set_member_name (builder, "dmarc");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "record", report->dmarc->record);
  add_string_or_null (builder, "found_at", report->dmarc->found_at);
  add_string_or_null (builder, "policy", report->dmarc->policy);
  add_findings (builder, report->dmarc->findings);
  json_builder_end_object (builder);

  add_dkim (builder, report->dkim);

  json_builder_set_member_name (builder, "dnsbl");
  json_builder_begin_array (builder);
  for (guint i = 0; i < report->dnsbl->len; i++)
    {
      const BdDnsblResult *result = g_ptr_array_index (report->dnsbl, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "list", result->list);
      add_string_or_null (builder, "status", bd_dnsbl_status_to_string (result->status));
      add_string_or_null (builder, "detail", result->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_dnssec (builder, report->dnssec);
  add_starttls (builder, report);
  add_rdns (builder, report->rdns);
  add_mta_sts (builder, report->mta_sts);
  add_txt_area (builder, "tls_rpt", report->tlsrpt);
  add_txt_area (builder, "bimi", report->bimi);

  add_findings (builder, report->findings);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

