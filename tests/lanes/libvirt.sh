#!/usr/bin/env bash
# The libvirt lane: the driver against a real libvirtd + QEMU (issue 17). Starts a private libvirtd on a unix socket
# under a temporary folder — in a mount namespace of its own where /dev/kvm is covered, since this kind of machine
# has a /dev/kvm whose nested KVM hangs guests and makes libvirt re-probe QEMU on every define (KNOWN.md). It is
# covered by a device node nobody but root may open: covered by /dev/null it still looks usable to libvirt, which
# then finds its cached capabilities (probed without KVM) stale and re-probes on every define anyway (~25 s each);
# covered by a plain file, libvirt cannot set up QEMU's own /dev. With a
# small directory pool and an isolated network (no dnsmasq), both transient. The namespace also gets its own
# /run/libvirt and /etc/libvirt (copies under the temporary folder), with QEMU's output written to files instead of
# virtlogd: nothing of the lane meets a libvirtd or virtlogd of the host or of another run on the same machine (a
# second run's shared virtlogd, stopped under the first, once failed every guest start with "virtlogd-sock:
# Connection refused"). Builds the test guest from Debian
# packages (tests/lanes/libvirt/build-guest.sh, cached), runs the CloudBroker.Drivers.Libvirt.RealHost tests against it,
# and stops the daemon on exit, whichever way the lane ends. Ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/cb-libvirt-lane.XXXXXX)
chmod 755 "$tmp"
guest=${CB_LIBVIRT_GUEST_CACHE:-/tmp/cloudbroker-libvirt-guest}
t0=$(date +%s)

