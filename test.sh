#!/usr/bin/env bash
# Runs every test project (unit, slow, infra, Azurite integration, browser, audio) after setting up what they need:
# Azurite from npm into .tools/, Chromium from Debian's packages. Ends with one line of totals:
#   tests: N passed, N failed, N skipped
# Usage: ./test.sh [extra arguments for dotnet test]
set -euo pipefail
cd "$(dirname "$0")"

AZURITE_VERSION=3.37.0
CHROMIUM=/usr/lib/chromium/chromium

say() { printf '\n==> %s\n' "$*"; }

if [ ! -x .tools/node_modules/.bin/azurite-blob ]; then
  say "Installing Azurite $AZURITE_VERSION into .tools/ (npm)"
  npm install --prefix .tools --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION"
fi

# Chromium drives the browser tests; DejaVu fonts give the report's plots their text; ffmpeg encodes test audio.
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# Debian's Python with requests runs the documented Python client (docs/clients.md).
/usr/bin/python3 -c 'import requests' 2>/dev/null || missing+=(python3-requests)
# ffmpeg encodes the audio tests' generated MP3 and Ogg Vorbis files.
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    say "Installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing: ${missing[*]}. Run 'sudo apt-get install -y ${missing[*]}' and try again." >&2
    exit 1
  fi
fi

say "Building"
dotnet build HitPredictor.sln -c Release -nologo -v quiet -clp:ErrorsOnly

say "Testing"
log=$(mktemp)
set +e
dotnet test --solution HitPredictor.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Each project's wall time, as Microsoft.Testing.Platform reports it ("HitPredictor.Tests.dll (net10.0|x64) passed (41s 120ms)").
sed -nE 's#^.*/(HitPredictor\.[A-Za-z]+)\.dll \([^)]*\) (passed|failed).*\(([^()]*)\)$#time: \1 \3 (\2)#p' "$log" | sort -u

# Sum the per-project summaries Microsoft.Testing.Platform prints ("failed: N", "succeeded: N", "skipped: N").
awk '
  /^[[:space:]]*failed: [0-9]+/    { failed += $2 }
  /^[[:space:]]*succeeded: [0-9]+/ { passed += $2 }
  /^[[:space:]]*skipped: [0-9]+/   { skipped += $2 }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
rm -f "$log"
exit "$status"
