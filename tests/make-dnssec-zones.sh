#!/bin/sh
# make-dnssec-zones.sh SRC DIR — signs the DNSSEC test zones of SRC
# (tests/fixtures/dns/dnssec/) into DIR at test time, with keys made for the
# run (never kept): signed.dnssec.test and bogus.dnssec.test get a DS in
# dnssec.test; bogus is signed with signatures that expired in 2020 (the
# commonest real DNSSEC failure); nods is signed without a DS; unsigned is
# left as it is. Writes DIR/*.zone and DIR/trust-anchor.conf (the parent's
# key, for the validating resolver). Needs dnssec-keygen/dnssec-signzone
# (bind9 / bind9-utils); exits 77 without them.
set -eu
src=$1
dir=$2
keygen=$(command -v dnssec-keygen || true)
signzone=$(command -v dnssec-signzone || true)
dsfromkey=$(command -v dnssec-dsfromkey || true)
[ -n "$keygen" ] && [ -n "$signzone" ] && [ -n "$dsfromkey" ] || exit 77
keys="$dir/keys"
mkdir -p "$keys"

# one key per zone, flagged KSK, signing everything (-z): enough for a test
make_key () {
  "$keygen" -q -K "$keys" -a ECDSAP256SHA256 -f KSK -P 20190101000000 -A 20190101000000 "$1"
}

sign () { # zone input output [extra dnssec-signzone options]
  zone=$1 in=$2 out=$3
  shift 3
  "$signzone" -q -S -z -K "$keys" -d "$keys" -o "$zone" -f "$out" "$@" "$in" >/dev/null
}

cp "$src/dnssec.test.zone" "$dir/dnssec.test.unsigned"
for child in signed bogus nods; do
  zone=$child.dnssec.test
  make_key "$zone" > "$keys/$zone.name"
  case $child in
    bogus) sign "$zone" "$src/$zone.zone" "$dir/$zone.zone" -P -s 20200101000000 -e 20200201000000 ;;
    *) sign "$zone" "$src/$zone.zone" "$dir/$zone.zone" ;;
  esac
  if [ "$child" != nods ]; then
    "$dsfromkey" -2 "$keys/$(cat "$keys/$zone.name").key" >> "$dir/dnssec.test.unsigned"
  fi
done
cp "$src/unsigned.dnssec.test.zone" "$dir/unsigned.dnssec.test.zone"

make_key dnssec.test > "$keys/dnssec.test.name"
sign dnssec.test "$dir/dnssec.test.unsigned" "$dir/dnssec.test.zone"
rm -f "$dir/dnssec.test.unsigned"

# trust-anchors { dnssec.test. static-key 257 3 13 "…"; };
awk '$4 == "DNSKEY" || $3 == "DNSKEY" {
       n = ($3 == "DNSKEY") ? 4 : 5; key = "";
       for (i = n + 3; i <= NF; i++) key = key $i;
       printf "trust-anchors { dnssec.test. static-key %s %s %s \"%s\"; };\n", $n, $(n + 1), $(n + 2), key }' \
  "$keys/$(cat "$keys/dnssec.test.name").key" > "$dir/trust-anchor.conf"
