# shellcheck shell=bash
# Helpers the bench scripts share; sourced, not run.

say() { printf '\n== %s\n' "$*" >&2; }

# apt_tools TOOL...: installs from apt the commands among TOOL that are missing (`time` means
# GNU time at /usr/bin/time, which shells shadow with their keyword).
apt_tools() {
  local tool need=()
  for tool in "$@"; do
    case $tool in
      time) [ -x /usr/bin/time ] || need+=(time) ;;
      *) command -v "$tool" >/dev/null || need+=("$tool") ;;
    esac
  done
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

# wait_for_line FILE PATTERN SECONDS: until a line of FILE matches; shows FILE when it never does.
wait_for_line() {
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "timed out waiting for '$2' in $1" >&2
  cat "$1" >&2 || true
  return 1
}
