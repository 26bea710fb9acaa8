/* test-original.c
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the decoder learns about the message that bounced: the sending
 * server from the Received: chain and the start of its text.
 */
#include "config.h"

#include <gmime/gmime.h>

#include "bd-decoder.h"
#include "bd-mime.h"
#include "bd-original.h"
#include "bd-original-private.h"
#include "bd-sender.h"
#include "bd-text.h"
#include "bd-test-util.h"

#include <string.h>

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

/* The excerpt of a copy quoted in prose: blank runs squeezed, lines
 * stripped (a vertical tab inside kept), a line cut at a NUL in it, twelve
 * lines at most. The expected text is the old code's (g_strndup, then
 * g_strstrip, per line). */
static void
test_original_excerpt_lines (void)
{
  static const char text[] =
    "The message could not be delivered.\n\n"
    "Return-Path: <a@b.example>\nReceived: from x\nFrom: Jan <a@b.example>\nSubject: hi\n\n"
    "\n \t\n  First line  \t\n\n\n\tsecond\x0b line\r\n\n third\0hidden tail\n"
    "4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
  g_autoptr(BdBounce) bounce = bd_bounce_new ("quoted", 0);

  g_assert_true (bd_original_fill_from_text (bounce->original, text, sizeof text - 1));
  g_assert_cmpstr (bounce->original->excerpt, ==,
                   "First line\n\nsecond\x0b line\n\nthird\n4\n5\n6\n7\n8\n9\n10\n11\n12");
}

/* The sample with a header put at the top of its attached original. */
static BdBounce *
decode_with_original_header (const char *header)
{
  g_autofree char *path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), "data", "samples",
                                            "postfix-user-unknown.eml", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  const char *part, *body;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  part = strstr (contents, "Content-Type: message/rfc822");
  g_assert_nonnull (part);
  body = strstr (part, "\n\n");
  g_assert_nonnull (body);
  text = g_string_new_len (contents, body + 2 - contents);
  g_string_append_printf (text, "%s\n%s", header, body + 2);
  return bd_decoder_decode_bytes (text->str, text->len, path, 0);
}

/* BIMI-Selector (draft-brand-indicators-for-message-identification §4.2)
 * names the record receivers look up; without v=BIMI1 it is not one. */
static void
test_original_bimi_selector (void)
{
  g_autoptr(BdBounce) named = decode_with_original_header ("BIMI-Selector: v=BIMI1; s=Brand2026;");
  g_autoptr(BdBounce) folded = decode_with_original_header ("BIMI-Selector: v=BIMI1;\n\ts=spring");
  g_autoptr(BdBounce) no_version = decode_with_original_header ("BIMI-Selector: s=brand");
  g_autoptr(BdBounce) none = decode_sample ("postfix-user-unknown.eml");

  g_assert_cmpstr (bd_bounce_get_bimi_selector (named), ==, "brand2026");
  g_assert_cmpstr (bd_bounce_get_bimi_selector (folded), ==, "spring");
  g_assert_null (bd_bounce_get_bimi_selector (no_version));
  g_assert_null (bd_bounce_get_bimi_selector (none));
  /* the rest of the original is read as before */
  g_assert_cmpstr (named->original->excerpt, ==, none->original->excerpt);
}

/* The IPv4 reading without GInetAddress (bd-original-received.c read_ipv4 and
 * is_public_ipv4) gives what GInetAddress gave: the old test, kept here. */
static gboolean
ref_is_public_ip (const char *ip)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (ip);
  const guint8 *bytes;

  if (address == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (address) || g_inet_address_get_is_site_local (address)
      || g_inet_address_get_is_link_local (address) || g_inet_address_get_is_any (address)
      || g_inet_address_get_is_multicast (address))
    return FALSE;
  bytes = g_inet_address_to_bytes (address);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4)
    return !(bytes[0] == 100 && (bytes[1] & 0xc0) == 64) && bytes[0] != 0;
  return (bytes[0] & 0xfe) != 0xfc;
}

/* @ip written after @tag ("" or "IPv6:") in the server's comment */
static void
assert_tagged_as_before (const char *tag,
                         const char *ip)
{
  g_autofree char *received = g_strdup_printf ("from mx.example.net (mx.example.net [%s%s]) by mx.example.org",
                                               tag, ip);
  g_autofree char *found = NULL;
  g_autofree char *host = NULL;
  gboolean expected = g_hostname_is_ip_address (ip) && ref_is_public_ip (ip);

  if (bd_original_parse_received (received, &found, &host) != expected)
    g_error ("%s%s: read as %s", tag, ip, expected ? "not public" : "public");
}

