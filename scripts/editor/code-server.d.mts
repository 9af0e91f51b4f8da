// Types for code-server.mjs, for the TypeScript end-to-end tests.
export interface CodeServerState {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
}
export interface StartOptions {
  folder: string;
  stateDir?: string;
  port?: number;
  settings?: Record<string, unknown>;
  smokeTestDriver?: boolean;
  vsix?: string;
  timeoutMs?: number;
  onOutput?: (text: string) => void;
}
export interface RunningCodeServer {
  url: string;
  port: number;
  pid: number;
  state: CodeServerState;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}
export const quietSettings: Record<string, unknown>;
export function requireEditor(): { node: string; codeServerEntry: string; codeServer: string; node24Version: string };
export function freePort(): Promise<number>;
export function prepareStateDir(dir: string, settings?: Record<string, unknown>): CodeServerState;
export function installVsix(state: CodeServerState, vsix: string): string;
export function startCodeServer(options: StartOptions): Promise<RunningCodeServer>;
