#!/usr/bin/env bash
# Builds liaison so that it runs without the Swift toolchain (the Swift standard library and
# Foundation linked in; only libc, libstdc++ and ncurses come from the system) and installs it
# with its man pages and bash, zsh and fish completions:
#
#   ./install.sh --prefix /usr/local            (as root, or as a user with --prefix ~/.local)
#   DESTDIR=/tmp/pkg ./install.sh --prefix /usr (staged, for a package)
#
# The build lands in .build-static, apart from the development builds in .build, so that
# neither rebuilds the other; a second run builds only what changed.
set -euo pipefail

usage() {
  echo "usage: [DESTDIR=DIR] $0 [--prefix DIR]   (default prefix: /usr/local)" >&2
  exit 2
}

prefix=/usr/local
while (($#)); do
  case "$1" in
    --prefix) (($# >= 2)) || usage; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    -h|--help) usage ;;
    *) echo "install.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$prefix" == /* ]] || { echo "install.sh: --prefix must be an absolute path: $prefix" >&2; exit 2; }

cd "$(dirname "$0")"
scratch=.build-static
build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch")
"${build[@]}" --product liaison
# The man pages are made from the command definitions by swift-argument-parser's own tool.
"${build[@]}" --product generate-manual
built=$scratch/release

root=${DESTDIR:-}$prefix
bin=$root/bin
man=$root/share/man/man1
bash_completions=$root/share/bash-completion/completions
zsh_completions=$root/share/zsh/site-functions
fish_completions=$root/share/fish/vendor_completions.d
install -d "$bin" "$man" "$bash_completions" "$zsh_completions" "$fish_completions"

# Written under a temporary name and renamed: a liaison running from the old binary is not
# disturbed, and no one starts a half-copied one.
install -m 0755 "$built/liaison" "$bin/.liaison.new"
# Debug information out (75 of 82 MB is the rest); the symbols stay, for readable crash reports.
strip --strip-debug "$bin/.liaison.new"
mv -f "$bin/.liaison.new" "$bin/liaison"

# Made from the installed binary, so they describe exactly what was installed.
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
"$built/generate-manual" "$bin/liaison" --multi-page --output-directory "$pages"
install -m 0644 "$pages"/*.1 "$man"
"$bin/liaison" --generate-completion-script bash > "$bash_completions/liaison"
"$bin/liaison" --generate-completion-script zsh > "$zsh_completions/_liaison"
"$bin/liaison" --generate-completion-script fish > "$fish_completions/liaison.fish"
chmod 0644 "$bash_completions/liaison" "$zsh_completions/_liaison" "$fish_completions/liaison.fish"

# bash (bash-completion) and zsh (Debian's fpath) look under /usr/local/share by themselves;
# fish looks there only when XDG_DATA_DIRS names it, which a login over SSH seldom sets.
if [[ -z "${DESTDIR:-}" ]] && command -v fish >/dev/null &&
   ! fish -c "contains -- $fish_completions \$fish_complete_path" 2>/dev/null; then
  echo "note: fish does not read $fish_completions here; set XDG_DATA_DIRS=$root/share:/usr/share, or add" \
       "'set -a fish_complete_path $fish_completions' to ~/.config/fish/config.fish" >&2
fi

echo "installed $bin/liaison ($("$bin/liaison" --version)), its man pages in $man and completions for bash, zsh and fish"