static void
assert_received_as_before (const char *ip)
{
  assert_tagged_as_before ("", ip);
}

/* Every octet form read_octet () tells apart (one to four digits, leading
 * zeros, past 255, none), in each of the four places. */
static void
assert_octets_as_before (void)
{
  static const char *const octets[] = {
    "", "0", "00", "000", "1", "01", "001", "9", "10", "099", "100", "199", "249", "250",
    "255", "256", "259", "260", "299", "300", "999", "1000", "0255", "2555", "a", "1a",
  };

  for (guint place = 0; place < 4; place++)
    for (guint i = 0; i < G_N_ELEMENTS (octets); i++)
      {
        const char *parts[4] = { "8", "8", "4", "4" };
        g_autofree char *ip = NULL;

        parts[place] = octets[i];
        ip = g_strjoin (".", parts[0], parts[1], parts[2], parts[3], NULL);
        assert_received_as_before (ip);
      }
}

static void
test_original_received_ipv4 (void)
{
  static const guint seconds[] = { 0, 1, 15, 16, 31, 32, 63, 64, 100, 127, 128, 167, 168, 191, 192, 253, 254, 255 };
  static const char *const odd[] = {
    "01.2.3.4", "1.02.3.4", "1.2.3.004", "0.0.0.0", "256.1.1.1", "1.1.1", "1.1.1.1.1", "1..1.1",
    "1.1.1.", ".1.1.1", "1234.1.1.1", "8.8.8.8", "0.1.2.3", "00.1.2.3", "1.2.3.4a", "::1",
    "2001:db8::1", "fc00::1", "fe80::1", "::ffff:8.8.8.8", "::ffff:10.0.0.1", "2a00:1450::1",
  };

  for (guint a = 0; a < 256; a++)
    for (guint i = 0; i < G_N_ELEMENTS (seconds); i++)
      {
        g_autofree char *ip = g_strdup_printf ("%u.%u.7.%u", a, seconds[i], (a * 7 + i) % 256);

        assert_received_as_before (ip);
      }
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    assert_received_as_before (odd[i]);
  assert_octets_as_before ();
}

/* IPv6 addresses of every kind GInetAddress tells apart, and random
 * strings of the bytes ip_at () reads: read once there (parse_ipv4 (),
 * inet_pton () and byte tests), they give what g_hostname_is_ip_address ()
 * and GInetAddress gave. */
