import os from 'node:os';

/** Plain-text tables for the terminal; the JSON file holds the same figures unrounded. */
export function table(title: string, headers: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  const cells = rows.map((row) => row.map(formatCell));
  const widths = headers.map((header, column) => Math.max(header.length, ...cells.map((row) => row[column]?.length ?? 0)));
  const line = (values: readonly string[]) =>
    values.map((value, column) => (column === 0 ? value.padEnd(widths[column]!) : value.padStart(widths[column]!))).join('  ');
  return [``, title, line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n');
}

function formatCell(value: string | number | undefined): string {
  if (value === undefined) return '–';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '–';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  /** 1-minute load average when the run started and ended: other work on a shared machine shows here. */
  readonly loadAverageAtStart: number;
  loadAverageAtEnd?: number;
}

export function describeMachine(): MachineInfo {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

export interface GoalCheck {
  readonly goal: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

export function goalsTable(goals: readonly GoalCheck[]): string {
  return table(
    'Goals',
    ['goal', 'target', 'measured', 'met'],
    goals.map((goal) => [goal.goal, goal.target, goal.measured, goal.met ? 'yes' : 'NO']),
  );
}
