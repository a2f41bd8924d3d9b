/**
 * scripts/prerequisites.sh, npm's `pretest` and `prestart`: on a fresh Debian machine `npm test`
 * installs what the browser and store tests need (as root) or says exactly how to (otherwise).
 * Each case runs the real script with a PATH holding only stand-ins — `id` (who runs it),
 * `fc-list` (which fonts exist), `java`, and an `apt-get` that records its arguments and
 * "installs" by creating the stand-in a package provides — so no real package is touched.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = path.resolve(import.meta.dirname, '..', '..', 'scripts', 'prerequisites.sh');
const BASH = execFileSync('bash', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
const realTool = (name: string): string => execFileSync(BASH, ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();

/** What `fc-list : family lang` prints on a machine with Debian's fonts-noto-core. */
const NOTO_FONTS = [
  'Noto Sans Bengali:lang=as|bn|mni',
  'Noto Sans Ethiopic:lang=am|gez|ti-er|ti-et|tig|byn|sid|wal',
  'Noto Sans Georgian:lang=ka',
  'Noto Sans Arabic:lang=ar|az-ir|fa|ks|ku-ir|ps-af|ps-pk|ug|ur',
].join('\n');
const OTHER_FONTS = 'DejaVu Sans:lang=aa|af|ka|ru|en\nDejaVu Serif:lang=aa|af|en';

interface Machine {
  readonly root: boolean;
  readonly chromium?: boolean;
  readonly fonts?: string;
  readonly java?: boolean;
  /** What apt-get really installs, when it is asked to (default: everything asked). */
  readonly aptInstalls?: boolean;
}

function script(file: string, body: string): void {
  writeFileSync(file, `#!${BASH}\n${body}\n`);
  chmodSync(file, 0o755);
}

/** A scratch machine: a bin folder that is the whole PATH, and the places packages "install" to. */
function machine(spec: Machine) {
  const dir = mkdtempSync(path.join(tmpdir(), 'prerequisites-'));
  const bin = path.join(dir, 'bin');
  const chromium = path.join(dir, 'chromium');
  const fontsFile = path.join(dir, 'fonts');
  const aptLog = path.join(dir, 'apt-get.log');
  mkdirSync(bin);
  for (const tool of ['grep', 'chmod']) symlinkSync(realTool(tool), path.join(bin, tool));
  script(path.join(bin, 'id'), `printf '%s\\n' ${spec.root ? 0 : 1000}`);
  writeFileSync(fontsFile, spec.fonts ?? NOTO_FONTS);
  script(path.join(bin, 'fc-list'), `printf '%s\\n' "$(<${fontsFile})"`);
  const javaStandIn = `printf '%s\\n' 'openjdk version "17"'`;
  if (spec.java ?? true) script(path.join(bin, 'java'), javaStandIn);
  if (spec.chromium ?? true) script(chromium, 'exit 0');
  const installs = spec.aptInstalls ?? true;
  script(
    path.join(bin, 'apt-get'),
    [
      `printf '%s\\n' "$*" >> ${aptLog}`,
      installs ? `for p in "$@"; do case $p in` : 'exit 0',
      ...(installs
        ? [
            `  chromium) printf '#!${BASH}\\n' > ${chromium}; chmod +x ${chromium};;`,
            `  fonts-noto-core) printf '%s\\n' '${NOTO_FONTS.replaceAll('\n', "' '")}' >> ${fontsFile};;`,
            `  default-jre-headless) printf '#!${BASH}\\n' > ${bin}/java; chmod +x ${bin}/java;;`,
            'esac; done',
          ]
        : []),
    ].join('\n'),
  );

  return {
    run(purpose: 'test' | 'start', env: Record<string, string> = {}) {
      const result = spawnSync(BASH, [SCRIPT, purpose], { env: { PATH: bin, CHROMIUM_PATH: chromium, ...env }, encoding: 'utf8' });
      return { status: result.status, stderr: result.stderr, stdout: result.stdout };
    },
    aptCalls: (): string[] => (existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : []),
  };
}

describe('scripts/prerequisites.sh (pretest / prestart)', () => {
  it('does nothing and says nothing when chromium, the Noto fonts and Java are present', () => {
    const box = machine({ root: true });

    const result = box.run('test');

    expect(result).toEqual({ status: 0, stderr: '', stdout: '' });
    expect(box.aptCalls()).toEqual([]);
  });

  const WITHOUT_NOTO_GEORGIAN = NOTO_FONTS.split('\n').filter((line) => !line.includes('Georgian')).join('\n');
  it.each<{ readonly when: string; readonly spec: Machine; readonly status: number; readonly says: string; readonly apt: readonly string[] }>([
    {
      when: 'as root, installs chromium and the Noto fonts with apt-get when they are missing, then lets the tests run',
      spec: { root: true, chromium: false, fonts: OTHER_FONTS },
      status: 0,
      says: 'installing the missing Debian packages: chromium fonts-noto-core',
      apt: ['update -qq', 'install -y -qq chromium fonts-noto-core'],
    },
    {
      when: 'counts a script as covered only by a Noto font (DejaVu’s Georgian is not enough), and asks for Java for the store tests',
      spec: { root: true, fonts: `${OTHER_FONTS}\n${WITHOUT_NOTO_GEORGIAN}`, java: false },
      status: 0,
      says: 'installing the missing Debian packages: fonts-noto-core default-jre-headless',
      apt: ['update -qq', 'install -y -qq fonts-noto-core default-jre-headless'],
    },
    {
      when: 'as another user, installs nothing and stops with the exact command to run',
      spec: { root: false, chromium: false, fonts: OTHER_FONTS },
      status: 1,
      says: 'sudo apt-get update && sudo apt-get install -y chromium fonts-noto-core',
      apt: [],
    },
    {
      when: 'fails, naming what is still missing, when apt-get did not install it',
      spec: { root: true, chromium: false, aptInstalls: false },
      status: 1,
      says: 'still missing after apt-get install: chromium',
      apt: ['update -qq', 'install -y -qq chromium'],
    },
  ])('$when', ({ spec, status, says, apt }) => {
    const box = machine(spec);

    const result = box.run('test');

    expect(result.status).toBe(status);
    expect(result.stderr).toContain(says);
    expect(box.aptCalls()).toEqual(apt);
  });

  it('for npm start, needs only Java, and says how to run on STORE=memory without it', () => {
    const box = machine({ root: false, chromium: false, fonts: OTHER_FONTS, java: false });

    const withoutJava = box.run('start');
    const inMemory = box.run('start', { STORE: 'memory' });

    expect(withoutJava.status).toBe(1);
    expect(withoutJava.stderr).toContain('sudo apt-get update && sudo apt-get install -y default-jre-headless (or run without Java, nothing persisted: STORE=memory npm start)');
    expect(inMemory).toEqual({ status: 0, stderr: '', stdout: '' });
  });
});