static void
test_original_received_ip_random (void)
{
  static const char *const v6[] = {
    "::", "::1", "::2", "0::1", "::0:1", "1::", "fe80::1", "fe80::", "febf::1", "fec0::1", "feff::1",
    "fe7f::1", "ff02::1", "ff00::", "fc00::1", "fd12:3456::1", "fe00::1", "fb00::1", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:8.8.8.8", "::127.0.0.1", "::8.8.8.8", "64:ff9b::8.8.8.8",
    "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:1.2.3.4", "1::2::3", ":1::", "1:::2", "12345::1",
    "::ffff:1.2.3", "::ffff:01.2.3.4", "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "a:b:c:d:e:f:0:1",
    "ABCD:EF01::", "0:0:0:0:0:0:0:0", "0:0:0:0:0:0:0:1", "fe80:0:0:0:0:0:0:1",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  static const char alphabet[] = "0123456789abcdefABCF.:";

  for (guint i = 0; i < G_N_ELEMENTS (v6); i++)
    {
      assert_received_as_before (v6[i]);
      assert_tagged_as_before ("IPv6:", v6[i]);
    }
  for (guint round = 0; round < 50000; round++)
    {
      char ip[46];
      gsize len = g_rand_int_range (rand, 1, sizeof ip);

      for (gsize k = 0; k < len; k++)
        ip[k] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      ip[len] = '\0';
      assert_received_as_before (ip);
    }
  /* and formed ones: eight groups or fewer around a "::", some with an
   * IPv4 tail */
  for (guint round = 0; round < 50000; round++)
    {
      g_autoptr(GString) ip = g_string_new (NULL);
      guint groups = g_rand_int_range (rand, 1, 9);
      guint skip = g_rand_int_range (rand, 0, groups + 2);

      for (guint k = 0; k < groups; k++)
        {
          static const char *const firsts[] = { "fe80", "fec0", "ff02", "fc00", "fd00", "2001", "0", "" };

          if (k == skip)
            g_string_append (ip, k == 0 ? "::" : ":");
          else if (k > 0)
            g_string_append_c (ip, ':');
          if (k == 0 && g_rand_boolean (rand))
            g_string_append (ip, firsts[g_rand_int_range (rand, 0, G_N_ELEMENTS (firsts))]);
          else
            g_string_append_printf (ip, "%x", g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 2 : 0x10000));
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_string_append_printf (ip, ":%u.%u.%u.%u", g_rand_int_range (rand, 0, 256), g_rand_int_range (rand, 0, 256),
                                g_rand_int_range (rand, 0, 256), g_rand_int_range (rand, 0, 256));
      if (ip->len <= 45)
        assert_received_as_before (ip->str);
    }
}

/* The excerpt as it was made before (in a GString, chomped and checked
 * by GLib), kept as the oracle for the one built in place. */
static char *
old_make_excerpt (const char *text,
                  gsize       len)
{
  g_autoptr(GString) out = g_string_sized_new (MIN (len, 800) + 2);
  const char *p = text, *end = text + len;
  guint lines = 0;
  gboolean blank = TRUE;

  while (p < end && lines < 12 && out->len < 800)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *line = p, *stop = p + strnlen (p, (eol ? eol : end) - p);

      p = eol ? eol + 1 : end;
      while (line < stop && g_ascii_isspace (*line))
        line++;
      while (stop > line && g_ascii_isspace (stop[-1]))
        stop--;
      if (line == stop)
        {
          if (!blank)
            g_string_append_c (out, '\n');
          blank = TRUE;
          continue;
        }
      g_string_append_len (out, line, stop - line);
      g_string_append_c (out, '\n');
      blank = FALSE;
      lines++;
    }
  g_strchomp (out->str);
  if (out->str[0] == '\0' || !g_utf8_validate (out->str, -1, NULL))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The excerpt of a header block's quoted body, made by
 * bd_original_fill_from_text (), against the old making. */
static void
assert_excerpt_as_before (const char *body,
                          gsize       len)
{
  g_autoptr(BdBounce) bounce = bd_bounce_new ("test", 0);
  g_autoptr(GString) text = g_string_new ("Return-Path: <a@example.com>\nFrom: a@example.com\n\n");
  g_autofree char *expected = old_make_excerpt (body, MIN (len, 16 * 1024));

  g_string_append_len (text, body, len);
  g_assert_true (bd_original_fill_from_text (bounce->original, text->str, text->len));
  g_assert_cmpstr (bounce->original->excerpt, ==, expected);
}

/* Random bodies of short and long lines, blank runs, white space of every
 * kind, NULs, valid and broken UTF-8; and lines around the limits. */
static void
test_original_excerpt_random (void)
{
  static const char *const pieces[] = {
    "word", "Hello there", " ", "\t", "\r", "\v", "\f", "\n", "\n\n", "\n \n", "\0", "\xc3\xa9",
    "\xe2\x82\xac", "\xc3", "\xff", "\xa9", "x",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  assert_excerpt_as_before ("", 0);
  for (gsize n = 790; n <= 810; n++)
    {
      g_autofree char *line = g_strnfill (n, 'a');
      g_autofree char *two = g_strdup_printf ("%s\nnext\n", line);

      assert_excerpt_as_before (line, n);
      assert_excerpt_as_before (two, strlen (two));
    }
  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint n = g_rand_int_range (rand, 0, 80);

      for (guint k = 0; k < n; k++)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          if (g_rand_int_range (rand, 0, 40) == 0)
            for (guint c = g_rand_int_range (rand, 0, 1200); c > 0; c--)
              g_string_append_c (body, 'a' + c % 26);
          else
            g_string_append_len (body, piece, piece[0] == '\0' ? 1 : strlen (piece));
        }
      assert_excerpt_as_before (body->str, body->len);
    }
}

/* The first d= (lowered) and s= of a DKIM-Signature value read tag by
 * tag to its end: the oracle for the reading that stops once it has both. */
