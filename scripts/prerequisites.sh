#!/usr/bin/env bash
# What `npm test` and `npm start` need from the machine besides node_modules, checked before they
# run (npm's `pretest` and `prestart`). Usage: scripts/prerequisites.sh test|start
#   test:  Debian's chromium (the browser tests launch /usr/bin/chromium), Noto fonts for the
#          Bengali, Ethiopic (Tigrinya), Georgian and Arabic scripts (without them those pages
#          render as boxes), and Java 17+ (DynamoDB Local, the store tests).
#   start: Java, unless STORE=memory.
# When something is missing: as root, installs it with apt-get; otherwise prints the exact command
# and exits 1. When everything is present it costs one fc-list call (~0.1 s).
# CHROMIUM_PATH (default /usr/bin/chromium) names the browser to look for.
set -euo pipefail

purpose=${1:-test}
chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
# fontconfig language codes of the scripts the pages use: Bengali, Tigrinya (Ethiopic: ti-er, ti-et),
# Georgian, Arabic.
font_languages=(bn ti-er ka ar)

# Prints the Debian packages that are missing for $purpose, one per line.
missing_packages() {
  if [ "$purpose" = test ]; then
    [ -x "$chromium_path" ] || echo chromium
    missing_fonts
  fi
  if [ "$purpose" = test ] || [ "${STORE:-dynamodb}" != memory ]; then
    command -v java >/dev/null 2>&1 || echo default-jre-headless
  fi
}

# A script counts as covered when a Noto font declares its language.
missing_fonts() {
  if ! command -v fc-list >/dev/null 2>&1; then
    echo fontconfig
    echo fonts-noto-core
    return
  fi
  local listing language
  listing=$(fc-list : family lang)
  for language in "${font_languages[@]}"; do
    if ! grep -Eq "Noto.*lang=(.*\|)?${language}(\||$)" <<<"$listing"; then
      echo fonts-noto-core
      return
    fi
  done
}

mapfile -t packages < <(missing_packages)
[ "${#packages[@]}" -eq 0 ] && exit 0

command="sudo apt-get update && sudo apt-get install -y ${packages[*]}"
if [ "$purpose" = start ]; then
  alternative=" (or run without Java, nothing persisted: STORE=memory npm start)"
else
  alternative=""
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "npm $purpose needs Debian packages that are missing: ${packages[*]}. Install them with:" >&2
  echo "  $command$alternative" >&2
  exit 1
fi

echo "npm $purpose: installing the missing Debian packages: ${packages[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${packages[@]}" >/dev/null

mapfile -t still < <(missing_packages)
if [ "${#still[@]}" -ne 0 ]; then
  echo "npm $purpose: still missing after apt-get install: ${still[*]}" >&2
  exit 1
fi