daemon_pid() { cat "$tmp/libvirtd.pid" 2>/dev/null; }
stop_daemon() {
  local pid; pid=$(daemon_pid)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"; for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  fi
}
# Transient, yet kept in libvirt's state folder across daemon restarts: dropped explicitly (also a killed run's).
drop_pool_and_network() {
  virsh -c "$CB_LIBVIRT_LANE_URI" pool-destroy cb-lane >/dev/null 2>&1
  virsh -c "$CB_LIBVIRT_LANE_URI" net-destroy cb-lane >/dev/null 2>&1
}
cleanup() {
  # Domains a failed test left: destroyed and undefined, so nothing outlives the lane (the pool and network are transient).
  if [ -S "$tmp/run/libvirt-sock" ] && kill -0 "$(daemon_pid)" 2>/dev/null; then
    for d in $(virsh -c "$CB_LIBVIRT_LANE_URI" list --all --name 2>/dev/null); do
      virsh -c "$CB_LIBVIRT_LANE_URI" destroy "$d" >/dev/null 2>&1
      virsh -c "$CB_LIBVIRT_LANE_URI" undefine "$d" --nvram >/dev/null 2>&1
    done
    drop_pool_and_network
  fi
  stop_daemon
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
fail() { echo "$1"; [ -f "$tmp/libvirtd.log" ] && tail -20 "$tmp/libvirtd.log"; echo "0 passed, 1 failed"; exit 1; }

# The guest: a Debian cloud kernel and a busybox initramfs (downloaded once, then cached).
t=$(date +%s)
bash "$root/tests/lanes/libvirt/build-guest.sh" "$guest" || fail "building the test guest failed"
cp "$guest/vmlinuz" "$guest/initrd.img" "$tmp/" && chmod 644 "$tmp/vmlinuz" "$tmp/initrd.img"
echo "REPORT: libvirt lane guest (kernel + busybox initramfs, cached after the first run): $(( $(date +%s) - t )) s"

# The daemon, with the state and configuration folders of its own.
mkdir -p "$tmp/run" "$tmp/pool" "$tmp/run-libvirt"
mknod -m 000 "$tmp/no-kvm" c 1 3 || fail "mknod failed"
chmod 755 "$tmp/pool"
cp -a /etc/libvirt "$tmp/etc-libvirt" || fail "copying /etc/libvirt failed"
echo 'stdio_handler = "file"' >>"$tmp/etc-libvirt/qemu.conf"
cat >"$tmp/libvirtd.conf" <<CONF
unix_sock_dir = "$tmp/run"
unix_sock_group = "root"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
log_outputs = "3:file:$tmp/libvirtd.log"
CONF
export CB_LIBVIRT_LANE_URI="qemu:///system?socket=$tmp/run/libvirt-sock"
t=$(date +%s)
start_daemon="unshare -m --propagation private sh -c \"{ [ ! -e /dev/kvm ] || mount --bind '$tmp/no-kvm' /dev/kvm; } && mkdir -p /run/libvirt && mount --bind '$tmp/run-libvirt' /run/libvirt && mount --bind '$tmp/etc-libvirt' /etc/libvirt && exec libvirtd -d -f '$tmp/libvirtd.conf' -p '$tmp/libvirtd.pid'\""
sh -c "$start_daemon" \
  || fail "libvirtd did not start"
for _ in $(seq 100); do virsh -c "$CB_LIBVIRT_LANE_URI" version >/dev/null 2>&1 && break; sleep 0.1; done
virsh -c "$CB_LIBVIRT_LANE_URI" version >/dev/null 2>&1 || fail "libvirtd does not answer on $tmp/run/libvirt-sock"
cat >"$tmp/pool.xml" <<XML
<pool type='dir'><name>cb-lane</name><target><path>$tmp/pool</path></target></pool>
XML
# The bridge is a host-wide name: one per run (at most 15 characters).
cat >"$tmp/net.xml" <<XML
<network><name>cb-lane</name><bridge name='cbl${tmp##*.}'/></network>
XML
drop_pool_and_network
virsh -c "$CB_LIBVIRT_LANE_URI" pool-create "$tmp/pool.xml" >/dev/null || fail "the storage pool could not be made"
virsh -c "$CB_LIBVIRT_LANE_URI" net-create "$tmp/net.xml" >/dev/null || fail "the isolated network could not be made"
# The first look at QEMU's capabilities probes the binary (about 20 s here, once per QEMU version): done now, not in a test.
virsh -c "$CB_LIBVIRT_LANE_URI" domcapabilities --virttype qemu >/dev/null || fail "libvirtd cannot read QEMU's capabilities"
echo "REPORT: libvirt lane private libvirtd ready: $(( $(date +%s) - t )) s"

# What the tests need: the daemon's URI, its pid (they kill and restart it), how to restart it, and the guest.
export CB_LIBVIRT_LANE_DIR=$tmp
export CB_LIBVIRT_LANE_PIDFILE=$tmp/libvirtd.pid
export CB_LIBVIRT_LANE_RESTART=$start_daemon
export CB_LIBVIRT_LANE_KERNEL=$tmp/vmlinuz
export CB_LIBVIRT_LANE_INITRD=$tmp/initrd.img
export CB_LIBVIRT_LANE_POOL=cb-lane
export CB_LIBVIRT_LANE_NETWORK=cb-lane

project=$root/tests/CloudBroker.Drivers.Libvirt.RealHost/CloudBroker.Drivers.Libvirt.RealHost.csproj
[ -f "$root/tests/CloudBroker.Drivers.Libvirt.RealHost/bin/Release/net10.0/CloudBroker.Drivers.Libvirt.RealHost.dll" ] \
  || dotnet build "$project" -c Release --nologo -v quiet -clp:ErrorsOnly >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "build failed"; }
dotnet test --project "$project" -c Release --no-build --no-progress --output detailed >"$tmp/test.log" 2>&1
rc=$?
cat "$tmp/test.log"
read -r p f < <(awk '/^ *succeeded:/{p=$2} /^ *failed:/{f=$2} END{print p+0, f+0}' "$tmp/test.log")
if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
echo "REPORT: libvirt lane wall time: $(( $(date +%s) - t0 )) s"
echo "$p passed, $f failed"
[ "$f" -eq 0 ]