static void
old_dkim_tags (const char  *value,
               char       **domain,
               char       **selector)
{
  g_auto(GStrv) pieces = g_strsplit (value, ";", -1);

  *domain = *selector = NULL;
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *eq = strchr (pieces[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL)
        continue;
      name = g_strstrip (g_strndup (pieces[i], eq - pieces[i]));
      if (strcmp (name, "d") == 0 && *domain == NULL)
        *domain = g_ascii_strdown (g_strstrip (eq + 1), -1);
      else if (strcmp (name, "s") == 0 && *selector == NULL)
        *selector = g_strdup (g_strstrip (eq + 1));
    }
}

static void
test_original_dkim_random (void)
{
  static const char *const tags[] = {
    "v=1", "a=rsa-sha256", "d=Example.COM", "d = second.example ", "s=sel1", " s = Sel2", "s=", "d=",
    "D=upper.example", "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", "b=dGVzdA==", "h=From:To", "novalue",
    "", " ", "x=d=odd",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  /* the sample's own signatures, after the one put first */
  g_autoptr(BdBounce) plain = decode_with_original_header ("X-Test: 1");
  guint base = plain->original->dkim->len;

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      g_autoptr(GString) header = g_string_new ("DKIM-Signature: ");
      g_autoptr(BdBounce) bounce = NULL;
      g_autofree char *domain = NULL;
      g_autofree char *selector = NULL;
      guint n = g_rand_int_range (rand, 0, 9);

      for (guint k = 0; k < n; k++)
        g_string_append_printf (value, "%s%s", k > 0 ? ";" : "", tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))]);
      g_string_append (header, value->str);
      old_dkim_tags (value->str, &domain, &selector);
      bounce = decode_with_original_header (header->str);
      if (domain == NULL && selector == NULL)
        g_assert_cmpuint (bounce->original->dkim->len, ==, base);
      else
        {
          const BdDkimRef *ref;

          g_assert_cmpuint (bounce->original->dkim->len, ==, base + 1);
          ref = g_ptr_array_index (bounce->original->dkim, 0);
          g_assert_cmpstr (ref->domain, ==, domain);
          g_assert_cmpstr (ref->selector, ==, selector);
        }
    }
}

/* Every field of the original but the excerpt the same in @a and @b. */
static void
assert_same_original (const BdOriginal *a,
                      const BdOriginal *b)
{
  g_assert_cmpstr (a->from, ==, b->from);
  g_assert_cmpstr (a->subject, ==, b->subject);
  g_assert_cmpstr (a->message_id, ==, b->message_id);
  g_assert_cmpstr (a->date, ==, b->date);
  g_assert_cmpstr (a->sender_ip, ==, b->sender_ip);
  g_assert_cmpstr (a->sender_host, ==, b->sender_host);
  g_assert_cmpstr (a->bimi_selector, ==, b->bimi_selector);
  g_assert_cmpuint (a->to->len, ==, b->to->len);
  for (guint i = 0; i < a->to->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a->to, i), ==, g_ptr_array_index (b->to, i));
  g_assert_cmpuint (a->dkim->len, ==, b->dkim->len);
  for (guint i = 0; i < a->dkim->len; i++)
    {
      const BdDkimRef *x = g_ptr_array_index (a->dkim, i), *y = g_ptr_array_index (b->dkim, i);

      g_assert_cmpstr (x->domain, ==, y->domain);
      g_assert_cmpstr (x->selector, ==, y->selector);
    }
}

/* The message at @path decoded with the app's fields on, off, then on
 * again: every field of the original but the excerpt the same, the
 * excerpt and the bounce's own To not read while off and read as before
 * once on again. Which of the two it had: 1 the excerpt, 2 the To. */
static guint
check_without_app_fields (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(BdBounce) with = NULL, without = NULL, again = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  with = bd_decoder_decode_bytes (contents, len, path, 0);
  bd_original_set_app_fields (FALSE);
  without = bd_decoder_decode_bytes (contents, len, path, 0);
  bd_original_set_app_fields (TRUE);
  again = bd_decoder_decode_bytes (contents, len, path, 0);
  assert_same_original (with->original, without->original);
  g_assert_null (without->original->excerpt);
  g_assert_null (without->to);
  g_assert_cmpstr (again->original->excerpt, ==, with->original->excerpt);
  g_assert_cmpstr (again->to, ==, with->to);
  return (with->original->excerpt != NULL ? 1 : 0) | (with->to != NULL ? 2 : 0);
}

