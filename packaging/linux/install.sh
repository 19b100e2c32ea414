#!/bin/sh
# Install CueDesk Contacts for the current user (no root): the bundle under ~/.local/opt, a launcher in
# ~/.local/bin, the menu entry and icons under ~/.local/share (freedesktop conventions).
# Usage: ./install.sh            install or upgrade
#        ./install.sh --uninstall remove it again (your contacts data and settings are kept)
set -eu
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=$HOME/.local
app_dir=$prefix/opt/cuedesk-contacts
bin_link=$prefix/bin/cuedesk-contacts
desktop=$data_home/applications/cuedesk-contacts.desktop

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data_home/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app_dir" "$bin_link" "$desktop"
    for icon in "$data_home"/icons/hicolor/*/apps/cuedesk-contacts.png; do
        [ -e "$icon" ] && rm -f "$icon"
    done
    refresh_caches
    echo "CueDesk Contacts was removed."
    exit 0
fi

[ -x "$here/cuedesk-contacts/cuedesk-contacts" ] || { echo "install.sh: run it from the unpacked archive" >&2; exit 1; }
mkdir -p "$prefix/opt" "$prefix/bin" "$data_home/applications"
rm -rf "$app_dir.new"
cp -R "$here/cuedesk-contacts" "$app_dir.new"
rm -rf "$app_dir"
mv "$app_dir.new" "$app_dir"
ln -sf "$app_dir/cuedesk-contacts" "$bin_link"
for png in "$here"/icons/cuedesk-contacts-*.png; do
    size=$(basename "$png" .png | sed 's/.*-//')
    mkdir -p "$data_home/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$data_home/icons/hicolor/${size}x${size}/apps/cuedesk-contacts.png"
done
sed "s|^Exec=.*|Exec=$app_dir/cuedesk-contacts %F|; s|^TryExec=.*|TryExec=$app_dir/cuedesk-contacts|" \
    "$here/cuedesk-contacts.desktop" > "$desktop"
chmod 644 "$desktop"
refresh_caches
echo "CueDesk Contacts is installed: find it in your applications menu, or run $bin_link"
case ":$PATH:" in *":$prefix/bin:"*) ;; *) echo "(add $prefix/bin to your PATH to run it by name)";; esac
