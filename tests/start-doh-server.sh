#!/bin/sh
# start-doh-server.sh DIR — starts BIND 9.18 as a DNS-over-HTTPS server on
# 127.0.0.1 serving tests/fixtures/dns/*.zone, with a CA made for the run.
# Prints the DoH URL on stdout; DIR/ca.pem is the CA to trust and
# DIR/named.pid the process to stop (kill "$(cat DIR/named.pid)").
# Exit 77 when named is not installed.
set -eu
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
named=$(command -v named || ls /usr/sbin/named 2>/dev/null || true)
[ -n "$named" ] || { echo "named not installed" >&2; exit 77; }

mkdir -p "$dir"
"$here/make-test-ca.sh" "$dir"
for zone in "$here"/fixtures/dns/*.zone; do cp "$zone" "$dir/"; done

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

# An ordinary process: it runs as whoever starts it (no -u, no chroot) and
# forks into the background, writing DIR/named.pid.
"$named" -c "$dir/named.conf" -n 1 >"$dir/named.out" 2>&1

# wait until it serves (at most 10 s)
i=0
while [ $i -lt 100 ]; do
  if [ -s "$dir/named.pid" ] && grep -q "running" "$dir/named.log" 2>/dev/null; then
    # If the test dies before it stops the server (a failed assertion
    # aborts it), stop the server anyway once the test is gone.
    test_pid=$PPID
    named_pid=$(cat "$dir/named.pid")
    (
      while kill -0 "$test_pid" 2>/dev/null; do sleep 1; done
      kill "$named_pid" 2>/dev/null || true
    ) </dev/null >/dev/null 2>&1 &
    echo "https://127.0.0.1:$doh_port/dns-query"
    exit 0
  fi
  sleep 0.1
  i=$((i + 1))
done
echo "named did not start:" >&2
cat "$dir/named.out" "$dir/named.log" >&2 2>/dev/null || true
exit 1