/* The app's fields off (the CLI's setting) over the samples and the decoder's,
 * scanners' and families' fixtures: attached originals, text/rfc822-headers
 * parts and copies quoted in prose. */
static void
test_original_no_app_fields (void)
{
  static const char *const dirs[][3] = {
    { "data", "samples", NULL }, { "tests", "fixtures", "decoder" },
    { "tests", "fixtures", "scanners" }, { "tests", "fixtures", "families" },
  };
  guint excerpts = 0, tos = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir_path = g_build_filename (g_getenv ("BD_SOURCE_ROOT"), dirs[i][0], dirs[i][1], dirs[i][2], NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);

          guint had;

          if (!g_str_has_suffix (name, ".eml"))
            continue;
          had = check_without_app_fields (path);
          excerpts += (had & 1) != 0;
          tos += (had & 2) != 0;
        }
    }
  g_test_message ("%u excerpts and %u To left out", excerpts, tos);
  /* the fixtures have both to leave out */
  g_assert_cmpuint (excerpts, >, 30);
  g_assert_cmpuint (tos, >, 30);
}

/* --- bd_original_parse_received () as it was, the oracle ---------------- */

static const char *
old_ip_at (const char *p,
           const char *end,
           char        ip[46])
{
  const char *start = p, *stop;

  if (end - start > 5 && g_ascii_strncasecmp (start, "ipv6:", 5) == 0)
    start += 5;
  stop = start;
  while (stop < end && (g_ascii_isxdigit (*stop) || *stop == '.' || *stop == ':'))
    stop++;
  if (stop == start || stop - start > 45 || (stop < end && *stop != ']' && *stop != ')'))
    return NULL;
  memcpy (ip, start, stop - start);
  ip[stop - start] = '\0';
  return g_hostname_is_ip_address (ip) ? ip : NULL;
}

static gboolean
old_looks_like_host (const char *word,
                     gsize       len)
{
  gboolean dot = FALSE;

  if (len == 0 || len > 253)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (word[i] == '.')
        dot = TRUE;
      else if (!g_ascii_isalnum (word[i]) && word[i] != '-' && word[i] != '_')
        return FALSE;
    }
  return dot && !g_ascii_isdigit (word[len - 1]);
}

static gboolean
old_parse_received (const char  *received,
                    char       **ip,
                    char       **host)
{
  const char *from, *end, *p;
  char buf[46];
  const char *found = NULL, *bracket = NULL;

  *ip = *host = NULL;
  from = received;
  while (*from == ' ' || *from == '\t')
    from++;
  if (g_ascii_strncasecmp (from, "from", 4) != 0)
    return FALSE;
  end = strstr (from, " by ");
  if (end == NULL)
    end = from + strlen (from);
  for (p = from; p < end && found == NULL; p++)
    {
      const char *q;

      if (*p != '(' || g_ascii_strncasecmp (p + 1, "helo", 4) == 0 || g_ascii_strncasecmp (p + 1, "ehlo", 4) == 0)
        continue;
      for (q = p + 1; q < end && *q != ')' && *q != '['; q++)
        ;
      if (q < end && *q == '[' && old_ip_at (q + 1, end, buf) != NULL && ref_is_public_ip (buf))
        {
          found = buf;
          bracket = p + 1;
        }
    }
  for (p = from; p < end && found == NULL; p++)
    if (*p == '[' || *p == '(')
      found = old_ip_at (p + 1, end, buf);
  if (found == NULL || !ref_is_public_ip (found))
    return FALSE;
  if (bracket != NULL)
    {
      gsize n = strcspn (bracket, " [");

      if (old_looks_like_host (bracket, n))
        *host = g_ascii_strdown (bracket, n);
    }
  if (*host == NULL)
    {
      const char *helo = from + 4;
      gsize n;

      while (*helo == ' ' || *helo == '\t')
        helo++;
      n = strcspn (helo, " \t([");
      if (old_looks_like_host (helo, n))
        *host = g_ascii_strdown (helo, n);
    }
  *ip = g_strdup (found);
  return TRUE;
}

/* Random Received: values made of the pieces the reader looks at (the
 * "from" and " by " words, comments, brackets, HELO claims, host names,
 * public and private IPv4 and IPv6 addresses) against the reader as it
 * was: the same answer, IP and host. */
