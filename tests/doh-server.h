/* doh-server.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the tests that talk to a real DoH server: start BIND 9.18 through
 * start-doh-server.sh (its own config, zones and CA in a temporary
 * directory) and stop it again.
 */
#pragma once

#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

typedef struct
{
  char *url;          /* NULL when named could not be started */
  char *resolver_url; /* the validating resolver; NULL without the DNSSEC tools */
  char *dir;
  char *ca_file;
  char *skip_reason;
} DohServer;

void doh_server_start (DohServer *server);
void doh_server_stop (DohServer *server);
