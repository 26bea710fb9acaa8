/* test-original.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the decoder learns about the message that bounced: the sending
 * server from the Received: chain and the start of its text.
 */
#include "config.h"

#include <gmime/gmime.h>

#include "bd-decoder.h"
#include "bd-original.h"

typedef struct
{
  const char *received;
  const char *ip;
  const char *host;
} ReceivedCase;

/* The address the receiving server saw (in its comment) wins over what
 * the client claimed in HELO; private addresses are not the sender. */
static const ReceivedCase received_cases[] = {
  { "from [192.0.2.44] (unknown [203.0.113.7]) by mail.firma.example.pl (Postfix) with ESMTPSA id 4F1A",
    "203.0.113.7", NULL },
  { "from [10.0.0.12] (host-203-0-113-9.example.net [203.0.113.9]) by mail.example.pl with ESMTPSA",
    "203.0.113.9", "host-203-0-113-9.example.net" },
  { "from unknown (HELO [192.168.1.20]) (jan@example.pl@[203.0.113.41]) by serwer.example.pl with SMTP",
    "203.0.113.41", NULL },
  { "from mail.example.com (mail.example.com [198.51.100.25]) by mx.example.net (Postfix)",
    "198.51.100.25", "mail.example.com" },
  { "from laptop (192.168.0.5) by mail.example.com", NULL, NULL },
  { "by mail.example.com with LMTP id abc", NULL, NULL },
};

static void
test_original_received (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (received_cases); i++)
    {
      g_autofree char *ip = NULL;
      g_autofree char *host = NULL;
      gboolean found = bd_original_parse_received (received_cases[i].received, &ip, &host);

      g_test_message ("%s", received_cases[i].received);
      g_assert_cmpint (found, ==, received_cases[i].ip != NULL);
      g_assert_cmpstr (ip, ==, received_cases[i].ip);
      g_assert_cmpstr (host, ==, received_cases[i].host);
    }
}

static BdBounce *
decode_sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples", name, NULL);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return bd_decoder_decode_bytes (contents, len, path, 0);
}

static void
test_original_excerpt (void)
{
  g_autoptr(BdBounce) attached = decode_sample ("postfix-user-unknown.eml");
  g_autoptr(BdBounce) quoted = decode_sample ("qmail-pl-skrzynka-pelna.eml");
  g_autoptr(BdBounce) headers_only = decode_sample ("gmail-unauthenticated.eml");

  /* an attached message/rfc822 */
  g_assert_cmpstr (attached->original->excerpt, ==,
                   "Dear Mr Kowalski,\n\nplease find our invoice for November attached.\n\n"
                   "Best regards,\nAnna Nowak");
  /* a copy quoted in the prose, decoded from UTF-8 */
  g_assert_true (g_str_has_prefix (quoted->original->excerpt, "Dzień dobry,\n\nw załączeniu"));
  /* only the headers came back: nothing to show */
  g_assert_null (headers_only->original->excerpt);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/original/received", test_original_received);
  g_test_add_func ("/core/original/excerpt", test_original_excerpt);

  return g_test_run ();
}
