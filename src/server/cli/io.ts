import type { Readable, Writable } from 'node:stream';

/** Where a CLI run reads and writes: the process's streams, or strings in tests. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** A failure the CLI reports in one line (no stack trace) with exit code 1. */
export class CliError extends Error {}

/** Reads one line from a stream that is not a terminal (a pipe or a file). */
function readLine(stdin: CliIo['stdin']): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const nl = text.indexOf('\n');
      if (nl !== -1) done(text.slice(0, nl).replace(/\r$/, ''));
    };
    const onEnd = () => done(text === '' ? null : text.replace(/\r?\n$/, ''));
    const done = (value: string | null) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', reject);
      stdin.pause();
      resolve(value);
    };
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.once('error', reject);
    stdin.resume();
  });
}

/** Reads a password from a terminal without echoing it. */
function readHidden(io: CliIo, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin } = io;
    io.stderr.write(prompt);
    stdin.setRawMode?.(true);
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (err?: Error) => {
      stdin.setRawMode?.(false);
      stdin.off('data', onData);
      stdin.pause();
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return finish(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/**
 * Asks for a new password: twice and hidden on a terminal, one line from a pipe otherwise
 * (`echo "$PASSWORD" | anju user create ...`).
 */
export async function promptNewPassword(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) {
    const first = await readHidden(io, 'Password: ');
    const second = await readHidden(io, 'Repeat password: ');
    if (first !== second) throw new CliError('--password: the two passwords differ');
    return first;
  }
  const line = await readLine(io.stdin);
  if (!line) throw new CliError('--password: no password given (use --password, or type it, or pipe it in)');
  return line;
}
