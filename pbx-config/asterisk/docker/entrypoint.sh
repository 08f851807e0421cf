#!/bin/bash
# Entrypoint of the ringside-asterisk image (Dockerfile next to this file). Asterisk's .conf
# files cannot read the environment, so this writes the values that must stay out of git into
# /run/ringside/asterisk/*.conf, which the committed config #includes, seeds the prompt and
# hold-music volumes, then hands over to the base image's entrypoint and Asterisk.
#
#   AMI_SECRET                 AMI secret of user cti              -> manager-cti-secret.conf
#   ARI_PASSWORD               ARI password of user cti            -> ari-cti-password.conf
#   SIP_PASSWORDS              "1001:pw 1002:pw ..." (space/comma) -> pjsip-auth.conf
#   ASTERISK_EXTERNAL_ADDRESS  public IP/host for SIP behind NAT   -> pjsip-nat.conf (optional)
#
# RINGSIDE_ASTERISK_ROOT (tests only) prefixes every path, so the script can run outside a container.
set -euo pipefail
# A bad value found inside $(...) must stop the script, not yield an empty string.
shopt -s inherit_errexit

ROOT="${RINGSIDE_ASTERISK_ROOT:-}"
GENERATED_DIR="$ROOT/run/ringside/asterisk"
KEYS_DIR="$ROOT/var/lib/asterisk/keys"
SOUNDS_DIR="$ROOT/var/lib/asterisk/sounds/en"
MOH_DIR="$ROOT/var/lib/asterisk/moh"
BAKED_DIR="$ROOT/usr/share/ringside"

log() { echo "ringside-entrypoint: $*" >&2; }
fail() {
  log "$*"
  exit 64
}

require_var() {
  [ -n "${!1:-}" ] || fail "$1 is not set; add it to .env (see .env.example)"
}

# A value goes into a `key = value` line: one line, and `;` would start a comment.
conf_value() {
  case "$2" in
    *$'\n'* | *$'\r'*) fail "$1 must be a single line" ;;
  esac
  printf '%s' "${2//;/\\;}"
}

# Written whole or not at all, readable by root and the asterisk group only.
write_generated() {
  local target="$GENERATED_DIR/$1"
  cat >"$target.tmp"
  chmod 0640 "$target.tmp"
  mv "$target.tmp" "$target"
}

sip_auth_sections() {
  local entries entry name password
  IFS=', ' read -r -a entries <<<"${SIP_PASSWORDS:-}"
  echo "; generated from SIP_PASSWORDS at container start"
  for entry in "${entries[@]}"; do
    [ -n "$entry" ] || continue
    name="${entry%%:*}"
    password="${entry#*:}"
    [[ "$entry" == *:* && "$name" =~ ^[A-Za-z0-9_.-]+$ && -n "$password" ]] ||
      fail "SIP_PASSWORDS entry '${name}' is not <endpoint>:<password>"
    password="$(conf_value SIP_PASSWORDS "$password")"
    printf '[%s](ringside-auth)\nusername = %s\npassword = %s\n\n' "$name" "$name" "$password"
  done
}

nat_settings() {
  echo "; generated from ASTERISK_EXTERNAL_ADDRESS at container start"
  if [ -n "${ASTERISK_EXTERNAL_ADDRESS:-}" ]; then
    local address
    address="$(conf_value ASTERISK_EXTERNAL_ADDRESS "$ASTERISK_EXTERNAL_ADDRESS")"
    printf 'external_media_address = %s\nexternal_signaling_address = %s\n' "$address" "$address"
  fi
}

# The group the base image's entrypoint leaves the asterisk user in (it applies PGID).
asterisk_gid() { echo "${PGID:-$(id -g asterisk 2>/dev/null || echo 0)}"; }

write_secrets() {
  require_var AMI_SECRET
  require_var ARI_PASSWORD
  local ami ari auth nat
  # Built completely before anything is written, so a bad value leaves no half-written file.
  ami="secret = $(conf_value AMI_SECRET "$AMI_SECRET")"
  ari="password = $(conf_value ARI_PASSWORD "$ARI_PASSWORD")"
  auth="$(sip_auth_sections)"
  nat="$(nat_settings)"
  [ -n "${SIP_PASSWORDS:-}" ] || log "SIP_PASSWORDS is empty: no SIP device can register"

  mkdir -p "$GENERATED_DIR"
  printf '%s\n' "$ami" | write_generated manager-cti-secret.conf
  printf '%s\n' "$ari" | write_generated ari-cti-password.conf
  printf '%s\n' "$auth" | write_generated pjsip-auth.conf
  printf '%s\n' "$nat" | write_generated pjsip-nat.conf
  chmod 0750 "$GENERATED_DIR"
  chown -R "0:$(asterisk_gid)" "$GENERATED_DIR" 2>/dev/null || log "could not give $GENERATED_DIR to the asterisk group"
}

# WSS on 8089 needs a certificate; without one Asterisk still serves ARI and ws:// on 8088.
ensure_tls_pair() {
  mkdir -p "$KEYS_DIR"
  if [ -s "$KEYS_DIR/ringside-https.crt" ] && [ -s "$KEYS_DIR/ringside-https.key" ]; then return; fi
  if ! command -v openssl >/dev/null 2>&1; then
    log "no certificate in $KEYS_DIR and no openssl to make one: wss://:8089 stays off until ringside-https.crt/.key are put there"
    return
  fi
  log "creating a self-signed certificate for wss://:8089 (replace it with a real one for production)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=${ASTERISK_EXTERNAL_ADDRESS:-localhost}" \
    -keyout "$KEYS_DIR/ringside-https.key" -out "$KEYS_DIR/ringside-https.crt" 2>/dev/null
  chown "asterisk:$(asterisk_gid)" "$KEYS_DIR"/ringside-https.* 2>/dev/null || true
  chmod 0640 "$KEYS_DIR/ringside-https.key"
}

# Prompts and hold music are baked into the image under /usr/share/ringside; the base image
# declares /var/lib/asterisk/sounds a volume, so they are copied there when it is empty.
seed() {
  local from="$1" to="$2"
  if [ -n "$(ls -A "$to" 2>/dev/null)" ] || [ ! -d "$from" ]; then return; fi
  log "seeding $to from $from"
  mkdir -p "$to"
  cp -a "$from/." "$to/"
  chown -R "asterisk:$(asterisk_gid)" "$to" 2>/dev/null || true
}

write_secrets
ensure_tls_pair
seed "$BAKED_DIR/sounds/en" "$SOUNDS_DIR"
seed "$BAKED_DIR/moh" "$MOH_DIR"

# The image's entrypoint adapts uid/gid and fixes volume ownership before running Asterisk.
if [ -x "$ROOT/usr/local/bin/entrypoint.sh" ]; then exec "$ROOT/usr/local/bin/entrypoint.sh" "$@"; fi
exec "$@"