static void
test_original_received_random (void)
{
  static const char *const pieces[] = {
    "from", "FROM ", " ", "\t", " by ", "by", "(", ")", "[", "]", "(HELO ", "(ehlo ", "helo", "IPv6:",
    "mail.example.com", "Mail.Example.COM", "host-1", "x_y.z", "a.b9", "user@", "unknown", "203.0.113.7",
    "198.51.100.25", "10.0.0.1", "192.168.1.20", "127.0.0.1", "0.1.2.3", "256.1.1.1", "01.2.3.4",
    "2001:db8::1", "fe80::1", "::1", "fc00::2", "1:2", "abc", ".", ":", ";", "with ESMTPS",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  for (guint round = 0; round < 30000; round++)
    {
      g_autoptr(GString) value = g_string_new (g_rand_int_range (rand, 0, 8) != 0 ? "from " : "");
      g_autofree char *ip = NULL, *host = NULL, *old_ip = NULL, *old_host = NULL;
      guint n = g_rand_int_range (rand, 0, 16);
      gboolean ok, old_ok;

      /* every other value in the usual shape, "HELO (host [IP]) by",
       * its parts random */
      if (round % 2 == 0)
        g_string_append_printf (value, "%s (%s%s[%s%s]) (%s [%s])%s",
                                pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                g_rand_boolean (rand) ? " " : "", g_rand_boolean (rand) ? "IPv6:" : "",
                                pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))],
                                g_rand_boolean (rand) ? " by mx.example.org" : "");
      for (guint k = 0; k < n; k++)
        g_string_append (value, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      ok = bd_original_parse_received (value->str, &ip, &host);
      old_ok = old_parse_received (value->str, &old_ip, &old_host);
      if (ok != old_ok || g_strcmp0 (ip, old_ip) != 0 || g_strcmp0 (host, old_host) != 0)
        g_error ("\"%s\": read as %d %s %s, was %d %s %s", value->str, ok, ip, host, old_ok, old_ip, old_host);
    }
}

/* What header_value_in () (bd-original.c) gives for a raw value: unfolded,
 * then decoded by GMime when it holds an encoded word or is not UTF-8. */
static char *
ref_header_value (const char *raw,
                  gsize       len)
{
  g_autofree char *value = bd_mime_unfold (raw, len);
  char *decoded;

  if (strstr (value, "=?") == NULL && g_utf8_validate (value, -1, NULL))
    return g_steal_pointer (&value);
  decoded = g_mime_utils_header_decode_text (NULL, value);
  return decoded != NULL ? decoded : g_strdup ("");
}

/* bd_original_received_may_name_ip () against the reading it lets pass:
 * whenever it turns a raw value away, that value unfolded and decoded
 * names no IP. Blanks, line breaks, NULs, 8-bit bytes and encoded words
 * that decode to "from" at its start. */
