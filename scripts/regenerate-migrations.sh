#!/usr/bin/env bash
# While nothing has shipped, the schema is one "init" migration, regenerated from
# server/src/db/schema*.ts. The lock keeps parallel regenerations from trampling each other.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/samstrat-drizzle.lock
flock 9
rm -rf drizzle
npx drizzle-kit generate --config server/drizzle.config.ts --name init >/dev/null
echo "drizzle/ regenerated from server/src/db/schema*.ts"
