# Exit 0 when wrangler has credentials: an API token, or a `wrangler login` session.
[ -n "${CLOUDFLARE_API_TOKEN:-}" ] && exit 0
for dir in "${XDG_CONFIG_HOME:-$HOME/.config}/.wrangler" "$HOME/.wrangler" "$HOME/Library/Preferences/.wrangler"; do
  [ -f "$dir/config/default.toml" ] && exit 0
done
exit 1