static void
test_original_received_gate_random (void)
{
  static const char *const pieces[] = {
    " ", "\t", "\n", "\n ", "\r", "\v", "\f", "\0", "from", "FROM", "f", "F", "rom ", "by ", "x",
    "=?utf-8?q?from?= ", "=?UTF-8?B?ZnJvbSA=?=", "=?iso-8859-1?q?from_?=", "=", "?", "\xc3\xa9",
    "\xff", "\xe2\x80\x83", "(mail.example.com [203.0.113.7]) ", "[198.51.100.25] ", "mx.example.org ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261208);
  guint turned_away = 0, passed = 0;

  for (guint round = 0; round < 40000; round++)
    {
      g_autoptr(GString) raw = g_string_new (NULL);
      g_autofree char *value = NULL, *ip = NULL, *host = NULL;
      guint n = g_rand_int_range (rand, 0, 10);

      for (guint k = 0; k < n; k++)
        {
          const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

          g_string_append_len (raw, piece, piece[0] == '\0' ? 1 : strlen (piece));
        }
      /* half of them with an IP the reader takes, after what came first */
      if (round % 2 == 0)
        g_string_append (raw, "from mail.example.com (mail.example.com [203.0.113.7]) by mx");
      value = ref_header_value (raw->str, raw->len);
      if (bd_original_received_may_name_ip (raw->str, raw->len))
        {
          passed++;
          continue;
        }
      turned_away++;
      if (bd_original_parse_received (value, &ip, &host))
        g_error ("\"%s\" (%" G_GSIZE_FORMAT " bytes): turned away, but names %s", raw->str, raw->len, ip);
    }
  g_test_message ("%u turned away, %u passed", turned_away, passed);
  g_assert_cmpuint (turned_away, >, 5000);
  g_assert_cmpuint (passed, >, 5000);
}

/* DKIM-Signature values as signers fold them (and as they do not): d=
 * and s= before or after long h=, bh= and b= tags, so that they fall
 * either side of the start read alone, with folds, '?', encoded words
 * and 8-bit text; against the old reading of the whole value unfolded
 * and decoded. */
static void
test_original_dkim_folded_random (void)
{
  static const char *const tags[] = {
    "v=1", "a=rsa-sha256", "d=Example.COM", "d = second.example ", "s=sel1", " s = Sel2", "s=", "d=",
    "d=exa\n mple.com", "s=sel\n\t2", "\n d=folded.example", "s=\n sel3", "x=a?b", "x==?utf-8?q?d=3D?=",
    "z=Subject:=?utf-8?q?caf=C3=A9?=", "d=caf\xc3\xa9.example", "s=\xff", "novalue", "", " ", "x=d=odd",
    "h=From:To:Subject:Date:Message-ID:MIME-Version:Content-Type:\n\tContent-Transfer-Encoding:Reply-To",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261208);
  g_autoptr(BdBounce) plain = decode_with_original_header ("X-Test: 1");
  guint base = plain->original->dkim->len;

  for (guint round = 0; round < 1500; round++)
    {
      g_autoptr(GString) value = g_string_new (NULL);
      g_autoptr(GString) header = g_string_new ("DKIM-Signature: ");
      g_autoptr(BdBounce) bounce = NULL;
      g_autofree char *unfolded = NULL, *domain = NULL, *selector = NULL;
      guint n = g_rand_int_range (rand, 0, 9);

      for (guint k = 0; k < n; k++)
        {
          if (k > 0)
            g_string_append (value, g_rand_boolean (rand) ? ";" : ";\n\t");
          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              /* a long tag, base64 folded at random */
              g_string_append (value, g_rand_boolean (rand) ? "b=" : "bh=");
              for (guint c = g_rand_int_range (rand, 0, 400); c > 0; c--)
                g_string_append (value, g_rand_int_range (rand, 0, 60) == 0 ? "\n\t" : "A");
            }
          else
            g_string_append (value, tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))]);
        }
      g_string_append (header, value->str);
      unfolded = ref_header_value (value->str, value->len);
      old_dkim_tags (unfolded, &domain, &selector);
      bounce = decode_with_original_header (header->str);
      if (domain == NULL && selector == NULL)
        g_assert_cmpuint (bounce->original->dkim->len, ==, base);
      else
        {
          const BdDkimRef *ref;

          g_assert_cmpuint (bounce->original->dkim->len, ==, base + 1);
          ref = g_ptr_array_index (bounce->original->dkim, 0);
          if (g_strcmp0 (ref->domain, domain) != 0 || g_strcmp0 (ref->selector, selector) != 0)
            g_error ("\"%s\": read as %s %s, was %s %s", value->str, ref->domain, ref->selector, domain, selector);
        }
    }
}

/* The fields bd_original_fill_from_message () reads, each with a value
 * that sets its own member of the original. */
static const struct
{
  const char *name;
  const char *value;
} read_fields[] = {
  { "To", "a@to.example" }, { "From", "b@from.example" }, { "Date", "Mon, 2 Mar 2026 10:15:07 +0100" },
  { "Subject", "hi" }, { "Received", "from x (x.example [203.0.113.7]) by y" }, { "Message-ID", "<m@id.example>" },
  { "BIMI-Selector", "v=BIMI1; s=brand" }, { "DKIM-Signature", "v=1; d=example.com; s=sel; b=x" },
};

/* Whether the field @i of read_fields was read into @original. */
static gboolean
field_was_read (const BdOriginal *original,
                guint             i)
{
  switch (i)
    {
    case 0: return original->to->len > 0;
    case 1: return original->from != NULL;
    case 2: return original->date != NULL;
    case 3: return original->subject != NULL;
    case 4: return original->sender_ip != NULL;
    case 5: return original->message_id != NULL;
    case 6: return original->bimi_selector != NULL;
    default: return original->dkim->len > 0;
    }
}

