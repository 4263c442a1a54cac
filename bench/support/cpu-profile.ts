/**
 * CPU profiles of a bench Worker, taken through the inspector wrangler
 * serves for it (Chrome DevTools Protocol, `Profiler` domain), and the time
 * of a profile split into phases by the functions on each sample's stack.
 * workerd's clocks stand still during synchronous code, so timers inside
 * the Worker cannot split a call; a sampling profile can.
 */

/** A `Profiler.Profile` of the DevTools Protocol: a call tree, the leaf node of each sample, and µs between samples. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Profiles the Worker while `work` runs. */
export interface Profiler {
  /** Starts sampling every `intervalUs` µs, runs `work`, stops; returns its result and the profile. */
  profile<T>(work: () => Promise<T>, intervalUs?: number): Promise<{ result: T; profile: CpuProfile }>;
  /** Closes the connection. */
  close(): void;
}

/**
 * Connects to the inspector at `inspectorUrl` (`startBenchWorker(name, { inspector: true })`):
 * wrangler lists one target, the user Worker, whose isolate runs its
 * Durable Objects.
 *
 * @example
 * const profiler = await connectProfiler(worker.inspectorUrl!);
 * const { profile } = await profiler.profile(() => worker.timedRun('rows/profile'));
 */
export async function connectProfiler(inspectorUrl: URL): Promise<Profiler> {
  const targets = (await (await fetch(`http://${inspectorUrl.host}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  if (targets[0] === undefined) throw new Error(`bench: expected an inspector target at ${inspectorUrl.host}, found none`);
  // wrangler's inspector proxy accepts local DevTools origins only.
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl, { headers: { Origin: 'http://localhost' } });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`bench: could not connect to the inspector at ${inspectorUrl.host}`)), { once: true });
  });
  let lastId = 0;
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) pending.get(message.id)?.(message);
    pending.delete(message.id ?? -1);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = ++lastId;
      pending.set(id, (message) => (message.error === undefined ? resolve(message.result) : reject(new Error(`bench: ${method}: ${message.error.message}`))));
      socket.send(JSON.stringify({ id, method, params }));
    });
  await send('Profiler.enable');
  return {
    async profile(work, intervalUs = 100) {
      await send('Profiler.setSamplingInterval', { interval: intervalUs });
      await send('Profiler.start');
      const result = await work();
      const { profile } = (await send('Profiler.stop')) as { profile: CpuProfile };
      return { result, profile };
    },
    close: () => socket.close(),
  };
}

/** A phase of a profiled call: the functions whose time is its time. */
export interface ProfilePhase {
  readonly phase: string;
  readonly functions: readonly string[];
}

/** A phase's share of a profile. */
export interface PhaseTime {
  phase: string;
  ms: number;
  /** Of the whole profile, 0…1. */
  share: number;
}

/** What V8 calls the samples of no JavaScript function. */
const V8_STATES: Readonly<Record<string, string>> = {
  '(idle)': 'idle (waiting on I/O)',
  '(garbage collector)': 'garbage collection',
  '(program)': 'native code outside JavaScript (program)',
};

/**
 * The time of `profile` by phase: a sample counts for the phase of the
 * innermost frame on its stack whose function a phase lists (a bundler's
 * renamed copies, `name2`, included); one with no listed frame counts as
 * V8's state (idle, garbage collection, program) or "other JavaScript".
 * A sample lasts until the next one. Phases are returned in the order given,
 * then the others, largest first; phases with no samples are left out.
 *
 * @example
 * splitProfile(profile, [{ phase: 'read', functions: ['readUnsyncedChanges'] }]);
 * // [{ phase: 'read', ms: 812.4, share: 0.31 }, { phase: 'idle (waiting on I/O)', … }, …]
 */
export function splitProfile(profile: CpuProfile, phases: readonly ProfilePhase[]): PhaseTime[] {
  const phaseOf = new Map<string, string>();
  for (const { phase, functions } of phases) for (const name of functions) phaseOf.set(name, phase);
  const listed = (name: string) => phaseOf.get(name) ?? phaseOf.get(name.replace(/\d+$/, ''));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  /** Each node's phase, found once. */
  const memo = new Map<number, string>();
  const classify = (id: number): string => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    let phase: string | undefined;
    for (let at: number | undefined = id; at !== undefined && phase === undefined; at = parent.get(at)) phase = listed(nodes.get(at)!.callFrame.functionName);
    const name = nodes.get(id)!.callFrame.functionName;
    phase ??= V8_STATES[name] ?? 'other JavaScript';
    memo.set(id, phase);
    return phase;
  };
  const us = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const lasts = profile.timeDeltas[i + 1] ?? 0;
    const phase = classify(id);
    us.set(phase, (us.get(phase) ?? 0) + lasts);
  });
  const total = [...us.values()].reduce((a, b) => a + b, 0) || 1;
  const order = phases.map((p) => p.phase);
  const rank = (phase: string) => (order.includes(phase) ? order.indexOf(phase) : order.length);
  return [...us]
    .sort(([a, x], [b, y]) => rank(a) - rank(b) || y - x)
    .map(([phase, time]) => ({ phase, ms: time / 1000, share: time / total }));
}
