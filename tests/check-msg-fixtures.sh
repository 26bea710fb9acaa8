#!/bin/sh
# check-msg-fixtures.sh MAKE-MSG-FIXTURES
#
# The .msg fixtures of tests/fixtures/msg are what tests/make-msg-fixtures.c
# writes (byte for byte), and msgconvert (libemail-outlook-message-perl),
# a reader independent of ours, finds in them what the writer meant to put
# there: subjects, bodies in Unicode and in an 8-bit code page, an
# attachment's name, an attached message. TAP output.
set -u

gen=$1
src=${BD_SOURCE_ROOT:-$(dirname "$0")/..}
fixtures="$src/tests/fixtures/msg"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

n=0
failed=0
ok () {
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
# has FILE TEXT: the converted message contains TEXT
has () {
    grep -qF -- "$2" "$1"
}

echo "1..12"
"$gen" "$tmp"
ok $? "the generator runs"
same=0
for f in "$tmp"/*; do
    cmp -s "$f" "$fixtures/$(basename "$f")" || { echo "# $(basename "$f") differs from the generator's"; same=1; }
done
ok $same "tests/fixtures/msg is what the generator writes"

if ! command -v msgconvert >/dev/null; then
    for i in 3 4 5 6 7 8 9 10 11 12; do echo "ok $i # SKIP msgconvert (libemail-outlook-message-perl) is not installed"; done
    exit 0
fi

for f in ordinary ndr-unicode ndr-string8 forward-with-ndr deep; do
    msgconvert --outfile "$tmp/$f.eml" "$fixtures/$f.msg" 2>"$tmp/$f.err"
    status=$?
    [ -s "$tmp/$f.err" ] && sed 's/^/# /' "$tmp/$f.err"
    [ $status -ne 0 ] && echo "# msgconvert failed on $f.msg"
done
e=$tmp
has "$e/ordinary.eml" "w załączniku lista zamówień" && has "$e/ordinary.eml" "Message-ID: <order42@example.com>"
ok $? "ordinary.msg: Unicode body and the transport headers"
has "$e/ordinary.eml" "filename*=UTF-8''zam%C3%B3wienia.txt" && has "$e/ordinary.eml" "TGlzdGEgemFtw7N3aWXFhDogNDIsIDQzLg"
ok $? "ordinary.msg: the attachment's name and bytes"
has "$e/ordinary.eml" "Date: Tue, 01 Dec 2026 09:30:00 +0000" || has "$e/ordinary.eml" "Date: Tue, 1 Dec 2026 10:30:00 +0100"
ok $? "ordinary.msg: the date"
has "$e/ndr-unicode.eml" "Nie można dostarczyć wiadomości do tych adresatów"
ok $? "ndr-unicode.msg: the report text in Unicode"
has "$e/ndr-unicode.eml" "Date: Tue, 01 Dec 2026 09:30:00 +0000"
ok $? "ndr-unicode.msg: PidTagClientSubmitTime is 2026-12-01 09:30 UTC"
has "$e/ndr-string8.eml" "charset=CP1250" && iconv -f CP1250 -t UTF-8 "$e/ndr-string8.eml" | grep -qF "Nie można dostarczyć"
ok $? "ndr-string8.msg: the report text in code page 1250"
has "$e/forward-with-ndr.eml" "Content-Type: message/rfc822" && has "$e/forward-with-ndr.eml" "co mam z tym zrobić"
ok $? "forward-with-ndr.msg: the forward's text and an attached message"
awk '/message\/rfc822/ { inner = 1 } inner && /Nie można dostarczyć/ { found = 1 } END { exit !found }' "$e/forward-with-ndr.eml"
ok $? "forward-with-ndr.msg: the attached message is the report"
[ "$(grep -c 'Content-Type: message/rfc822' "$e/deep.eml")" -ge 10 ]
ok $? "deep.msg: at least ten messages nested"
grep -q '^From: piotr@example.com' "$e/deep.eml"
ok $? "deep.msg: the outer message's sender"
exit $failed