/* Field names in random case, and near misses (a byte changed, one more
 * or one less): a field is read exactly when its name is one of those
 * read in any case, as the byte-by-byte compare of the lowered name, the
 * oracle here (g_ascii_strncasecmp () of the same length), said. */
static void
test_original_field_names (void)
{
  static const char others[] = "-_xX0@\x7f\xc5Rr";
  g_autoptr(GRand) rand = g_rand_new_with_seed (5322);

  for (guint round = 0; round < BD_TEST_ROUNDS (20000); round++)
    {
      guint i = g_rand_int_range (rand, 0, G_N_ELEMENTS (read_fields));
      g_autoptr(GString) name = g_string_new (read_fields[i].name);
      g_autoptr(GString) text = NULL;
      g_autoptr(BdMimePart) message = NULL;
      g_autoptr(BdBounce) bounce = bd_bounce_new ("names", 0);
      gboolean same;

      for (gsize k = 0; k < name->len; k++)
        if (g_rand_boolean (rand))
          name->str[k] = g_ascii_isupper (name->str[k]) ? g_ascii_tolower (name->str[k]) : g_ascii_toupper (name->str[k]);
      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          name->str[g_rand_int_range (rand, 0, name->len)] = others[g_rand_int_range (rand, 0, sizeof others - 1)];
          break;
        case 1:
          g_string_append_c (name, 'x');
          break;
        case 2:
          g_string_truncate (name, name->len - 1);
          break;
        default:
          break;
        }
      same = name->len == strlen (read_fields[i].name)
             && g_ascii_strncasecmp (name->str, read_fields[i].name, name->len) == 0;
      text = g_string_new (NULL);
      g_string_append_printf (text, "%s: %s\nX-Other: 1\n\nbody\n", name->str, read_fields[i].value);
      message = bd_mime_parse_head (text->str, text->len);
      bd_original_fill_from_message (bounce->original, message);
      if (field_was_read (bounce->original, i) != same)
        g_error ("\"%s: %s\": read %d, should be %d", name->str, read_fields[i].value, !same, same);
    }
}

/* bd_text_ascii_down_dup (), the host names, DKIM d= and selectors
 * read here, against the copy then the lowering it replaced: spans of
 * every length up to 64 bytes (around the 16 its loop lowers at once),
 * of any byte but the NUL, ending where a heap block ends (under
 * AddressSanitizer a read past it fails). */
static void
test_original_lowered_copies (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2047);

  for (guint round = 0; round < BD_TEST_ROUNDS (4000); round++)
    {
      gsize n = round % 65;
      g_autofree char *span = g_malloc (n + 1);
      g_autofree char *lower = NULL, *copy = NULL, *want = NULL;

      for (gsize i = 0; i < n; i++)
        span[i] = g_rand_boolean (rand) ? (char)g_rand_int_range (rand, 'A', 'Z' + 2)
                                        : (char)g_rand_int_range (rand, 1, 256);
      /* past the span, in its block: the copy must not read it */
      span[n] = 'Q';
      lower = bd_text_ascii_down_dup (span, n);
      copy = g_strndup (span, n);
      want = g_ascii_strdown (copy, -1);
      g_assert_cmpmem (lower, n + 1, want, n + 1);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_mime_init ();

  g_test_add_func ("/core/original/received", test_original_received);
  g_test_add_func ("/core/original/received-ipv4", test_original_received_ipv4);
  g_test_add_func ("/core/original/received-ip-random", test_original_received_ip_random);
  g_test_add_func ("/core/original/received-random", test_original_received_random);
  g_test_add_func ("/core/original/received-gate-random", test_original_received_gate_random);
  g_test_add_func ("/core/original/dkim-folded-random", test_original_dkim_folded_random);
  g_test_add_func ("/core/original/excerpt", test_original_excerpt);
  g_test_add_func ("/core/original/excerpt-lines", test_original_excerpt_lines);
  g_test_add_func ("/core/original/excerpt-random", test_original_excerpt_random);
  g_test_add_func ("/core/original/no-app-fields", test_original_no_app_fields);
  g_test_add_func ("/core/original/bimi-selector", test_original_bimi_selector);
  g_test_add_func ("/core/original/dkim-random", test_original_dkim_random);
  g_test_add_func ("/core/original/field-names", test_original_field_names);
  g_test_add_func ("/core/original/lowered-copies", test_original_lowered_copies);

  return g_test_run ();
}
