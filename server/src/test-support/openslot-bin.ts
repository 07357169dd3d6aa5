import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const serverDir = new URL('../../', import.meta.url).pathname;

/** Compiles the server, so a child process runs the built bin as production does. */
export async function buildBin(): Promise<void> {
  await promisify(execFile)('npx', ['tsc', '-b'], { cwd: serverDir });
}

export interface RunningBin {
  child: ChildProcess;
  /** The child's first log entry whose message is `ready`. */
  ready: Promise<Record<string, any>>;
  /** Resolves with the exit code once the child has exited. */
  exited: Promise<number | null>;
}

/** Starts `openslot <command>` (the built bin) with `env` added to this process's environment. */
export function startBin(command: string, env: Record<string, string>, ready: string): RunningBin {
  const child = spawn(process.execPath, ['dist/bin/openslot.js', command], {
    cwd: serverDir,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const readyEntry = new Promise<Record<string, any>>((resolve, reject) => {
    let buffered = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const entry = buffered.split('\n').map((line) => (line.startsWith('{') ? JSON.parse(line) : {})).find((e) => e.message === ready);
      if (entry) resolve(entry);
    });
    void exited.then((code) => reject(new Error(`openslot ${command} exited with ${code}: ${buffered}`)));
  });
  return { child, ready: readyEntry, exited };
}
