#!/usr/bin/env bash
# Rebuilds static/vendor/plotly/plotly-ucj.min.js with its LICENSE and VERSION (make plotly).
# Needs node and npm; installs the locked packages into a temporary directory and nowhere else.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "$here/../.." && pwd)/static/vendor/plotly"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp -R "$here/package.json" "$here/package-lock.json" "$here/entry.js" "$here/build.mjs" "$here/stubs" "$work/"
cd "$work"
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
mkdir -p "$out"
node build.mjs "$out"
# Compressed copies beside it: whitenoise serves them as they are, under `make run` as in production.
python3 - "$out/plotly-ucj.min.js" <<'PY'
import gzip, sys
path = sys.argv[1]
data = open(path, "rb").read()
with open(path + ".gz", "wb") as handle:
    handle.write(gzip.compress(data, compresslevel=9, mtime=0))
try:
    import brotli
except ImportError:
    sys.exit("brotli is not installed (pip install Brotli): the .br copy was not written")
open(path + ".br", "wb").write(brotli.compress(data, quality=11))
PY
