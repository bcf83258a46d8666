#!/usr/bin/env node
// Landed migrations never change. drizzle's migrator runs a migration only when it is newer than
// the last one a database ran, so an edit to one that already ran somewhere never reaches that
// database: fresh and existing installations would differ without anyone noticing. So
// drizzle/landed.json holds each migration's SHA-256 as it was listed, and `npm run db:check`
// fails when a listed file differs or is gone, or a migration is not listed. A changed line in
// landed.json is the one way past it, and shows in review.
//
//   node scripts/landed-migrations.mjs record   lists the migrations not yet listed, once they are
//                                               final (a generated one may still be edited before);
//                                               never rewrites an entry
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATABASES = ['sqlite', 'postgres'];

// Line ends as git stores them: a checkout that writes CRLF (core.autocrlf on Windows) is no edit.
const sha256 = (file) =>
  createHash('sha256').update(fs.readFileSync(file, 'utf8').replaceAll('\r\n', '\n')).digest('hex');

const migrationsOf = (root, database) =>
  fs
    .readdirSync(path.join(root, 'drizzle', database))
    .filter((file) => file.endsWith('.sql'))
    .sort();

const manifestPath = (root) => path.join(root, 'drizzle', 'landed.json');

function readManifest(root) {
  const file = manifestPath(root);
  if (!fs.existsSync(file)) return Object.fromEntries(DATABASES.map((database) => [database, {}]));
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    // Two branches that each added a migration leave conflict markers here.
    throw new Error(`drizzle/landed.json is not valid JSON (a merge conflict?): ${err.message}`, { cause: err });
  }
}

/**
 * What is wrong with the migrations under `root` against its manifest: one sentence per problem,
 * none when every migration is listed and unchanged.
 */
export function landedProblems(root) {
  const manifest = readManifest(root);
  const problems = [];
  for (const database of DATABASES) {
    const listed = manifest[database] ?? {};
    const files = migrationsOf(root, database);
    for (const [file, hash] of Object.entries(listed)) {
      const where = `drizzle/${database}/${file}`;
      if (!files.includes(file)) problems.push(`${where} landed but is gone: databases that ran it keep its changes.`);
      else if (sha256(path.join(root, 'drizzle', database, file)) !== hash)
        problems.push(
          `${where} changed after it landed: databases that ran it will never run it again. ` +
            'Undo the edit and put the change in a new migration (`npm run db:generate`); ' +
            'if it never left your branch, remove its line from drizzle/landed.json and list it again.',
        );
    }
    for (const file of files.filter((f) => !(f in listed))) {
      problems.push(
        `drizzle/${database}/${file} is not in drizzle/landed.json: ` +
          'once it is final, `node scripts/landed-migrations.mjs record` lists it.',
      );
    }
  }
  return problems;
}

/** Lists the migrations under `root` that the manifest lacks; answers their paths. */
export function recordLanded(root) {
  const manifest = readManifest(root);
  const added = [];
  for (const database of DATABASES) {
    const listed = (manifest[database] ??= {});
    for (const file of migrationsOf(root, database)) {
      if (file in listed) continue;
      listed[file] = sha256(path.join(root, 'drizzle', database, file));
      added.push(`drizzle/${database}/${file}`);
    }
  }
  fs.writeFileSync(manifestPath(root), `${JSON.stringify(manifest, null, 2)}\n`);
  return added;
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] !== 'record') {
    console.error('Usage: node scripts/landed-migrations.mjs record');
    process.exit(1);
  }
  const added = recordLanded(process.cwd());
  console.log(added.length > 0 ? `Listed in drizzle/landed.json: ${added.join(', ')}` : 'Every migration is listed.');
}
