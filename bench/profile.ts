import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

function where(url: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const ours = /\/(server|shared|bench)\/src\/(.*)$|\/(bench\/.*)$/.exec(url);
  if (ours) return ours[3] ?? `${ours[1]}/${ours[2]}`;
  return url.replace(/^.*\//, '') || '(native)';
}

/**
 * The frames a V8 CPU profile spent most time in (self time), and the same by package, as a
 * short text: enough to say where a server's time goes without opening a profiler.
 */
export function summarizeProfile(file: string, top = 20): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const total = profile.samples.length || 1;
  const byFrame = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const frame = `${functionName || '(anonymous)'} ${where(url)}${url ? `:${lineNumber + 1}` : ''}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + hits);
    const pkg = url ? where(url) : functionName;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + hits);
  }
  const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
  const lines = [
    `${total} samples over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`,
    'self time by frame:',
  ];
  for (const [frame, hits] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${pct(hits)}  ${frame}`);
  lines.push('self time by package or file:');
  for (const [pkg, hits] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12))
    lines.push(`  ${pct(hits)}  ${pkg}`);
  return lines.join('\n');
}

// `npx tsx bench/profile.ts <file.cpuprofile>` prints the summary of a profile from an earlier run.
if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) console.log(summarizeProfile(process.argv[2]));
