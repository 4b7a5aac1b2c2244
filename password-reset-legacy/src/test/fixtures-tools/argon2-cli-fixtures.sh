#!/usr/bin/env bash
# Generates the argon2 CLI known-answer fixtures ONCE (Debian package argon2, the reference
# implementation's command-line tool). Output lines: format<TAB>label<TAB>password (base64)<TAB>hash
set -euo pipefail
echo "# tool: argon2 CLI $(dpkg-query -W -f='${Version}' argon2) (Debian package argon2, phc-winner-argon2)"
declare -A pw=([ascii]='correct horse battery staple' [accented]='Mot-de-passe-Été-àçü' [nfkc]='Soleil²-Año-1º')
for label in ascii accented nfkc; do
  b64=$(printf '%s' "${pw[$label]}" | base64 -w0)
  salt=$(head -c 12 /dev/urandom | base64 -w0 | tr -d '+/=')
  # weaker than the engine's default (m=19456 t=2 p=1): re-hashed at the first login
  printf '%s\t%s\t%s\t%s\n' argon2cli-id-weak "$label" "$b64" "$(printf '%s' "${pw[$label]}" | argon2 "$salt" -id -t 1 -k 8192 -p 1 -e)"
  # stronger in every parameter: kept
  printf '%s\t%s\t%s\t%s\n' argon2cli-id-strong "$label" "$b64" "$(printf '%s' "${pw[$label]}" | argon2 "$salt" -id -t 3 -k 32768 -p 2 -e)"
  # argon2i with more memory: kept (a re-hash would lower the memory)
  printf '%s\t%s\t%s\t%s\n' argon2cli-i-64m "$label" "$b64" "$(printf '%s' "${pw[$label]}" | argon2 "$salt" -i -t 3 -k 65536 -p 1 -e)"
done
