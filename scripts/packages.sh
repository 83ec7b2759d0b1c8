#!/usr/bin/env bash
# Sourced by the scripts: ensure_packages installs the Debian packages it is given that are missing (as root, or
# through sudo), saying which.

ensure_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    echo "installing ${missing[*]} from Debian's packages" >&2
    local apt=(apt-get)
    [ "$(id -u)" = 0 ] || apt=(sudo apt-get)
    "${apt[@]}" update -qq >&2 && DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${missing[@]}" >&2
}
