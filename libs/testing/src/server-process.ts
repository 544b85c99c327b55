import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A server of a test's own on a loopback port that stays the same across stop
 * and start, its data kept on disk in between: a test can take it away
 * abruptly, as a crash or a network cut would, and bring it back.
 */
export abstract class ServerProcess {
  private child?: ChildProcess;
  protected readonly storeDir: string;

  protected constructor(
    readonly port: number,
    private readonly name: string,
    private readonly startTimeoutMs: number,
  ) {
    this.storeDir = mkdtempSync(join(tmpdir(), `grappes-${name}-`));
  }

  /** The command line of the server. */
  protected abstract command(): { binary: string; args: string[] };

  async start(): Promise<void> {
    const { binary, args } = this.command();
    const child = spawn(binary, args, { stdio: 'ignore' });
    this.child = child;
    for (let waited = 0; !(await this.accepts()); waited += 50) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited (${child.exitCode}) on port ${this.port}`);
      if (waited > this.startTimeoutMs) throw new Error(`${this.name} did not start on port ${this.port}`);
      await sleep(50);
    }
  }

  /** Stops the server abruptly (SIGKILL). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return; // already gone (a kill leaves exitCode null)
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.storeDir, { recursive: true, force: true });
  }

  /** `greets`: the server speaks first once it serves (nats-server's INFO line); else a connection is enough. */
  protected greets = false;

  private accepts(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = tcpConnect(this.port, '127.0.0.1');
      const ready = () => (socket.destroy(), resolve(true));
      if (this.greets) socket.once('data', ready);
      else socket.once('connect', ready);
      socket.once('error', () => resolve(false));
    });
  }
}
