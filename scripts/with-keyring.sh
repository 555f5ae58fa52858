#!/usr/bin/env bash
# Run a command inside a private D-Bus session with an unlocked gnome-keyring, so keytar talks to a
# real Secret Service without touching the user's own keyring. Used by `npm test` and CI.
set -euo pipefail
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keyring: dbus-run-session and gnome-keyring-daemon are needed (apt-get install dbus-daemon gnome-keyring)." >&2
  exit 1
fi
sandbox=$(mktemp -d)
trap 'rm -rf "$sandbox"' EXIT
mkdir -p "$sandbox/home" "$sandbox/data" "$sandbox/runtime"
chmod 700 "$sandbox/runtime"
export HOME="$sandbox/home" XDG_DATA_HOME="$sandbox/data" XDG_RUNTIME_DIR="$sandbox/runtime"
export OSS_KEYRING_SANDBOX=1
# shellcheck disable=SC2016
exec dbus-run-session -- bash -c 'printf %s ci-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' bash "$@"
