import os from 'node:os';

/** One line describing the machine a figure was measured on: CPU model, core count, memory, Node. */
export function machineLine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  return `machine: ${model}, ${cpus.length} CPUs, ${gib} GiB, Node ${process.version}, ${os.platform()} ${os.arch()}`;
}
