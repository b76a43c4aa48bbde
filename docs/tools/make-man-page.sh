#!/usr/bin/env bash
# Makes docs/liaison.1, the one-page manual (man ./docs/liaison.1): what swift-argument-parser's
# generate-manual makes of the commands' definitions (as install.sh does for the installed pages),
# with the environment variables of `liaison --help` moved into an ENVIRONMENT section.
# Run it after changing any command's help; NarrowTerminalTests checks that the page is current.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product liaison
swift build --product generate-manual
.build/debug/generate-manual .build/debug/liaison --date "${MAN_DATE:-$(date +%F)}" -o - \
  | python3 docs/tools/man-environment.py > docs/liaison.1.new
mv docs/liaison.1.new docs/liaison.1
