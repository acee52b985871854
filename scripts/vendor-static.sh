#!/usr/bin/env bash
# Vendor the web app's third-party assets from the npm registry at pinned versions, so that
# running tiebook needs no Node. Run it only to change a version; the result is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX_VERSION=2.0.11
CHARTJS_VERSION=4.6.2
dest=tiebook/web/static/tiebook/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "htmx.org@${HTMX_VERSION}" >/dev/null && tar xzf htmx.org-*.tgz)
mkdir -p "$dest"
rm -f "$dest"/htmx-*.min.js
cp "$work/package/dist/htmx.min.js" "$dest/htmx-${HTMX_VERSION}.min.js"
cp "$work/package/LICENSE" "$dest/htmx-LICENSE"
echo "vendored htmx ${HTMX_VERSION} into $dest"

# Chart.js for the Insights page: its UMD build, without the source map line (the map is not
# vendored, and a browser would ask for it).
(cd "$work" && rm -rf package && npm pack --silent "chart.js@${CHARTJS_VERSION}" >/dev/null \
  && tar xzf chart.js-*.tgz)
rm -f "$dest"/chart-*.umd.min.js
grep -v '^//# sourceMappingURL=' "$work/package/dist/chart.umd.min.js" \
  >"$dest/chart-${CHARTJS_VERSION}.umd.min.js"
cp "$work/package/LICENSE.md" "$dest/chart-LICENSE"
echo "vendored Chart.js ${CHARTJS_VERSION} into $dest"
