#!/usr/bin/env bash
# Builds the libvirt lane's test guest into $1 (kept there as a cache): vmlinuz, a Debian cloud kernel taken from its
# package with `apt-get download` (nothing is installed), and initrd.img, busybox and the kernel's virtio, ACPI-button
# and evdev modules. Its /init appends "boot;" to the first sector of /dev/vda at each boot, and on the ACPI power
# button appends "acpi;" and powers off — unless the kernel command line says cb.acpi=ignore (a guest deaf to ACPI).
set -euo pipefail
out=$1
[ -s "$out/vmlinuz" ] && [ -s "$out/initrd.img" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
kernel=$(apt-cache depends linux-image-cloud-amd64 | awk '/Depends: linux-image-/{print $2; exit}')
(cd "$work" && apt-get download -q "$kernel" >/dev/null 2>&1)
dpkg-deb -x "$work"/linux-image-*.deb "$work/kernel"
root=$work/root
mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/modules}
cp /bin/busybox "$root/bin/busybox"
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk button evdev; do
  find "$work/kernel/lib/modules" -name "$m.ko*" -exec cp {} "$root/lib/modules/" \;
done
cat >"$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci virtio_blk button evdev; do
  insmod /lib/modules/$m.ko 2>/dev/null
done
for i in $(seq 100); do [ -b /dev/vda ] && [ -e /dev/input/event0 ] && break; sleep 0.1; done
note() {
  old=$(dd if=/dev/vda bs=512 count=1 2>/dev/null | tr -d '\000')
  printf '%s%s;' "$old" "$1" | dd of=/dev/vda bs=512 count=1 conv=notrunc,sync 2>/dev/null
  sync
}
note boot
if grep -q cb.acpi=ignore /proc/cmdline; then
  while :; do sleep 3600; done
fi
for e in /dev/input/event*; do (dd if=$e bs=24 count=1 >/dev/null 2>&1; touch /tmp/pressed) & done
while [ ! -e /tmp/pressed ]; do sleep 0.2; done
note acpi
poweroff -f
INIT
chmod +x "$root/init"
mkdir -p "$out"
cp "$work"/kernel/boot/vmlinuz-* "$out/vmlinuz"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out/initrd.img"
