#!/usr/bin/env bash
# Builds the tiny test guest's initramfs from Debian's packages (busybox-static, linux-image-amd64): busybox, the
# virtio modules of the installed kernel, and an init that prints a marker with its boot id, its disks and NICs,
# then a counter on the serial console (ttyS0) every second, and every fifth second its boot id, disks and NICs
# again (what is typed on the console is echoed by its terminal). Nothing is downloaded.
#   usage: itests/kvm/make-tiny-initrd.sh OUT.cpio.gz [KERNEL_VERSION]   (prints the kernel image's path)
set -euo pipefail
out=$1
kver=${2:-$(ls /lib/modules | sort -V | tail -1)}
[ -x /bin/busybox ] || { echo "make-tiny-initrd: /bin/busybox missing (package busybox-static)" >&2; exit 1; }
[ -r "/boot/vmlinuz-$kver" ] || { echo "make-tiny-initrd: /boot/vmlinuz-$kver missing (linux-image-amd64)" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/lib/modules"
cp /bin/busybox "$work/bin/busybox"
# the virtio modules and what they need, in load order (modules.dep lists a module's needs last-loaded first)
mods=""
for want in virtio_pci virtio_blk virtio_net; do
  line=$(grep -E "/$want\.ko(\.xz|\.zst)?:" "/lib/modules/$kver/modules.dep" || true)
  [ -n "$line" ] || continue   # built into the kernel
  for f in $(echo "${line#*:}" | tr ' ' '\n' | tac) "${line%%:*}"; do
    m=$(basename "$f"); m=${m%%.ko*}
    case " $mods " in *" $m "*) ;; *) mods="$mods $m" ;; esac
  done
done
for m in $mods; do
  f=$(find "/lib/modules/$kver/kernel" -name "$m.ko*" | head -1)
  case "$f" in
    *.ko.xz) xz -dc "$f" > "$work/lib/modules/$m.ko" ;;
    *.ko.zst) zstd -qdc "$f" > "$work/lib/modules/$m.ko" ;;
    *) cp "$f" "$work/lib/modules/$m.ko" ;;
  esac
done
cat > "$work/init" <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in $mods; do [ -e /lib/modules/\$m.ko ] && insmod /lib/modules/\$m.ko 2>/dev/null; done
sleep 1
boot=\$(cat /proc/sys/kernel/random/boot_id)
echo "GARNET-TINY-BOOTED \$boot"
INIT
cat >> "$work/init" <<'INIT'
for d in /sys/block/vd* /sys/block/sd*; do [ -e "$d" ] && echo "disk ${d##*/} $(cat $d/size) sectors"; done
for n in /sys/class/net/*; do [ "${n##*/}" = lo ] || echo "nic ${n##*/} $(cat $n/address)"; done
i=0
while true; do
  exec >/dev/console 2>&1   # opened anew each time: a console hung up once does not silence the guest
  echo "count $i"
  if [ $((i % 5)) = 0 ]; then   # the boot id (unchanged by a migration), and disks and NICs hot-plugged later
    echo "boot $boot"
    for d in /sys/block/vd* /sys/block/sd*; do [ -e "$d" ] && echo "disk ${d##*/} $(cat $d/size) sectors"; done
    for n in /sys/class/net/*; do [ "${n##*/}" = lo ] || echo "nic ${n##*/} $(cat $n/address)"; done
  fi
  i=$((i + 1)); sleep 1
done
INIT
chmod +x "$work/init"
(cd "$work" && find . | cpio -o -H newc 2>/dev/null | gzip -1) > "$out"
echo "/boot/vmlinuz-$kver"
