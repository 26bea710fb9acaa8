#!/bin/sh
# start-doh-server.sh DIR — starts BIND 9.18 as a DNS-over-HTTPS server on
# 127.0.0.1 serving tests/fixtures/dns/*.zone, with a CA made for the run.
# Prints the DoH URL on stdout; DIR/ca.pem is the CA to trust and
# DIR/named.pid the process to stop (kill "$(cat DIR/named.pid)").
# A second named is a validating DoH resolver (URL in DIR/resolver-url,
# pid in DIR/resolver/named.pid) for the DNSSEC zones that
# make-dnssec-zones.sh signs into DIR: it forwards to the first and trusts
# dnssec.test's key. Without the DNSSEC tools there is no DIR/resolver-url
# and the DNSSEC tests skip.
# Exit 77 when named is not installed.
set -eu
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
named=$(command -v named || ls /usr/sbin/named 2>/dev/null || true)
[ -n "$named" ] || { echo "named not installed" >&2; exit 77; }

mkdir -p "$dir"
"$here/make-test-ca.sh" "$dir"
for zone in "$here"/fixtures/dns/*.zone; do cp "$zone" "$dir/"; done
dnssec=yes
"$here/make-dnssec-zones.sh" "$here/fixtures/dns/dnssec" "$dir" || dnssec=no

free_port () {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
doh_port=$(free_port)
dns_port=$(free_port)

{
  cat <<CONF
options {
  directory "$dir";
  pid-file "$dir/named.pid";
  listen-on port $dns_port { 127.0.0.1; };
  listen-on port $doh_port tls test-tls http test-http { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion no;
  dnssec-validation no;
  notify no;
};
tls test-tls { cert-file "$dir/server.crt"; key-file "$dir/server.key"; };
http test-http { endpoints { "/dns-query"; }; };
controls { };
logging { channel f { file "$dir/named.log"; severity info; }; category default { f; }; };
CONF
  for zone in "$dir"/*.zone; do
    name=$(basename "$zone" .zone)
    echo "zone \"$name\" { type primary; file \"$zone\"; };"
  done
} > "$dir/named.conf"

# The validating resolver: recursion through the first server only
# (forward only), DNSSEC checked from dnssec.test's key down.
if [ $dnssec = yes ]; then
  resolver_port=$(free_port)
  resolver_dns_port=$(free_port)
  mkdir -p "$dir/resolver"
  cat > "$dir/resolver/named.conf" <<CONF
options {
  directory "$dir/resolver";
  pid-file "$dir/resolver/named.pid";
  listen-on port $resolver_dns_port { 127.0.0.1; };
  listen-on port $resolver_port tls test-tls http test-http { 127.0.0.1; };
  listen-on-v6 { none; };
  recursion yes;
  dnssec-validation yes;
  forward only;
  forwarders { 127.0.0.1 port $dns_port; };
  notify no;
};
include "$dir/trust-anchor.conf";
tls test-tls { cert-file "$dir/server.crt"; key-file "$dir/server.key"; };
http test-http { endpoints { "/dns-query"; }; };
controls { };
logging { channel f { file "$dir/resolver/named.log"; severity info; }; category default { f; }; };
CONF
fi

# An ordinary process: it runs as whoever starts it (no -u, no chroot) and
# forks into the background, writing DIR/named.pid.
"$named" -c "$dir/named.conf" -n 1 >"$dir/named.out" 2>&1
[ $dnssec = no ] || "$named" -c "$dir/resolver/named.conf" -n 1 >"$dir/resolver/named.out" 2>&1

# wait until it serves (at most 10 s)
i=0
while [ $i -lt 100 ]; do
  if [ -s "$dir/named.pid" ] && grep -q "running" "$dir/named.log" 2>/dev/null \
     && { [ $dnssec = no ] || grep -q "running" "$dir/resolver/named.log" 2>/dev/null; }; then
    # If the test dies before it stops the server (a failed assertion
    # aborts it), stop the server anyway once the test is gone.
    test_pid=$PPID
    named_pid=$(cat "$dir/named.pid")
    resolver_pid=$(cat "$dir/resolver/named.pid" 2>/dev/null || true)
    (
      while kill -0 "$test_pid" 2>/dev/null; do sleep 1; done
      kill "$named_pid" $resolver_pid 2>/dev/null || true
    ) </dev/null >/dev/null 2>&1 &
    [ $dnssec = no ] || echo "https://127.0.0.1:$resolver_port/dns-query" > "$dir/resolver-url"
    echo "https://127.0.0.1:$doh_port/dns-query"
    exit 0
  fi
  sleep 0.1
  i=$((i + 1))
done
echo "named did not start:" >&2
cat "$dir/named.out" "$dir/named.log" >&2 2>/dev/null || true
exit 1
