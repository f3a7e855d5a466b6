import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * CPU time and memory of another process, read from Linux's /proc, so the bot under load is
 * measured from outside and the load generator's own work is not counted.
 */
export interface ProcessSample {
  /** User plus system CPU time since the process started, in milliseconds. */
  readonly cpuMs: number;
  readonly rssMb: number;
  /** The kernel's high-water mark of resident memory (VmHWM) since the process started. */
  readonly peakRssMb: number;
}

let ticksPerSecond: number | undefined;

function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export function sampleProcess(pid: number): ProcessSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return {
    cpuMs: ((userTicks + systemTicks) * 1000) / clockTicksPerSecond(),
    rssMb: kilobytes('VmRSS') / 1024,
    peakRssMb: kilobytes('VmHWM') / 1024,
  };
}

/** Whether /proc can be read here (Linux); elsewhere CPU and memory figures are left out. */
export function canSampleProcesses(): boolean {
  return fs.existsSync(`/proc/${process.pid}/stat`);
}

/**
 * CPU time of this process's other children (Azurite, for one), so what an emulator costs on a
 * shared machine shows beside the bot's own figures.
 */
export function childrenCpuMs(excludedPids: readonly number[]): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || excludedPids.includes(Number(entry))) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      total += ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond();
    } catch {
      // The process ended while the list was read.
    }
  }
  return total;
}
