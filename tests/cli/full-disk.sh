#!/bin/sh
# Helper of FullDiskTest.cpp: index into a small tmpfs that fills up, then free space and
# index again. Copies the index after each run to OUT (outside the tmpfs, which goes away
# with a mount namespace).
#   full-disk.sh LUPE_INDEX INPUT OUT SIZE FILLER_BYTES COMMIT_EVERY
# Exit 77: no tmpfs could be mounted here (the test skips); 0: both runs done (their status
# and output are in OUT/first.* and OUT/second.*); other: the script itself failed.
set -u
bin=$1 input=$2 out=$3 size=$4 filler=$5 every=$6
mnt="$out/mnt"
mkdir -p "$mnt" || exit 1
mount -t tmpfs -o "size=$size" lupe-full-disk "$mnt" 2>"$out/mount.err" || { cat "$out/mount.err" >&2; exit 77; }
trap 'umount "$mnt" 2>/dev/null || umount -l "$mnt"' EXIT
head -c "$filler" /dev/zero >"$mnt/filler" || exit 1

"$bin" add --index "$mnt/index" --commit-every "$every" --threads 1 --quiet "$input" \
  >"$out/first.out" 2>"$out/first.err"
echo $? >"$out/first.status"
cp -a "$mnt/index" "$out/after-full" || exit 1

rm "$mnt/filler"
"$bin" add --index "$mnt/index" --commit-every "$every" --threads 1 --quiet --json "$input" \
  >"$out/second.json" 2>"$out/second.err"
echo $? >"$out/second.status"
cp -a "$mnt/index" "$out/after-free" || exit 1
exit 0
