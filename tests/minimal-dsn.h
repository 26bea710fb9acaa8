/* minimal-dsn.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A minimal RFC 3464 delivery report whose only clues are a status code
 * and, optionally, the server's words, decoded through the whole
 * production pipeline (bd_decoder_decode_bytes): the table-driven tests
 * use it to put one row of a table at a time in front of the decoder. The
 * shape is build-aux/phrase-coverage.py's.
 */
#pragma once

#include "bd-decoder.h"

/* @diagnostic: (nullable): without it the report has no Diagnostic-Code
 * field; with it, the words are the reply to RCPT TO. */
static inline BdBounce *
test_decode_minimal_dsn (const char *status,
                         const char *diagnostic)
{
  g_autofree char *field = diagnostic == NULL ? g_strdup ("")
    : g_strdup_printf ("Diagnostic-Code: smtp; 550 %s %s (in reply to RCPT TO command)\n",
                       status, diagnostic);
  g_autofree char *dsn = g_strdup_printf (
    "From: MAILER-DAEMON@mx.example.org\n"
    "To: sender@example.org\n"
    "Subject: Undelivered Mail Returned to Sender\n"
    "Date: Thu, 1 Jan 2026 00:00:00 +0000\n"
    "Message-ID: <table-row@mx.example.org>\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
    "--b\nContent-Type: text/plain\n\nDelivery failed.\n\n"
    "--b\nContent-Type: message/delivery-status\n\n"
    "Reporting-MTA: dns; mx.example.org\n\n"
    "Final-Recipient: rfc822; row@example.net\n"
    "Action: %s\nStatus: %s\n%s\n--b--\n",
    status[0] == '2' ? "delivered" : "failed", status, field);

  return bd_decoder_decode_bytes (dsn, strlen (dsn), "table-row.eml", 0);
}
