#!/bin/sh
# make-server-cert.sh DIR NAME DAYS [OTHER-NAME...] — a server certificate
# for the host NAME (and the other names) valid for DAYS days, signed by the CA that make-test-ca.sh left in DIR
# (ca.pem, ca.key), for the test SMTP server of the STARTTLS probe. Writes
# DIR/NAME-DAYS.pem (certificate then key). Never installed anywhere.
set -eu
dir=$1
name=$2
days=$3
shift 3
san="DNS:$name"
for other in "$@"; do san="$san,DNS:$other"; done
cd "$dir"
openssl req -newkey rsa:2048 -nodes -subj "/CN=$name" -keyout "$name.key" -out "$name.csr" 2>/dev/null
printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$san" > "$name.cnf"
openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days "$days" \
  -extfile "$name.cnf" -out "$name.crt" 2>/dev/null
cat "$name.crt" "$name.key" > "$name-$days.pem"
